import type { Position } from "geojson";

/**
 * Used for numbering and labelling (the centre around which small areas and buildings are ordered): the planar
 * area centroid of a ring in its own coordinates (closed or not). Falls back to the vertex mean for a
 * degenerate ring of zero area.
 */
export function ringCentroid(ring: readonly Position[]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  // shift to the first vertex to keep the products small (lon/lat of ~120/30 lose precision otherwise)
  const ox = ring[0][0];
  const oy = ring[0][1];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xj = ring[j][0] - ox;
    const yj = ring[j][1] - oy;
    const xi = ring[i][0] - ox;
    const yi = ring[i][1] - oy;
    const f = xj * yi - xi * yj;
    a += f;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
  }
  if (a === 0) {
    const sx = ring.reduce((s, p) => s + p[0], 0);
    const sy = ring.reduce((s, p) => s + p[1], 0);
    return [sx / ring.length, sy / ring.length];
  }
  return [ox + cx / (3 * a), oy + cy / (3 * a)];
}
