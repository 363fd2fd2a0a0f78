import type { MultiPolygon, Polygon, Position } from "geojson";

/**
 * Used for fast containment tests (building inside a small area, assignment, seed generation): even-odd ray
 * casting of a point against one ring, in the ring's own planar coordinates (lon/lat or metres). Points
 * exactly on the boundary may go either way; callers that care keep a margin.
 */
export function pointInRing(point: Position, ring: readonly Position[]): boolean {
  const x = point[0];
  const y = point[1];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Used like {@link pointInRing} for a polygon with holes: inside the outer ring and in none of the holes. */
export function pointInPolygon(point: Position, polygon: Polygon): boolean {
  const [outer, ...holes] = polygon.coordinates;
  if (!outer || !pointInRing(point, outer)) return false;
  return !holes.some((h) => pointInRing(point, h));
}

/** Used by the editor to find the area under a point (a drawn shape's district, a split line's target). */
export function pointInArea(point: Position, area: Polygon | MultiPolygon): boolean {
  if (area.type === "Polygon") return pointInPolygon(point, area);
  return area.coordinates.some((coordinates) => pointInPolygon(point, { type: "Polygon", coordinates }));
}
