/**
 * Reading GeoJSON (issue #8): a FeatureCollection, a Feature or a bare geometry; UTF-8 (BOM allowed) or GBK text;
 * an old-style `crs` member ("urn:ogc:def:crs:EPSG::4527") is honoured. Used by `readVectorFile`.
 */
import { decodeImportBytes } from "@/lib/io/import-decode";
import { VectorInputError, type ReadOptions } from "@/lib/io/formats/types";
import type { RawFeature, RawRead } from "@/lib/io/formats/read-raw";

const GEOMETRY_TYPES = new Set(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function toFeature(value: unknown, where: string): RawFeature {
  if (!isObject(value) || value.type !== "Feature") throw new VectorInputError("bad_geojson", where, { expected: "Feature" });
  if (value.properties !== undefined && value.properties !== null && !isObject(value.properties)) {
    throw new VectorInputError("bad_geojson", `${where}.properties`, { expected: "object" });
  }
  const feature: RawFeature = { type: "Feature", geometry: value.geometry as never, properties: (value.properties as Record<string, unknown>) ?? {} };
  if (typeof value.id === "string" || typeof value.id === "number") feature.id = value.id;
  return feature;
}

/** Used by `readVectorFile` for .geojson/.json: the raw features and the declared CRS, if any. */
export function readGeoJson(bytes: Uint8Array, fileName: string, options: ReadOptions): RawRead {
  const { text } = decodeImportBytes(bytes, options.encoding === "gbk" ? "gbk" : "auto");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new VectorInputError("bad_json", fileName, { file: fileName, message: (error as Error).message.slice(0, 120) });
  }
  if (!isObject(doc)) throw new VectorInputError("bad_geojson", fileName, { expected: "FeatureCollection" });
  let features: RawFeature[];
  if (doc.type === "FeatureCollection") {
    if (!Array.isArray(doc.features)) throw new VectorInputError("bad_geojson", "features", { expected: "array" });
    features = doc.features.map((f, i) => toFeature(f, `features[${i}]`));
  } else if (doc.type === "Feature") {
    features = [toFeature(doc, "features[0]")];
  } else if (typeof doc.type === "string" && GEOMETRY_TYPES.has(doc.type)) {
    features = [{ type: "Feature", geometry: doc as never, properties: {} }];
  } else {
    throw new VectorInputError("bad_geojson", fileName, { expected: "FeatureCollection" });
  }
  if (features.length === 0) throw new VectorInputError("no_features", fileName, { file: fileName });
  const crsName = isObject(doc.crs) && isObject(doc.crs.properties) ? doc.crs.properties.name : null;
  return { features, crs: typeof crsName === "string" ? crsName : null, encoding: null };
}
