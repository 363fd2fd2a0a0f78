import type { Polygon } from "geojson";
import { ringToPositions, type FlatArea } from "./flat-geometry";

const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/**
 * The spherical area of a flat ring in m² (the formula and order of operations of `flatRingAreaM2` in
 * lib/geo/ring-area.ts, so the same number) and its perimeter in m (equirectangular at the first vertex, as
 * `metresPerDegree`), in one pass without closures or arrays: this runs for every small area of a county.
 * Written to `out` as [signed area, perimeter].
 */
function measureRing(ring: Float64Array, out: Float64Array): void {
  const len = ring.length;
  out[0] = 0;
  out[1] = 0;
  if (!len) return;
  const kx = 111_320 * Math.cos((ring[1] * Math.PI) / 180), ky = 110_574;
  let perimeter = 0;
  for (let i = 0, j = len - 2; i < len; j = i, i += 2) {
    const dx = (ring[i] - ring[j]) * kx;
    const dy = (ring[i + 1] - ring[j + 1]) * ky;
    perimeter += Math.sqrt(dx * dx + dy * dy);
  }
  out[1] = perimeter;
  let n = len / 2;
  if (n > 1 && ring[0] === ring[2 * n - 2] && ring[1] === ring[2 * n - 1]) n -= 1;
  if (n < 3) return;
  const x0 = ring[0], y0 = ring[1];
  let total = 0, prevX = 0, prevS = 0;
  for (let i = 1; i <= n; i++) {
    const k = i % n;
    const lat = ring[2 * k + 1];
    const sy = 2 * Math.cos(((lat + y0) / 2) * RAD) * Math.sin(((lat - y0) / 2) * RAD);
    const x = (ring[2 * k] - x0) * RAD;
    total += (x - prevX) * (sy + prevS);
    prevX = x;
    prevS = sy;
  }
  out[0] = (-total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2;
}

const measured = new Float64Array(2);

/** One polygon part of an area with its size on the ground. */
export interface AreaPart {
  /** builds the part's GeoJSON (only when an issue needs it) */
  polygon: () => Polygon;
  areaM2: number;
  /** mean width 2·area/perimeter in metres: small for thin pieces */
  meanWidthM: number;
}

/** Used by the multipart and sliver checks: the parts of a flat area with area and mean width. */
export function measureParts(flat: FlatArea): AreaPart[] {
  return flat.parts.map((part) => {
    let areaM2 = 0;
    let perimeter = 0;
    for (let k = 0; k < part.length; k++) {
      measureRing(flat.rings[part[k]], measured);
      const a = Math.abs(measured[0]);
      areaM2 += k === 0 ? a : -a;
      perimeter += measured[1];
    }
    const polygon = (): Polygon => ({ type: "Polygon", coordinates: part.map((r) => ringToPositions(flat.rings[r])) });
    return { polygon, areaM2, meanWidthM: perimeter > 0 ? (2 * areaM2) / perimeter : 0 };
  });
}
