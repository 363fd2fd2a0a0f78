import type { MultiPolygon, Polygon, Position } from "geojson";
import { ringAreaM2 } from "./ring-area";
import { ringCentroid } from "./ring-centroid";

/** x-intervals where the horizontal line at `y` is inside the polygon (even-odd over all its rings). */
function insideIntervals(rings: Position[][], y: number): Array<[number, number]> {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j];
      const [x2, y2] = ring[i];
      if ((y1 > y) !== (y2 > y)) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
  }
  xs.sort((p, q) => p - q);
  const out: Array<[number, number]> = [];
  for (let k = 0; k + 1 < xs.length; k += 2) out.push([xs[k], xs[k + 1]]);
  return out;
}

/**
 * Used to place the code label of a district or small area: a point guaranteed inside the polygon (its
 * largest part), at the centroid when that lies inside, else in the middle of the widest inside span
 * through the centroid's latitude.
 */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const largest = polygons.reduce((best, p) => (ringAreaM2(p[0]) > ringAreaM2(best[0]) ? p : best));
  const [cx, cy] = ringCentroid(largest[0]);
  let ys = [cy];
  const lats = largest[0].map((p) => p[1]);
  const minY = Math.min(...lats), maxY = Math.max(...lats);
  for (let k = 1; k < 8; k++) ys.push(minY + ((maxY - minY) * k) / 8);
  ys = ys.filter((y) => y > minY && y < maxY);
  let best: { x: number; y: number; width: number } | null = null;
  for (const y of ys) {
    for (const [a, b] of insideIntervals(largest, y)) {
      if (y === cy && cx > a && cx < b) return [cx, cy];
      if (!best || b - a > best.width) best = { x: (a + b) / 2, y, width: b - a };
    }
  }
  return best ? [best.x, best.y] : [cx, cy];
}
