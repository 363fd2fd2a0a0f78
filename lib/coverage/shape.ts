import type { Polygon } from "geojson";
import { metresPerDegree } from "@/lib/geo/metres-per-degree";
import { flatRingAreaM2 } from "@/lib/geo/ring-area";
import { ringToPositions, type FlatArea } from "./flat-geometry";

function perimeterM(ring: Float64Array): number {
  let total = 0;
  const n = ring.length;
  if (!n) return 0;
  const [kx, ky] = metresPerDegree(ring[1]);
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const dx = (ring[i] - ring[j]) * kx;
    const dy = (ring[i + 1] - ring[j + 1]) * ky;
    total += Math.sqrt(dx * dx + dy * dy);
  }
  return total;
}

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
    part.forEach((r, k) => {
      const a = Math.abs(flatRingAreaM2(flat.rings[r]));
      areaM2 += k === 0 ? a : -a;
      perimeter += perimeterM(flat.rings[r]);
    });
    const polygon = (): Polygon => ({ type: "Polygon", coordinates: part.map((r) => ringToPositions(flat.rings[r])) });
    return { polygon, areaM2, meanWidthM: perimeter > 0 ? (2 * areaM2) / perimeter : 0 };
  });
}
