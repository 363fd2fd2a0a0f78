/**
 * The baseline of building assignment: what a GIS user would script with Turf — a bbox prefilter (a uniform grid
 * of the small areas' bboxes) and `turf.booleanPointInPolygon` against each candidate.
 */
import { booleanPointInPolygon } from "@turf/turf";
import type { MultiPolygon, Polygon } from "geojson";
import { buildingPoint } from "@/lib/coverage/buildings";
import type { CheckBuilding } from "@/lib/coverage/types";
import { bboxOfGeometry, type Bbox } from "@/lib/geo/bbox";

/** Result of {@link runTurfAssignment}. */
export interface TurfAssignmentResult {
  /** measured time on the sample, grid build included (ms) */
  ms: number;
  /** `ms` scaled linearly to every building */
  extrapolatedMs: number;
  sampled: number;
  total: number;
  /** per area key: sampled buildings inside exactly that one area */
  counts: Map<string, number>;
  /** tests Turf refused (invalid rings, e.g. the county's injected unclosed ring) */
  errors: number;
}

/** Used by the bench to pick the buildings a slow baseline runs on: `n` evenly spaced items of `list`. */
export function evenSample<T>(list: readonly T[], n: number): T[] {
  const count = Math.min(list.length, Math.max(0, n));
  const stride = list.length / Math.max(1, count);
  return Array.from({ length: count }, (_, k) => list[Math.floor(k * stride)]);
}

/**
 * Used by `bin/bench-buildings.ts`: assigns `buildings` (a sample, see {@link evenSample}) to `areas` with Turf
 * and extrapolates the time to `total` buildings. A building inside two areas (or on a shared edge) is not counted.
 */
export function runTurfAssignment(
  areas: ReadonlyArray<{ key: string; geometry: Polygon | MultiPolygon }>,
  buildings: readonly CheckBuilding[],
  options: { total?: number; gridSize?: number } = {},
): TurfAssignmentResult {
  const sampled = buildings.length;
  const total = options.total ?? sampled;
  const counts = new Map<string, number>();
  let errors = 0;
  const start = performance.now();
  const boxes: Bbox[] = areas.map((a) => bboxOfGeometry(a.geometry));
  const [x0, y0, x1, y1] = boxes.reduce<Bbox>((e, b) => [Math.min(e[0], b[0]), Math.min(e[1], b[1]), Math.max(e[2], b[2]), Math.max(e[3], b[3])], [Infinity, Infinity, -Infinity, -Infinity]);
  const n = options.gridSize ?? Math.max(1, Math.round(Math.sqrt(areas.length) * 2));
  const cellW = (x1 - x0) / n || 1, cellH = (y1 - y0) / n || 1;
  const col = (x: number) => Math.min(n - 1, Math.max(0, Math.floor((x - x0) / cellW)));
  const row = (y: number) => Math.min(n - 1, Math.max(0, Math.floor((y - y0) / cellH)));
  const grid: number[][] = Array.from({ length: n * n }, () => []);
  boxes.forEach((b, i) => {
    if (!b.every(Number.isFinite)) return;
    for (let r = row(b[1]); r <= row(b[3]); r++) for (let c = col(b[0]); c <= col(b[2]); c++) grid[r * n + c].push(i);
  });
  for (let k = 0; k < sampled; k++) {
    const at = buildingPoint(buildings[k]);
    if (!at) continue;
    let hit = -1, hits = 0;
    for (const i of grid[row(at[1]) * n + col(at[0])]) {
      const b = boxes[i];
      if (at[0] < b[0] || at[0] > b[2] || at[1] < b[1] || at[1] > b[3]) continue;
      try {
        if (booleanPointInPolygon(at, areas[i].geometry)) {
          hit = i;
          hits++;
        }
      } catch {
        errors++;
      }
    }
    if (hits === 1) counts.set(areas[hit].key, (counts.get(areas[hit].key) ?? 0) + 1);
  }
  const ms = performance.now() - start;
  return { ms, extrapolatedMs: (ms * total) / Math.max(1, sampled), sampled, total, counts, errors };
}
