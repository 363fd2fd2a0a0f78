/**
 * The one entry of the vector writers (issue #8): features (lon/lat, EPSG:4326/4490) to a file a GIS opens, in
 * any of `VECTOR_FORMATS`. Used by the export route, the `export` command and the round-trip tests.
 * File names: `<layerName>.geojson|.zip|.gpkg|.kml|.csv|.fgb` (the layer name cleaned of anything that is not
 * a letter, digit, `-` or `_`).
 */
import type { Feature, Geometry } from "geojson";
import type { VectorFormat, WrittenFile } from "./types";
import { safeName, type OutFeature } from "./write-fields";
import { writeFlatGeobuf } from "./write-flatgeobuf";
import { writeGeoPackage } from "./write-geopackage";
import { writeShapefileZip } from "./write-shapefile";
import { writeCsv, writeGeoJson, writeKml } from "./write-text";

/** What a writer needs besides the features. */
export interface WriteOptions {
  /** the layer (file, table) name, e.g. "small-areas-440101001" */
  layerName: string;
  /** the attribute columns in order, with their types (found from the values when not given) */
  fields?: Array<{ name: string; type: "string" | "number" }>;
}

/** Extension and MIME type of each format. */
export const FORMAT_FILES: Record<VectorFormat, { extension: string; mimeType: string }> = {
  geojson: { extension: "geojson", mimeType: "application/geo+json" },
  shapefile: { extension: "zip", mimeType: "application/zip" },
  geopackage: { extension: "gpkg", mimeType: "application/geopackage+sqlite3" },
  kml: { extension: "kml", mimeType: "application/vnd.google-earth.kml+xml" },
  csv: { extension: "csv", mimeType: "text/csv; charset=utf-8" },
  flatgeobuf: { extension: "fgb", mimeType: "application/flatgeobuf" },
};

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Used by every export: `features` written as `format`. Polygon rings are wound as the format wants (RFC 7946
 * for GeoJSON, clockwise outer rings for shapefiles); attributes keep their names except in shapefiles (10
 * bytes, see `shapefileFieldNames`).
 */
export async function writeVectorFile(
  features: Array<Feature<Geometry | null, Record<string, unknown> | null>>,
  format: VectorFormat,
  options: WriteOptions,
): Promise<WrittenFile> {
  const name = safeName(options.layerName);
  const list: readonly OutFeature[] = features;
  const { extension, mimeType } = FORMAT_FILES[format];
  let bytes: Uint8Array;
  switch (format) {
    case "geojson":
      bytes = utf8(writeGeoJson(list, name));
      break;
    case "shapefile":
      bytes = writeShapefileZip(list, name, options.fields);
      break;
    case "geopackage":
      bytes = writeGeoPackage(list, name, options.fields);
      break;
    case "kml":
      bytes = utf8(writeKml(list));
      break;
    case "csv":
      bytes = utf8(writeCsv(list, options.fields));
      break;
    case "flatgeobuf":
      bytes = writeFlatGeobuf(list, options.fields);
      break;
  }
  return { bytes, fileName: `${name}.${extension}`, mimeType };
}
