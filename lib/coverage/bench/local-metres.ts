import type { Position } from "geojson";
import { metresPerDegree } from "@/lib/geo/metres-per-degree";

/**
 * A local equirectangular frame (metres east/north of an origin) used by the synthetic county generator and
 * the truth scorer to turn small displacements and tolerances in metres into degrees and back. Accurate to
 * well under 1 % over a county; never used for reported areas (those use `ringAreaM2`).
 */
export interface LocalFrame {
  lon0: number;
  lat0: number;
  /** metres per degree of longitude at lat0 */
  kx: number;
  /** metres per degree of latitude */
  ky: number;
}

/** Used to build the frame of a county centred near (lon0, lat0). */
export function localFrame(lon0: number, lat0: number): LocalFrame {
  const [kx, ky] = metresPerDegree(lat0);
  return { lon0, lat0, kx, ky };
}

export { metresPerDegree };

/** Used to convert a position in the frame's metres to lon/lat. */
export function toLonLat(frame: LocalFrame, x: number, y: number): Position {
  return [frame.lon0 + x / frame.kx, frame.lat0 + y / frame.ky];
}

/** Used to move a lon/lat position by (dx, dy) metres. */
export function offsetMetres(frame: LocalFrame, p: Position, dx: number, dy: number): Position {
  return [p[0] + dx / frame.kx, p[1] + dy / frame.ky];
}

/** Used to turn a ring into a flat array of frame metres ([x0, y0, x1, y1, …]) for fast point tests. */
export function ringToMetres(frame: LocalFrame, ring: readonly Position[]): Float64Array {
  const out = new Float64Array(ring.length * 2);
  for (let i = 0; i < ring.length; i++) {
    out[2 * i] = (ring[i][0] - frame.lon0) * frame.kx;
    out[2 * i + 1] = (ring[i][1] - frame.lat0) * frame.ky;
  }
  return out;
}

/** Used for building placement: even-odd test of (x, y) against a flat closed ring in metres. */
export function insideFlatRing(ring: Float64Array, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i];
    const yi = ring[2 * i + 1];
    const xj = ring[2 * j];
    const yj = ring[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Used for building placement: squared distance (m²) from (x, y) to the nearest segment of a flat ring. */
export function flatRingDistance2(ring: Float64Array, x: number, y: number): number {
  let best = Infinity;
  const n = ring.length / 2;
  for (let i = 0; i + 1 < n; i++) {
    const ax = ring[2 * i];
    const ay = ring[2 * i + 1];
    const dx = ring[2 * i + 2] - ax;
    const dy = ring[2 * i + 3] - ay;
    const len2 = dx * dx + dy * dy;
    let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const ex = ax + t * dx - x;
    const ey = ay + t * dy - y;
    const d2 = ex * ex + ey * ey;
    if (d2 < best) best = d2;
  }
  return best;
}
