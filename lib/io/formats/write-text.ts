/**
 * The text formats out (issue #8): GeoJSON (RFC 7946: lon/lat, outer rings counter-clockwise), KML
 * (@placemarkio/tokml: the `name` property becomes the placemark's name — in a layer without one, `name_zh`
 * or the code — and the rest ExtendedData)
 * and CSV attribute tables (papaparse; UTF-8 with a BOM so that Excel reads Chinese; a `lon`/`lat` column pair:
 * the point itself, a point inside a polygon, or the middle vertex of a line).
 */
import { toKML } from "@placemarkio/tokml";
import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import Papa from "papaparse";
import { labelPoint } from "@/lib/geo/label-point";
import { windRing } from "@/lib/geo/rings";
import { cellValue, fieldsOf, type OutFeature } from "./write-fields";

function rfc7946(g: Geometry | null): Geometry | null {
  if (!g) return null;
  const rings = (p: Position[][]) => p.map((ring, i) => windRing(ring, i === 0));
  if (g.type === "Polygon") return { type: "Polygon", coordinates: rings(g.coordinates) };
  if (g.type === "MultiPolygon") return { type: "MultiPolygon", coordinates: g.coordinates.map(rings) };
  if (g.type === "GeometryCollection") return { type: "GeometryCollection", geometries: g.geometries.map((x) => rfc7946(x)!) };
  return g;
}

/** Used by `writeVectorFile`: a GeoJSON FeatureCollection (RFC 7946) named `name`, as UTF-8 text. */
export function writeGeoJson(features: readonly OutFeature[], name: string): string {
  const collection = {
    type: "FeatureCollection",
    name,
    features: features.map((f) => ({ type: "Feature", ...(f.id !== undefined ? { id: f.id } : {}), properties: f.properties ?? {}, geometry: rfc7946(f.geometry) })),
  };
  return JSON.stringify(collection);
}

/** Used by `writeVectorFile`: KML 2.2 with one placemark per feature (one without a geometry has none). */
export function writeKml(features: readonly OutFeature[]): string {
  const collection: FeatureCollection<Geometry | null> = {
    type: "FeatureCollection",
    features: features
      .map((f): Feature<Geometry | null> => {
        const props = Object.fromEntries(Object.entries(f.properties ?? {}).flatMap(([k, v]) => {
          const c = cellValue(v);
          return c === null ? [] : [[k, c]];
        }));
        // a layer without a `name` column is labelled by its Chinese name or code; an empty `name` stays empty
        const label = f.properties && "name" in f.properties ? undefined : (props.name_zh ?? props.full_code ?? props.code);
        return { type: "Feature", geometry: f.geometry, properties: label === undefined ? props : { ...props, name: label } };
      }),
  };
  return toKML(collection);
}

/** Used by the CSV writer: one lon/lat for a geometry (null when it has none). */
export function representativePoint(g: Geometry | null): Position | null {
  if (!g) return null;
  switch (g.type) {
    case "Point":
      return g.coordinates;
    case "MultiPoint":
    case "LineString":
      return g.coordinates[Math.floor((g.coordinates.length - 1) / 2)] ?? null;
    case "MultiLineString":
      return representativePoint({ type: "LineString", coordinates: g.coordinates[0] ?? [] });
    case "Polygon":
    case "MultiPolygon":
      return g.coordinates.length ? labelPoint(g) : null;
    case "GeometryCollection":
      return representativePoint(g.geometries[0] ?? null);
  }
}

/** Used by `writeVectorFile`: the attribute table as CSV (BOM, CRLF), the attributes then `lon`, `lat`. */
export function writeCsv(features: readonly OutFeature[], given?: ReadonlyArray<{ name: string; type: "string" | "number" }>): string {
  const fields = fieldsOf(features, given).map((f) => f.name);
  const [lonName, latName] = fields.includes("lon") || fields.includes("lat") ? ["_lon", "_lat"] : ["lon", "lat"];
  const rows = features.map((f) => {
    const p = representativePoint(f.geometry);
    return [...fields.map((name) => cellValue(f.properties?.[name]) ?? ""), p ? p[0] : "", p ? p[1] : ""];
  });
  return "\uFEFF" + Papa.unparse({ fields: [...fields, lonName, latName], data: rows }, { newline: "\r\n" });
}
