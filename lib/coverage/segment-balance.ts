import type { FlatArea } from "./flat-geometry";
import { SEGMENT_SHIFT, SegmentCounter } from "./segment-counter";
import { VertexTable } from "./vertex-table";

const SHIFT = SEGMENT_SHIFT;

/** One table and counter reused by every call (the caller is done with the previous leftovers by then). */
const shared = { table: new VertexTable(1024), counter: new SegmentCounter(1024) };

/** Directed leftover segments (vertex ids) after cancellation, each repeated by its multiplicity. */
export interface Leftovers {
  table: VertexTable;
  from: number[];
  to: number[];
}

/**
 * The heart of the partition check (after GEOS's CoverageValidator): every directed boundary segment of
 * the parts is added, every segment of the container reversed, and a segment cancels its twin. In an exact
 * partition nothing is left; what is left is exactly the defect linework. Runs in linear time on typed
 * arrays; used once per district (small areas vs district) and once for the districts vs the township.
 * The returned table is reused by the next call: finish with the leftovers before balancing again.
 */
export function balanceSegments(parts: readonly (FlatArea | null)[], container: FlatArea | null, snap: number): Leftovers {
  let expected = 0;
  for (const p of parts) if (p) for (const r of p.rings) expected += r.length / 2;
  if (container) for (const r of container.rings) expected += r.length / 2;
  const table = shared.table;
  table.reset(expected, snap);
  const net = shared.counter;
  net.reset(expected);
  const add = (ring: Float64Array, reversed: boolean) => {
    const n = ring.length / 2;
    const first = table.idAt(ring, 0);
    let prev = first;
    for (let i = 1; i <= n; i++) {
      const id = i === n ? first : table.idAt(ring, i);
      if (id !== prev) {
        if (reversed) net.addSegment(id, prev);
        else net.addSegment(prev, id);
      }
      prev = id;
    }
  };
  for (const p of parts) if (p) for (const r of p.rings) add(r, false);
  if (container) for (const r of container.rings) add(r, true);
  const from: number[] = [], to: number[] = [];
  net.forEachNonZero((key, count) => {
    const a = Math.floor(key / SHIFT), b = key - a * SHIFT;
    for (let k = 0; k < Math.abs(count); k++) {
      if (count > 0) {
        from.push(a);
        to.push(b);
      } else {
        from.push(b);
        to.push(a);
      }
    }
  });
  return { table, from, to };
}

/** Used after each repair step on leftovers: cancels directed segments (ids) against their twins again. */
export function cancelDirected(from: number[], to: number[]): { from: number[]; to: number[] } {
  const net = new Map<number, number>();
  for (let i = 0; i < from.length; i++) {
    const a = from[i], b = to[i];
    if (a === b) continue;
    if (a < b) net.set(a * SHIFT + b, (net.get(a * SHIFT + b) ?? 0) + 1);
    else net.set(b * SHIFT + a, (net.get(b * SHIFT + a) ?? 0) - 1);
  }
  const f: number[] = [], t: number[] = [];
  for (const [key, count] of net) {
    const a = Math.floor(key / SHIFT), b = key - a * SHIFT;
    for (let k = 0; k < Math.abs(count); k++) {
      f.push(count > 0 ? a : b);
      t.push(count > 0 ? b : a);
    }
  }
  return { from: f, to: t };
}
