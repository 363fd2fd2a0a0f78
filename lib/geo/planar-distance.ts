import type { Position } from "geojson";

/**
 * Used in planar (metre) work such as placing footprints with a set-back from a boundary: the Euclidean
 * distance from point p to segment ab.
 */
export function pointSegmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return Math.sqrt(x * x + y * y);
}

function orient(a: Position, b: Position, c: Position): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** Used to detect crossing edges (validity and clipping checks): true when segments ab and cd share a point. */
export function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const onSeg = (p: Position, q: Position, r: Position) =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return (
    (d1 === 0 && onSeg(c, d, a)) || (d2 === 0 && onSeg(c, d, b)) || (d3 === 0 && onSeg(a, b, c)) || (d4 === 0 && onSeg(a, b, d))
  );
}

/** Used with {@link pointSegmentDistance} for set-backs between two edges: distance between segments ab and cd. */
export function segmentSegmentDistance(a: Position, b: Position, c: Position, d: Position): number {
  if (segmentsIntersect(a, b, c, d)) return 0;
  return Math.min(pointSegmentDistance(a, c, d), pointSegmentDistance(b, c, d), pointSegmentDistance(c, a, b), pointSegmentDistance(d, a, b));
}

/**
 * Used to keep footprints apart (placement, overlap checks of convex buildings): true when two convex
 * polygons (vertex lists, any orientation, not closed) are separated along some edge normal by at least
 * `gap` (separating-axis theorem). `gap = 0` means "do not overlap" (touching counts as separated).
 */
export function convexPolygonsSeparated(a: readonly Position[], b: readonly Position[], gap = 0): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i];
      const q = poly[(i + 1) % poly.length];
      let nx = q[1] - p[1];
      let ny = p[0] - q[0];
      const len = Math.hypot(nx, ny);
      if (len === 0) continue;
      nx /= len;
      ny /= len;
      let minA = Infinity;
      let maxA = -Infinity;
      let minB = Infinity;
      let maxB = -Infinity;
      for (const v of a) {
        const s = v[0] * nx + v[1] * ny;
        if (s < minA) minA = s;
        if (s > maxA) maxA = s;
      }
      for (const v of b) {
        const s = v[0] * nx + v[1] * ny;
        if (s < minB) minB = s;
        if (s > maxB) maxB = s;
      }
      if (maxA + gap <= minB || maxB + gap <= minA) return true;
    }
  }
  return false;
}
