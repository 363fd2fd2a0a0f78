/**
 * Reading a CSV of points (issue #8) with papaparse: UTF-8 (BOM dropped) or GBK text, a header row, the lon and
 * lat columns given or found by name (lon/lng/longitude/x/经度, lat/latitude/y/纬度); every other column becomes a
 * text property (codes keep their leading zeros). A row whose lon or lat is not a number is refused naming its
 * line. Used by `readVectorFile`.
 */
import Papa from "papaparse";
import { decodeImportBytes, DecodeError } from "@/lib/io/import-decode";
import { VectorInputError, type ReadOptions } from "@/lib/io/formats/types";
import type { RawFeature, RawRead } from "@/lib/io/formats/read-raw";

const LON_NAMES = ["lon", "lng", "long", "longitude", "x", "经度", "东经", "point_x"];
const LAT_NAMES = ["lat", "latitude", "y", "纬度", "北纬", "point_y"];

function findColumn(header: string[], given: string | undefined, names: string[], fileName: string): number {
  const norm = header.map((h) => h.trim().toLowerCase());
  if (given) {
    const i = norm.indexOf(given.trim().toLowerCase());
    if (i < 0) throw new VectorInputError("csv_no_lonlat", fileName, { file: fileName, column: given });
    return i;
  }
  const i = names.map((n) => norm.indexOf(n)).find((k) => k >= 0);
  if (i === undefined) throw new VectorInputError("csv_no_lonlat", fileName, { file: fileName, column: names.slice(0, 5).join("/") });
  return i;
}

/** Used by `readVectorFile` for .csv/.txt: one point feature per data row. */
export function readCsv(bytes: Uint8Array, fileName: string, options: ReadOptions): RawRead {
  let decoded;
  try {
    decoded = decodeImportBytes(bytes, options.encoding ?? "auto");
  } catch (error) {
    if (error instanceof DecodeError) throw new VectorInputError("bad_encoding", fileName, { file: fileName, encoding: error.encoding });
    throw error;
  }
  const parsed = Papa.parse<string[]>(decoded.text, { skipEmptyLines: false });
  const rows = parsed.data;
  const quoteError = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteError) throw new VectorInputError("bad_csv", `line ${(quoteError.row ?? 0) + 1}`, { message: quoteError.message });
  const header = rows[0] ?? [];
  if (header.length < 2) throw new VectorInputError("csv_no_lonlat", fileName, { file: fileName, column: "lon/lat" });
  const lonAt = findColumn(header, options.lonField, LON_NAMES, fileName);
  const latAt = findColumn(header, options.latField, LAT_NAMES, fileName);
  const features: RawFeature[] = [];
  rows.slice(1).forEach((row, k) => {
    const where = `line ${k + 2}`;
    if (row.every((cell) => cell.trim() === "")) return;
    if (row.length !== header.length) throw new VectorInputError("bad_csv", where, { message: `${row.length} columns, header has ${header.length}` });
    const number = (at: number) => {
      const text = row[at].trim();
      const value = text === "" ? NaN : Number(text);
      if (!Number.isFinite(value)) throw new VectorInputError("bad_number", where, { field: header[at], value: text });
      return value;
    };
    const properties: Record<string, unknown> = {};
    header.forEach((name, at) => {
      if (at !== lonAt && at !== latAt) properties[name.trim()] = row[at];
    });
    // both coordinates empty: an unlocated row (e.g. a virtual small area); one of them empty is an error
    const unlocated = row[lonAt].trim() === "" && row[latAt].trim() === "";
    features.push({ type: "Feature", geometry: unlocated ? null : { type: "Point", coordinates: [number(lonAt), number(latAt)] }, properties });
  });
  if (features.length === 0) throw new VectorInputError("no_features", fileName, { file: fileName });
  return { features, crs: null, encoding: decoded.encoding };
}
