import type { Polygon, Position } from "geojson";

/** Mean earth radius in metres (same as @turf/helpers `earthRadius`), used for areas on the sphere. */
const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/**
 * Used wherever a size on the ground is needed (size checks, partition checks, tests): the signed area in m²
 * of a lon/lat ring on the sphere, positive when the ring is counter-clockwise (RFC 7946 outer ring).
 * Same formula as @turf/area (Chamberlain & Duquette), so its magnitude matches turf's, but computed relative
 * to the ring's first vertex (exact longitude differences, sin(φ) − sin(φ₀) by the half-angle identity) so
 * that it stays accurate to ~1e-13 relative for small rings, where turf's loses about 1e-7. Each edge
 * contributes a term that depends only on its two ends, so the areas of polygons that tile a region add up
 * to the region's area. The ring may be closed (last = first) or not.
 */
export function ringAreaM2(ring: readonly Position[]): number {
  let n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) n -= 1;
  return sphericalRingArea(n, (i) => ring[i][0], (i) => ring[i][1]);
}

/**
 * Used by the coverage checks on flattened rings ([x0, y0, x1, y1, …], open): the same signed area as
 * {@link ringAreaM2} without building position arrays.
 */
export function flatRingAreaM2(coords: ArrayLike<number>): number {
  let n = coords.length / 2;
  if (n > 1 && coords[0] === coords[2 * n - 2] && coords[1] === coords[2 * n - 1]) n -= 1;
  return sphericalRingArea(n, (i) => coords[2 * i], (i) => coords[2 * i + 1]);
}

function sphericalRingArea(n: number, xAt: (i: number) => number, yAt: (i: number) => number): number {
  if (n < 3) return 0;
  const x0 = xAt(0);
  const y0 = yAt(0);
  let total = 0;
  let prevX = 0;
  let prevS = 0;
  for (let i = 1; i <= n; i++) {
    const k = i % n;
    const lat = yAt(k);
    // s(φ) = sin φ − sin φ0 = 2 cos((φ + φ0) / 2) sin((φ − φ0) / 2)
    const sy = 2 * Math.cos(((lat + y0) / 2) * RAD) * Math.sin(((lat - y0) / 2) * RAD);
    const x = (xAt(k) - x0) * RAD;
    total += (x - prevX) * (sy + prevS);
    prevX = x;
    prevS = sy;
  }
  return (-total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2;
}

/** Used for the area in m² of a polygon with holes: |outer ring| minus the |holes|. */
export function polygonAreaM2(polygon: Polygon): number {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer) return 0;
  return holes.reduce((a, h) => a - Math.abs(ringAreaM2(h)), Math.abs(ringAreaM2(outer)));
}

/**
 * Used to check or fix ring orientation (RFC 7946: outer rings counter-clockwise, holes clockwise):
 * true when the planar shoelace area of the ring, in its own coordinates, is positive.
 */
export function isRingCounterClockwise(ring: readonly Position[]): boolean {
  let sum = 0;
  // Σ (x_i − x_j)(y_i + y_j) over edges j→i is −2 × the shoelace area: negative when counter-clockwise
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[i][0] - ring[j][0]) * (ring[i][1] + ring[j][1]);
  }
  return sum < 0;
}
