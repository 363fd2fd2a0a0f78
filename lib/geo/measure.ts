import type { LineString, MultiPolygon, Polygon, Position } from "geojson";
import { polygonAreaM2 } from "./ring-area";

/** Mean earth radius in metres (as ring-area.ts and @turf/helpers), so lengths match turf's `length`. */
const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** One 亩 (mu), the Chinese land unit: 1/15 of a hectare, 666.67 m². */
export const SQUARE_METRES_PER_MU = 10000 / 15;

/** What the measure tool shows for an area. */
export interface PolygonMeasure {
  areaM2: number;
  areaKm2: number;
  /** area in 亩 */
  areaMu: number;
  /** length of every ring (holes included) in metres */
  perimeterM: number;
}

/**
 * Used by the measure tool and the lengths below: great-circle distance in metres between two lon/lat
 * positions (haversine, same result as turf's `distance` in metres).
 */
export function haversineM(a: Position, b: Position): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function pathLengthM(positions: readonly Position[]): number {
  let total = 0;
  for (let i = 1; i < positions.length; i++) total += haversineM(positions[i - 1], positions[i]);
  return total;
}

/**
 * Used by the measure tool while a polygon is drawn, and by panels that show an area's size: its area in m²,
 * km² and 亩 (on the sphere, holes subtracted) and its perimeter in metres. A ring drawn without its closing
 * position is measured as if closed.
 */
export function measurePolygon(polygon: Polygon | MultiPolygon): PolygonMeasure {
  const parts = polygon.type === "Polygon" ? [polygon.coordinates] : polygon.coordinates;
  let areaM2 = 0;
  let perimeterM = 0;
  for (const rings of parts) {
    areaM2 += polygonAreaM2({ type: "Polygon", coordinates: rings });
    for (const ring of rings) perimeterM += ring.length > 1 ? pathLengthM([...ring, ring[0]]) : 0;
  }
  return { areaM2, areaKm2: areaM2 / 1e6, areaMu: areaM2 / SQUARE_METRES_PER_MU, perimeterM };
}

/** Used by the measure tool while a line is drawn: its length in metres along the great circles. */
export function measureLine(line: LineString | readonly Position[]): { lengthM: number } {
  return { lengthM: pathLengthM("type" in line ? line.coordinates : line) };
}
