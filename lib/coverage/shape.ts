import type { Polygon, Position } from "geojson";
import { ringAreaM2 } from "@/lib/geo/ring-area";
import { ringToPositions, type FlatArea } from "./flat-geometry";

const METRES_PER_DEGREE = 111_320;

function perimeterM(ring: Position[]): number {
  let total = 0;
  for (let i = 1; i < ring.length; i++) {
    const k = Math.cos((((ring[i][1] + ring[i - 1][1]) / 2) * Math.PI) / 180);
    const dx = (ring[i][0] - ring[i - 1][0]) * k * METRES_PER_DEGREE;
    const dy = (ring[i][1] - ring[i - 1][1]) * METRES_PER_DEGREE;
    total += Math.sqrt(dx * dx + dy * dy);
  }
  return total;
}

/** One polygon part of an area with its size on the ground. */
export interface AreaPart {
  polygon: Polygon;
  areaM2: number;
  /** mean width 2·area/perimeter in metres: small for thin pieces */
  meanWidthM: number;
}

/** Used by the multipart and sliver checks: the parts of a flat area with area and mean width. */
export function measureParts(flat: FlatArea): AreaPart[] {
  return flat.parts.map((part) => {
    const rings = part.map((r) => ringToPositions(flat.rings[r]));
    const areaM2 = rings.reduce((s, ring, k) => (k === 0 ? s + Math.abs(ringAreaM2(ring)) : s - Math.abs(ringAreaM2(ring))), 0);
    const perimeter = rings.reduce((s, ring) => s + perimeterM(ring), 0);
    return { polygon: { type: "Polygon", coordinates: rings }, areaM2, meanWidthM: perimeter > 0 ? (2 * areaM2) / perimeter : 0 };
  });
}
