import type { Geometry, Position } from "geojson";

/** [minX, minY, maxX, maxY], i.e. [west, south, east, north] for lon/lat; used by every bbox helper below. */
export type Bbox = [number, number, number, number];

/** Used to compute bbox columns, spatial-index keys and quick rejections: the bbox of a list of positions. */
export function bboxOfPositions(positions: readonly Position[]): Bbox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of positions) {
    if (p[0] < minX) minX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] > maxY) maxY = p[1];
  }
  return [minX, minY, maxX, maxY];
}

/** Used to gather every position of a geometry (bboxes, scoring): appends them to `out`. */
export function collectPositions(geometry: Geometry, out: Position[]): void {
  switch (geometry.type) {
    case "Point":
      out.push(geometry.coordinates);
      break;
    case "MultiPoint":
    case "LineString":
      out.push(...geometry.coordinates);
      break;
    case "MultiLineString":
    case "Polygon":
      for (const line of geometry.coordinates) out.push(...line);
      break;
    case "MultiPolygon":
      for (const poly of geometry.coordinates) for (const ring of poly) out.push(...ring);
      break;
    case "GeometryCollection":
      for (const g of geometry.geometries) collectPositions(g, out);
      break;
  }
}

/** Used for the bbox columns of stored geometry and for viewport fitting: the bbox of any GeoJSON geometry. */
export function bboxOfGeometry(geometry: Geometry): Bbox {
  const positions: Position[] = [];
  collectPositions(geometry, positions);
  return bboxOfPositions(positions);
}

/** Used as the cheap pre-filter before exact tests (overlap, containment): true when two bboxes share any point. */
export function bboxesIntersect(a: Bbox, b: Bbox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
