import type { MultiPolygon, Polygon, Position } from "geojson";
import { closeRing, openRing } from "./rings";

/** Tolerance (degrees, ≈ 0.1 µm) under which a vertex counts as lying on an edge in split and merge. */
export const NODE_TOLERANCE = 1e-12;

/** Points sorted by x, for the range search of {@link candidates}. */
type SortedPoints = readonly Position[];

function lowerBound(points: SortedPoints, x: number): number {
  let lo = 0, hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where `p` lies on edge ab as a fraction in (0, 1), when it lies within `tol` of the edge's interior and
 * farther than `tol` from both ends (a point at an end is that vertex, not a new one); otherwise null.
 */
function fractionOnEdge(p: Position, a: Position, b: Position, tol: number): number | null {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return null;
  const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  if (t <= 0 || t >= 1) return null;
  const ex = a[0] + t * dx - p[0], ey = a[1] + t * dy - p[1];
  if (ex * ex + ey * ey > tol * tol) return null;
  const nearA = (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2 <= tol * tol;
  const nearB = (p[0] - b[0]) ** 2 + (p[1] - b[1]) ** 2 <= tol * tol;
  return nearA || nearB ? null : t;
}

/** The points lying on edge ab (see {@link fractionOnEdge}), ordered from a to b. */
function pointsOnEdge(points: SortedPoints, a: Position, b: Position, tol: number): Position[] {
  const minY = Math.min(a[1], b[1]) - tol, maxY = Math.max(a[1], b[1]) + tol, maxX = Math.max(a[0], b[0]) + tol;
  const hits: Array<[number, Position]> = [];
  for (let k = lowerBound(points, Math.min(a[0], b[0]) - tol); k < points.length && points[k][0] <= maxX; k++) {
    const p = points[k];
    if (p[1] < minY || p[1] > maxY) continue;
    const t = fractionOnEdge(p, a, b, tol);
    if (t !== null && !hits.some(([, q]) => q[0] === p[0] && q[1] === p[1])) hits.push([t, p]);
  }
  return hits.sort((p, q) => p[0] - q[0]).map(([, p]) => p);
}

/**
 * Used to node T-junctions (merge) and to give neighbours the new vertices of a split or a drawing, so that
 * shared boundaries share vertices bit-for-bit: returns the open ring with every point of `points` that lies
 * on one of its edges (within `tol`, not at its ends) inserted there, using the point's own coordinates.
 * Returns the same array when nothing was inserted.
 */
export function nodePointsOnRing(open: Position[], points: readonly Position[], tol = NODE_TOLERANCE): Position[] {
  const sorted = [...points].sort((p, q) => p[0] - q[0]);
  const out: Position[] = [];
  let inserted = 0;
  for (let i = 0; i < open.length; i++) {
    const a = open[i], b = open[(i + 1) % open.length];
    out.push(a);
    const on = pointsOnEdge(sorted, a, b, tol);
    inserted += on.length;
    out.push(...on);
  }
  return inserted ? out : open;
}

/**
 * Used by the ops on every entity near an edit: {@link nodePointsOnRing} on each ring of a Polygon or
 * MultiPolygon (rings handed back closed). `inserted` is how many vertices were added; 0 means the geometry
 * returned is the input itself.
 */
export function nodePointsOnGeometry<G extends Polygon | MultiPolygon>(geometry: G, points: readonly Position[], tol = NODE_TOLERANCE): { geometry: G; inserted: number } {
  let inserted = 0;
  const node = (ring: Position[]) => {
    const open = openRing(ring);
    const noded = nodePointsOnRing(open, points, tol);
    inserted += noded.length - open.length;
    return noded === open ? ring : closeRing(noded);
  };
  const next =
    geometry.type === "Polygon"
      ? { ...geometry, coordinates: geometry.coordinates.map(node) }
      : { ...geometry, coordinates: (geometry as MultiPolygon).coordinates.map((poly) => poly.map(node)) };
  return inserted ? { geometry: next as G, inserted } : { geometry, inserted: 0 };
}
