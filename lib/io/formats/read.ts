/**
 * The one entry for reading a vector file (issue #8): `detectFormat` by extension, else by magic bytes; then
 * `readVectorFile` reads it with the format's reader (`read-*.ts`), checks every geometry, reprojects to lon/lat
 * (the given CRS, else the file's, else lon/lat — a file in metres without a CRS is refused with `crs_unknown`),
 * fixes swapped lon/lat (warning), converts GCJ-02 when asked and refuses coordinates outside lon/lat. A bad file
 * throws a {@link VectorInputError}; nothing is returned half read. Used by the import pipeline, UI and CLI.
 */
import { gcj02ToWgs84, lonLatSwapped, swapLonLat, toLonLat } from "@/lib/io/crs";
import { fieldsOf } from "@/lib/io/formats/fields";
import { MAX_FILE_BYTES } from "@/lib/io/formats/limits";
import { readCsv } from "@/lib/io/formats/read-csv";
import { isFlatGeobuf, readFlatGeobuf } from "@/lib/io/formats/read-flatgeobuf";
import { readGeoJson } from "@/lib/io/formats/read-geojson";
import { readGeoPackage } from "@/lib/io/formats/read-geopackage";
import { checkGeometries, checkLonLatRange, checkNoCrs } from "@/lib/io/formats/read-geometry";
import { readKml } from "@/lib/io/formats/read-kml";
import type { RawRead } from "@/lib/io/formats/read-raw";
import { readShapefile } from "@/lib/io/formats/read-shapefile";
import { isZip } from "@/lib/io/formats/read-zip";
import { VectorInputError, type ReadOptions, type ReadResult, type ReadWarning, type VectorFormat } from "@/lib/io/formats/types";

const BY_EXTENSION: Record<string, VectorFormat> = {
  geojson: "geojson", json: "geojson", zip: "shapefile", shp: "shapefile", gpkg: "geopackage",
  kml: "kml", kmz: "kml", csv: "csv", txt: "csv", fgb: "flatgeobuf",
};

/** Used by the import UI and `readVectorFile`: the format of a file by its extension, else its first bytes; null when unknown. */
export function detectFormat(bytes: Uint8Array, fileName: string): VectorFormat | null {
  const dot = fileName.lastIndexOf(".");
  const byName = dot >= 0 ? BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()] : undefined;
  if (byName) return byName;
  if (isZip(bytes)) return "shapefile";
  if (isFlatGeobuf(bytes)) return "flatgeobuf";
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("SQLite format 3")) return "geopackage";
  if (head.startsWith("{")) return "geojson";
  if (head.startsWith("<?xml") || head.startsWith("<kml")) return "kml";
  return null;
}

async function readRaw(format: VectorFormat, bytes: Uint8Array, fileName: string, options: ReadOptions): Promise<RawRead> {
  switch (format) {
    case "geojson":
      return readGeoJson(bytes, fileName, options);
    case "shapefile":
      return readShapefile(bytes, fileName, options);
    case "geopackage":
      return readGeoPackage(bytes, fileName, options);
    case "kml":
      return readKml(bytes, fileName);
    case "csv":
      return readCsv(bytes, fileName, options);
    case "flatgeobuf":
      return readFlatGeobuf(bytes, fileName);
  }
}

/**
 * Used by the import pipeline (route, UI preview, CLI): the file as lon/lat features with its fields and
 * warnings. Throws {@link VectorInputError} (`empty`, `too_large`, `unknown_format`, a reader's rule, a geometry
 * rule at `features[i].geometry`, `crs_unknown`, `coordinates_out_of_range`).
 */
export async function readVectorFile(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<ReadResult> {
  if (bytes.length === 0) throw new VectorInputError("empty", fileName, { file: fileName });
  if (bytes.length > MAX_FILE_BYTES) throw new VectorInputError("too_large", fileName, { file: fileName, limit: `${MAX_FILE_BYTES / 2 ** 20} MB` });
  const format = detectFormat(bytes, fileName);
  if (!format) throw new VectorInputError("unknown_format", fileName, { file: fileName });
  let raw: RawRead;
  try {
    raw = await readRaw(format, bytes, fileName, options);
  } catch (error) {
    if (error instanceof VectorInputError) throw error;
    throw new VectorInputError("unreadable", fileName, { file: fileName, format });
  }
  checkGeometries(raw.features);
  const sourceCrs = options.crs ?? raw.crs;
  if (sourceCrs === null) checkNoCrs(raw.features, fileName);
  let features = sourceCrs === null ? raw.features : toLonLat(raw.features, sourceCrs);
  const warnings: ReadWarning[] = [];
  if (lonLatSwapped(features)) {
    features = swapLonLat(features);
    warnings.push({ rule: "swapped_lon_lat", where: fileName, params: { file: fileName } });
  }
  if (options.gcj02) features = gcj02ToWgs84(features);
  checkLonLatRange(features);
  return { format, features, sourceCrs, encoding: raw.encoding, fields: fieldsOf(features), warnings, ...(raw.layers ? { layers: raw.layers } : {}) };
}
