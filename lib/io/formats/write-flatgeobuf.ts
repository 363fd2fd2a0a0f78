/**
 * FlatGeobuf out (issue #8) with the flatgeobuf library, CRS EPSG:4326 in the header. Its `serialize` takes the
 * column types from the first feature (a first null makes the column text, and a missing property breaks it),
 * so the header is built here from the columns of all features, with the library's own header, feature and
 * geometry builders; features without a geometry are left out. (The library names every layer "L1".)
 */
import type { Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon } from "geojson";
import { ColumnType } from "flatgeobuf/lib/mjs/flat-geobuf/column-type.js";
import { magicbytes } from "flatgeobuf/lib/mjs/constants.js";
import { buildFeature } from "flatgeobuf/lib/mjs/generic/feature.js";
import { buildHeader } from "flatgeobuf/lib/mjs/generic/featurecollection.js";
import { inferGeometryType } from "flatgeobuf/lib/mjs/generic/header.js";
import { parseGC, parseGeometry } from "flatgeobuf/lib/mjs/geojson/geometry.js";
import type { HeaderMeta } from "flatgeobuf/lib/mjs/header-meta.js";
import { fieldsOf, typedValue, type OutFeature } from "./write-fields";

type Simple = Point | MultiPoint | LineString | MultiLineString | Polygon | MultiPolygon;

/** Used by `writeVectorFile`: a FlatGeobuf file (no spatial index) of the features that have a geometry. */
export function writeFlatGeobuf(features: readonly OutFeature[], given?: ReadonlyArray<{ name: string; type: "string" | "number" }>): Uint8Array {
  const located = features.filter((f): f is OutFeature & { geometry: Geometry } => f.geometry !== null);
  const fields = fieldsOf(located, given);
  const header: HeaderMeta = {
    geometryType: inferGeometryType(located.map((f) => ({ type: "Feature", geometry: f.geometry, properties: {} })) as never),
    columns: fields.map((f) => ({
      name: f.name,
      type: f.type === "string" ? ColumnType.String : f.integer ? ColumnType.Int : ColumnType.Double,
      title: null, description: null, width: -1, precision: -1, scale: -1, nullable: true, unique: false, primary_key: false,
    })),
    envelope: null,
    featuresCount: located.length,
    indexNodeSize: 0,
    crs: null,
    title: null,
    description: null,
    metadata: null,
  };
  const parts: Uint8Array[] = [Uint8Array.from(magicbytes), buildHeader(header, 4326)];
  for (const f of located) {
    const geometry = f.geometry.type === "GeometryCollection" ? parseGC(f.geometry) : parseGeometry(f.geometry as Simple);
    const props = Object.fromEntries(fields.map((field) => [field.name, typedValue(field, f.properties?.[field.name])]));
    parts.push(buildFeature(geometry, props, header));
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
