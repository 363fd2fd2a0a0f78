import type { Position } from "geojson";

/** Side of p from the line ab: 1 left, -1 right, 0 when p lies within `tolerance` of the line. */
function sideOf(a: Position, b: Position, p: Position, tolerance: number): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const cross = dx * (p[1] - a[1]) - dy * (p[0] - a[0]);
  if (Math.abs(cross) <= tolerance * Math.hypot(dx, dy)) return 0;
  return cross > 0 ? 1 : -1;
}

/**
 * Used by the reshape ops to find a moved edge that cuts into a neighbour (bbox-filtered first): true only when
 * segments ab and cd cross at one point inside both. Sharing an end, touching, or running along each other
 * (neighbours sharing an edge) is not crossing; `tolerance` (in the coordinates' unit) widens "along the line".
 * See `segmentsIntersect` in planar-distance.ts for the test that counts touching too.
 */
export function segmentsCross(a: Position, b: Position, c: Position, d: Position, tolerance = 0): boolean {
  const c1 = sideOf(a, b, c, tolerance);
  const c2 = sideOf(a, b, d, tolerance);
  if (c1 === 0 || c2 === 0 || c1 === c2) return false;
  const c3 = sideOf(c, d, a, tolerance);
  const c4 = sideOf(c, d, b, tolerance);
  return c3 !== 0 && c4 !== 0 && c3 !== c4;
}
