import { cancelDirected, type Leftovers } from "./segment-balance";
import { SegmentGrid } from "./segment-grid";
import type { VertexTable } from "./vertex-table";

/** Directed segments by vertex id, with the table holding the vertices' coordinates. */
export interface Linework {
  table: VertexTable;
  from: number[];
  to: number[];
}

function gridCell(table: VertexTable, from: number[], to: number[], tol: number): number {
  let total = 0;
  for (let i = 0; i < from.length; i++) total += Math.abs(table.xs[from[i]] - table.xs[to[i]]) + Math.abs(table.ys[from[i]] - table.ys[to[i]]);
  return Math.max(tol * 4, from.length ? total / from.length : tol);
}

/** Merges leftover vertices closer than `tol` (shared vertices that differ by floating error), then re-cancels. */
function mergeCloseVertices(work: Linework, tol: number): Linework {
  const { table } = work;
  const ids = [...new Set([...work.from, ...work.to])];
  const parent = new Map<number, number>(ids.map((id) => [id, id]));
  const find = (id: number): number => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  const grid = new SegmentGrid(tol * 2);
  ids.forEach((id, i) => grid.insert(i, table.xs[id], table.ys[id], table.xs[id], table.ys[id]));
  ids.forEach((id) => {
    const x = table.xs[id], y = table.ys[id];
    grid.query(x - tol, y - tol, x + tol, y + tol, (j) => {
      const other = ids[j];
      if (other === id) return;
      if (Math.abs(table.xs[other] - x) <= tol && Math.abs(table.ys[other] - y) <= tol) {
        const a = find(id), b = find(other);
        if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
      }
    });
  });
  const next = cancelDirected(work.from.map(find), work.to.map(find));
  return { table, ...next };
}

/** Splits leftover segments at leftover vertices lying on them (T-junctions), then re-cancels. */
function splitAtVertices(work: Linework, tol: number): Linework {
  const { table, from, to } = work;
  const ids = [...new Set([...from, ...to])];
  const grid = new SegmentGrid(gridCell(table, from, to, tol));
  ids.forEach((id, i) => grid.insert(i, table.xs[id], table.ys[id], table.xs[id], table.ys[id]));
  const outFrom: number[] = [], outTo: number[] = [];
  for (let s = 0; s < from.length; s++) {
    const a = from[s], b = to[s];
    const ax = table.xs[a], ay = table.ys[a], bx = table.xs[b], by = table.ys[b];
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const hits: Array<[number, number]> = [];
    const seen = new Set<number>();
    grid.query(Math.min(ax, bx) - tol, Math.min(ay, by) - tol, Math.max(ax, bx) + tol, Math.max(ay, by) + tol, (j) => {
      const v = ids[j];
      if (v === a || v === b || seen.has(v)) return;
      seen.add(v);
      const t = ((table.xs[v] - ax) * dx + (table.ys[v] - ay) * dy) / len2;
      if (t <= 0 || t >= 1) return;
      const px = ax + t * dx - table.xs[v], py = ay + t * dy - table.ys[v];
      if (px * px + py * py <= tol * tol) hits.push([t, v]);
    });
    hits.sort((p, q) => p[0] - q[0]);
    let prev = a;
    for (const [, v] of hits) {
      outFrom.push(prev);
      outTo.push(v);
      prev = v;
    }
    outFrom.push(prev);
    outTo.push(b);
  }
  return { table, ...cancelDirected(outFrom, outTo) };
}

/** Splits leftover segments where they cross each other, adding the crossing points as vertices. */
function nodeCrossings(work: Linework, tol: number): Linework {
  const { table, from, to } = work;
  const grid = new SegmentGrid(gridCell(table, from, to, tol));
  for (let s = 0; s < from.length; s++) {
    const ax = table.xs[from[s]], ay = table.ys[from[s]], bx = table.xs[to[s]], by = table.ys[to[s]];
    grid.insert(s, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  const splits: Array<Array<[number, number]>> = from.map(() => []);
  for (let s = 0; s < from.length; s++) {
    const a = from[s], b = to[s];
    const ax = table.xs[a], ay = table.ys[a], bx = table.xs[b], by = table.ys[b];
    const seen = new Set<number>();
    grid.query(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by), (u) => {
      if (u <= s || seen.has(u)) return;
      seen.add(u);
      const c = from[u], d = to[u];
      if (c === a || c === b || d === a || d === b) return;
      const cx = table.xs[c], cy = table.ys[c], dx = table.xs[d], dy = table.ys[d];
      const den = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
      if (den === 0) return;
      const t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / den;
      const w = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / den;
      if (t <= 0 || t >= 1 || w <= 0 || w >= 1) return;
      const id = table.addRaw(ax + t * (bx - ax), ay + t * (by - ay));
      splits[s].push([t, id]);
      splits[u].push([w, id]);
    });
  }
  const outFrom: number[] = [], outTo: number[] = [];
  for (let s = 0; s < from.length; s++) {
    const cuts = splits[s].sort((p, q) => p[0] - q[0]);
    let prev = from[s];
    for (const [, v] of cuts) {
      if (v !== prev) {
        outFrom.push(prev);
        outTo.push(v);
      }
      prev = v;
    }
    if (prev !== to[s]) {
      outFrom.push(prev);
      outTo.push(to[s]);
    }
  }
  return { table, ...cancelDirected(outFrom, outTo) };
}

/**
 * Used by the partition check on the (usually empty) leftovers only: merges vertices that differ by
 * floating error, splits edges at T-junctions, and nodes crossing edges, cancelling twins after each step.
 * What remains is noded defect linework ready for face tracing.
 */
export function repairLeftovers(leftovers: Leftovers, tol: number): Linework {
  let work: Linework = leftovers;
  if (!work.from.length) return work;
  work = mergeCloseVertices(work, tol);
  if (!work.from.length) return work;
  work = splitAtVertices(work, tol);
  if (!work.from.length) return work;
  return nodeCrossings(work, tol);
}
