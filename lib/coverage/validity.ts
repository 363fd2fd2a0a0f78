import type { MultiPolygon, Polygon, Position } from "geojson";
import { firstSelfIntersection } from "./ring-simplicity";

/** A rule a geometry breaks, where (a JSON path inside the geometry), and a position to show. */
export interface GeometryProblem {
  rule: "non_finite" | "out_of_range" | "too_few_positions" | "not_closed" | "self_intersection" | "wrong_type";
  place: string;
  at: [number, number] | null;
}

/** The last ring read by `checkRing`: open, consecutive duplicates dropped (see {@link checkRing}). */
export const ringScratch = { xs: new Float64Array(256), ys: new Float64Array(256) };

/** Where a ring sits in its geometry: `coordinates[r]` or `coordinates[p][r]` (p < 0 for a Polygon). */
function ringPlace(p: number, r: number): string {
  return p < 0 ? `coordinates[${r}]` : `coordinates[${p}][${r}]`;
}

/**
 * Used by `checkGeometryValidity` and the fused read of the coverage check (checked-area.ts): checks one
 * ring, appending what it breaks to `problems` (the place string is only built then). Returns -1 when the
 * ring breaks a rule, else its vertex count n, with its open coordinates (consecutive duplicates and the
 * closing position dropped) in `ringScratch` until the next call.
 */
export function checkRing(ring: Position[], polygonIndex: number, ringIndex: number, problems: GeometryProblem[]): number {
  if (!Array.isArray(ring)) {
    problems.push({ rule: "wrong_type", place: ringPlace(polygonIndex, ringIndex), at: null });
    return -1;
  }
  if (ringScratch.xs.length < ring.length) {
    ringScratch.xs = new Float64Array(ring.length * 2);
    ringScratch.ys = new Float64Array(ring.length * 2);
  }
  const xs = ringScratch.xs, ys = ringScratch.ys;
  let n = 0;
  for (let k = 0; k < ring.length; k++) {
    const p = ring[k];
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      problems.push({ rule: "non_finite", place: `${ringPlace(polygonIndex, ringIndex)}[${k}]`, at: null });
      return -1;
    }
    if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
      problems.push({ rule: "out_of_range", place: `${ringPlace(polygonIndex, ringIndex)}[${k}]`, at: [p[0], p[1]] });
      return -1;
    }
    if (n > 0 && xs[n - 1] === p[0] && ys[n - 1] === p[1]) continue;
    xs[n] = p[0];
    ys[n] = p[1];
    n++;
  }
  if (ring.length < 4) {
    problems.push({ rule: "too_few_positions", place: ringPlace(polygonIndex, ringIndex), at: ring.length ? [ring[0][0], ring[0][1]] : null });
    return -1;
  }
  const first = ring[0], last = ring[ring.length - 1];
  const closed = first[0] === last[0] && first[1] === last[1];
  if (!closed) {
    problems.push({ rule: "not_closed", place: ringPlace(polygonIndex, ringIndex), at: [last[0], last[1]] });
  } else {
    n--;
  }
  if (n < 3) {
    problems.push({ rule: "too_few_positions", place: ringPlace(polygonIndex, ringIndex), at: [first[0], first[1]] });
    return -1;
  }
  const crossing = firstSelfIntersection(xs, ys, n);
  if (crossing) problems.push({ rule: "self_intersection", place: ringPlace(polygonIndex, ringIndex), at: crossing });
  return crossing || !closed ? -1 : n;
}

/**
 * Used by the coverage check before anything else: the OGC-style rules a polygonal geometry breaks —
 * non-finite or out-of-range positions, rings with fewer than 4 positions or not closed, self-intersecting
 * rings — each with its place (e.g. `coordinates[0][3]`). An empty list means the rings are usable.
 */
export function checkGeometryValidity(geometry: Polygon | MultiPolygon | null | undefined): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  if (!geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") || !Array.isArray(geometry.coordinates)) {
    return [{ rule: "wrong_type", place: "type", at: null }];
  }
  if (geometry.type === "Polygon") {
    const rings = geometry.coordinates;
    for (let r = 0; r < rings.length; r++) checkRing(rings[r], -1, r, problems);
  } else {
    const polygons = geometry.coordinates;
    for (let p = 0; p < polygons.length; p++) {
      const polygon = polygons[p];
      if (!Array.isArray(polygon)) problems.push({ rule: "wrong_type", place: `coordinates[${p}]`, at: null });
      else for (let r = 0; r < polygon.length; r++) checkRing(polygon[r], p, r, problems);
    }
  }
  return problems;
}
