import type { MultiPolygon, Polygon, Position } from "geojson";

/** A rule a geometry breaks, where (a JSON path inside the geometry), and a position to show. */
export interface GeometryProblem {
  rule: "non_finite" | "out_of_range" | "too_few_positions" | "not_closed" | "self_intersection" | "wrong_type";
  place: string;
  at: [number, number] | null;
}

function orientAt(xs: Float64Array, ys: Float64Array, a: number, b: number, c: number): number {
  const v = (xs[b] - xs[a]) * (ys[c] - ys[a]) - (ys[b] - ys[a]) * (xs[c] - xs[a]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function betweenAt(xs: Float64Array, ys: Float64Array, a: number, b: number, p: number): boolean {
  return Math.min(xs[a], xs[b]) <= xs[p] && xs[p] <= Math.max(xs[a], xs[b]) && Math.min(ys[a], ys[b]) <= ys[p] && ys[p] <= Math.max(ys[a], ys[b]);
}

/**
 * `segmentsTouch` on edges given by vertex indices into typed arrays: passing indices (small integers)
 * instead of coordinates keeps V8 from boxing eight doubles per call in this innermost loop.
 */
function edgesTouch(xs: Float64Array, ys: Float64Array, i: number, i2: number, j: number, j2: number): boolean {
  const o1 = orientAt(xs, ys, i, i2, j), o2 = orientAt(xs, ys, i, i2, j2);
  const o3 = orientAt(xs, ys, j, j2, i), o4 = orientAt(xs, ys, j, j2, i2);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && betweenAt(xs, ys, i, i2, j)) ||
    (o2 === 0 && betweenAt(xs, ys, i, i2, j2)) ||
    (o3 === 0 && betweenAt(xs, ys, j, j2, i)) ||
    (o4 === 0 && betweenAt(xs, ys, j, j2, i2))
  );
}

function foldsBack(xs: Float64Array, ys: Float64Array, a: number, shared: number, c: number): boolean {
  return orientAt(xs, ys, a, shared, c) === 0 && (xs[a] - xs[shared]) * (xs[c] - xs[shared]) + (ys[a] - ys[shared]) * (ys[c] - ys[shared]) > 0;
}

let boxMinX = new Float64Array(256);
let boxMaxX = new Float64Array(256);
let boxMinY = new Float64Array(256);
let boxMaxY = new Float64Array(256);

/**
 * The same test as the sweep, for the usual small ring (tens of vertices), where pairs with a bbox reject win.
 * Edge bboxes are computed once into scratch arrays, so the inner loop is four loads and compares per pair.
 */
function bruteForceSelfIntersection(xs: Float64Array, ys: Float64Array, n: number): [number, number] | null {
  if (boxMinX.length < n) {
    boxMinX = new Float64Array(n * 2);
    boxMaxX = new Float64Array(n * 2);
    boxMinY = new Float64Array(n * 2);
    boxMaxY = new Float64Array(n * 2);
  }
  const x0s = boxMinX, x1s = boxMaxX, y0s = boxMinY, y1s = boxMaxY;
  for (let i = 0; i < n; i++) {
    const i2 = i + 1 === n ? 0 : i + 1;
    const ax = xs[i], bx = xs[i2], ay = ys[i], by = ys[i2];
    x0s[i] = ax < bx ? ax : bx;
    x1s[i] = ax < bx ? bx : ax;
    y0s[i] = ay < by ? ay : by;
    y1s[i] = ay < by ? by : ay;
  }
  for (let i = 0; i < n; i++) {
    const i2 = i + 1 === n ? 0 : i + 1;
    if (foldsBack(xs, ys, i, i2, i2 + 1 === n ? 0 : i2 + 1)) return [xs[i2], ys[i2]];
    const minX = x0s[i], maxX = x1s[i], minY = y0s[i], maxY = y1s[i];
    const last = i === 0 ? n - 1 : n; // edge n-1 ends at vertex 0, adjacent to edge 0
    for (let j = i + 2; j < last; j++) {
      if (x1s[j] < minX || x0s[j] > maxX || y1s[j] < minY || y0s[j] > maxY) continue;
      if (edgesTouch(xs, ys, i, i2, j, j + 1 === n ? 0 : j + 1)) return [xs[j], ys[j]];
    }
  }
  return null;
}

/**
 * Finds the first pair of non-adjacent edges of a closed ring (open coordinate list, n vertices) that touch,
 * by a sweep over edges sorted by their western end; null when the ring is simple.
 */
function firstSelfIntersection(xs: Float64Array, ys: Float64Array, n: number): [number, number] | null {
  if (n < 4) return null;
  if (n <= 192) return bruteForceSelfIntersection(xs, ys, n);
  const minXs = new Float64Array(n), maxXs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const i2 = (i + 1) % n;
    minXs[i] = Math.min(xs[i], xs[i2]);
    maxXs[i] = Math.max(xs[i], xs[i2]);
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => minXs[a] - minXs[b]);
  for (let p = 0; p < n; p++) {
    const i = order[p];
    const i2 = (i + 1) % n;
    for (let q = p + 1; q < n; q++) {
      const j = order[q];
      if (minXs[j] > maxXs[i]) break;
      const j2 = (j + 1) % n;
      if (j === i2 || i === j2) {
        // adjacent edges only meet at their shared vertex, unless they fold back on each other
        const shared = j === i2 ? i2 : i;
        if (foldsBack(xs, ys, j === i2 ? i : j, shared, j === i2 ? j2 : i2)) return [xs[shared], ys[shared]];
        continue;
      }
      if (edgesTouch(xs, ys, i, i2, j, j2)) return [xs[j], ys[j]];
    }
  }
  return null;
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
