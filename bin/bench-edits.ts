/**
 * Part of `npm run bench`: the server side of one edit on the demo township — the op on the snapshot and
 * the write (`writeChange`: versions, change log, building re-assignment, coverage before and after) on the
 * database file with synchronous=FULL. Drags a vertex two small areas share back and forth.
 */
import type { Position } from "geojson";
import type { Db } from "@/db/client";
import { writeChange } from "@/db/edit-mutations";
import { getEditSnapshot } from "@/db/edit-queries";
import { moveSharedVertex } from "@/lib/edits/ops/move-vertex";
import type { EditSnapshot } from "@/lib/edits/types";
import { verticesOf } from "@/lib/geo/rings";

const key = (p: Position) => `${p[0]},${p[1]}`;

/** a vertex of exactly two small areas that no district boundary has: moving it touches two rows */
function interiorSharedVertex(snapshot: EditSnapshot): Position {
  const onDistricts = new Set(snapshot.districts.flatMap((d) => verticesOf(d.geometry).map(key)));
  const count = new Map<string, { p: Position; n: number }>();
  for (const area of snapshot.smallAreas) {
    if (!area.geometry) continue;
    for (const p of new Map(verticesOf(area.geometry).map((q) => [key(q), q])).values()) {
      const entry = count.get(key(p)) ?? { p, n: 0 };
      entry.n++;
      count.set(key(p), entry);
    }
  }
  const found = [...count.values()].find((e) => e.n === 2 && !onDistricts.has(key(e.p)));
  if (!found) throw new Error("no interior shared vertex in the demo");
  return found.p;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/** Used by bin/bench.ts on the freshly seeded demo database: rows of the bench table. */
export function benchEdits(db: Db, rounds = 30): Array<[string, string]> {
  const opMs: number[] = [], writeMs: number[] = [], snapshotMs: number[] = [];
  let at = interiorSharedVertex(getEditSnapshot(db));
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const snapshot = getEditSnapshot(db);
    const t1 = performance.now();
    const to: Position = [at[0] + (i % 2 === 0 ? 2e-5 : -2e-5), at[1]];
    const op = moveSharedVertex(snapshot, { from: at, to });
    const t2 = performance.now();
    if (!op.ok) throw new Error(`move refused: ${op.reason}`);
    writeChange(db, op.change, null);
    const t3 = performance.now();
    snapshotMs.push(t1 - t0);
    opMs.push(t2 - t1);
    writeMs.push(t3 - t2);
    at = to;
  }
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, p95 ${p95(xs).toFixed(1)} ms`;
  return [
    ["edit: read snapshot (township)", fmt(snapshotMs)],
    ["edit: move shared vertex op", fmt(opMs)],
    ["edit: write (versions, log, buildings, coverage)", `${fmt(writeMs)} (${rounds} drags)`],
  ];
}
