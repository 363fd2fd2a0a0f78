/**
 * Walking the positions of GeoJSON geometries, for the readers' reprojection and checks (issue #8): used by
 * `lib/io/crs.ts` and `read-geometry.ts`.
 */
import type { Geometry, Position } from "geojson";

/**
 * Used by reprojection and GCJ-02 conversion: a copy of the geometry with every position passed through `fn`
 * (a `bbox` member is dropped: it would be stale).
 */
export function mapPositions<G extends Geometry>(input: G, fn: (p: Position) => Position): G {
  const geometry = { ...input } as Geometry;
  delete geometry.bbox;
  return mapWithout(geometry, fn) as G;
}

function mapWithout(geometry: Geometry, fn: (p: Position) => Position): Geometry {
  switch (geometry.type) {
    case "Point":
      return { ...geometry, coordinates: fn(geometry.coordinates) };
    case "MultiPoint":
    case "LineString":
      return { ...geometry, coordinates: geometry.coordinates.map(fn) };
    case "MultiLineString":
    case "Polygon":
      return { ...geometry, coordinates: geometry.coordinates.map((line) => line.map(fn)) };
    case "MultiPolygon":
      return { ...geometry, coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(fn))) };
    case "GeometryCollection":
      return { ...geometry, geometries: geometry.geometries.map((g) => mapPositions(g, fn)) };
  }
}

/** Used by the checks: calls `fn` on every position; stops and returns true as soon as `fn` returns true. */
export function somePosition(geometry: Geometry, fn: (p: Position) => boolean): boolean {
  switch (geometry.type) {
    case "Point":
      return fn(geometry.coordinates);
    case "MultiPoint":
    case "LineString":
      return geometry.coordinates.some(fn);
    case "MultiLineString":
    case "Polygon":
      return geometry.coordinates.some((line) => line.some(fn));
    case "MultiPolygon":
      return geometry.coordinates.some((poly) => poly.some((ring) => ring.some(fn)));
    case "GeometryCollection":
      return geometry.geometries.some((g) => somePosition(g, fn));
  }
}
