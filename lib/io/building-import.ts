/**
 * Reads a building import file (CSV or GeoJSON, UTF-8 or GBK) into the rows the database import writes and the
 * problems of the rest — every bad row, each field it breaks with the rule, by line (CSV: the line in the file,
 * the header being line 1) or by feature index (GeoJSON). Pure: bytes in, report out; nothing is written here.
 *
 * Columns / properties (case-insensitive, Chinese accepted — see `building-fields.ts`): lon, lat (CSV only;
 * GeoJSON has its Point or Polygon geometry), use, units, households, persons, name, floors. A row becomes one
 * building with `units` housing units sharing its households and persons (housing-unit-spread.ts).
 */
import Papa from "papaparse";
import type { Bbox } from "@/lib/geo/bbox";
import { canonicalField, type ImportField } from "./building-fields";
import { geometryOfFeature, pointOfColumns, readAttributes, RowCollector, type ImportBuilding, type ImportProblem } from "./building-rows";
import { decodeImportBytes, type EncodingChoice, type ImportEncoding } from "./import-decode";

export type { ImportBuilding, ImportProblem } from "./building-rows";

/** File formats the building import reads. */
export type ImportFormat = "csv" | "geojson";

/** What the parser read: the good rows, every problem, and how the bytes were decoded. */
export interface ParsedBuildings {
  format: ImportFormat;
  encoding: ImportEncoding;
  encodingSource: "detected" | "given";
  bom: boolean;
  rows: ImportBuilding[];
  /** data rows in the file, good and bad (blank lines not counted) */
  rowCount: number;
  badRows: number;
  problems: ImportProblem[];
  /** the rows are imported anyway (a point outside every township, an unknown column) */
  warnings: ImportProblem[];
}

/** How to read the file. */
export interface ParseOptions {
  /** used to tell the format by extension (.csv, .txt, .tsv / .geojson, .json) */
  fileName?: string;
  format?: ImportFormat;
  encoding?: EncodingChoice;
  /** bboxes of the townships in the database: for swapped lon/lat and the outside-every-township warning */
  townships?: readonly Bbox[];
}

/** Rules that make a whole file unreadable (nothing of it can be imported). */
export type FileRule = "empty" | "encoding" | "json" | "feature_collection" | "missing_column" | "duplicate_column";

/** A file that cannot be read at all: the place (`header`, `file`) and the rule; exit 2 / 422. */
export class ImportInputError extends Error {
  constructor(readonly place: string, readonly rule: FileRule, message: string) {
    super(message);
    this.name = "ImportInputError";
  }
}

function countNewlines(text: string, from: number, to: number, newline: string): number {
  let n = 0;
  for (let i = text.indexOf(newline, from); i !== -1 && i < to; i = text.indexOf(newline, i + 1)) n++;
  return n;
}

function readHeader(cells: string[], line: number, c: RowCollector): Array<ImportField | undefined> {
  const fields = cells.map((h) => canonicalField(h));
  fields.forEach((f, i) => {
    if (f && fields.indexOf(f) !== i) throw new ImportInputError("header", "duplicate_column", `two columns of the header (line ${line}) both mean "${f}"`);
    if (!f && cells[i].trim()) c.warnings.push({ line, field: cells[i].trim(), rule: "unknown_column" });
  });
  if (!fields.includes("lon") || !fields.includes("lat")) {
    throw new ImportInputError("header", "missing_column", `the header (line ${line}) must name a lon and a lat column (经度, 纬度)`);
  }
  return fields;
}

/** The delimiter the header line uses most (comma, tab, semicolon, bar): the header decides the columns. */
function headerDelimiter(text: string): string {
  const header = text.trimStart().split(/\r\n|\n|\r/, 1)[0];
  const counts = [",", "\t", ";", "|"].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function parseCsv(text: string, townships: readonly Bbox[], c: RowCollector, rows: ImportBuilding[]): number {
  const newline = text.includes("\n") ? "\n" : "\r";
  let header: Array<ImportField | undefined> | null = null;
  let line = 1;
  let start = 0;
  let rowCount = 0;
  Papa.parse<string[]>(text, {
    delimiter: headerDelimiter(text),
    step: (result) => {
      const rowLine = line;
      line += countNewlines(text, start, result.meta.cursor, newline);
      start = result.meta.cursor;
      const cells = result.data;
      if (cells.every((cell) => !cell.trim())) return;
      if (!header) return void (header = readHeader(cells, rowLine, c));
      rowCount++;
      c.startRow({ line: rowLine });
      if (result.errors.some((e) => e.type === "Quotes")) return void c.error("row", "csv_syntax");
      const columns = header;
      const get = (f: ImportField) => cells[columns.indexOf(f)];
      const building = readAttributes(get, c, pointOfColumns(get, c, townships));
      if (building) rows.push(building);
    },
  });
  if (!header) throw new ImportInputError("file", "empty", "the file has no header row");
  return rowCount;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parseGeoJson(text: string, townships: readonly Bbox[], c: RowCollector, rows: ImportBuilding[]): number {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportInputError("file", "json", "the file is not valid JSON");
  }
  if (!isObject(json) || json.type !== "FeatureCollection" || !Array.isArray(json.features)) {
    throw new ImportInputError("file", "feature_collection", 'expected a GeoJSON FeatureCollection with a "features" array');
  }
  json.features.forEach((f: unknown, feature) => {
    c.startRow({ feature });
    if (!isObject(f) || f.type !== "Feature" || !(f.properties === undefined || f.properties === null || isObject(f.properties))) {
      return void c.error("feature", "not_a_feature");
    }
    const values = new Map<ImportField, unknown>();
    for (const [key, value] of Object.entries(f.properties ?? {})) {
      const field = canonicalField(key);
      if (field && !values.has(field)) values.set(field, value);
    }
    const building = readAttributes((field) => values.get(field), c, geometryOfFeature(f.geometry, c, townships));
    if (building) rows.push(building);
  });
  return json.features.length;
}

function formatOf(text: string, options: ParseOptions): ImportFormat {
  if (options.format) return options.format;
  const ext = options.fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === "csv" || ext === "txt" || ext === "tsv") return "csv";
  if (ext === "geojson" || ext === "json") return "geojson";
  return text.trimStart().startsWith("{") ? "geojson" : "csv";
}

/**
 * Used by `tessera import` and POST /api/import/buildings: decodes the bytes (auto: UTF-8, else GBK), reads every
 * row and returns the good rows with every problem of the bad ones. Throws `ImportInputError` when the file as a
 * whole cannot be read (empty, not decodable as the encoding given, not JSON, no lon/lat columns).
 */
export function parseBuildingImport(bytes: Uint8Array, options: ParseOptions = {}): ParsedBuildings {
  let decoded;
  try {
    decoded = decodeImportBytes(bytes, options.encoding ?? "auto");
  } catch (error) {
    throw new ImportInputError("file", "encoding", error instanceof Error ? error.message : String(error));
  }
  if (!decoded.text.trim()) throw new ImportInputError("file", "empty", "the file is empty");
  const format = formatOf(decoded.text, options);
  const c = new RowCollector();
  const rows: ImportBuilding[] = [];
  const read = format === "csv" ? parseCsv : parseGeoJson;
  const rowCount = read(decoded.text, options.townships ?? [], c, rows);
  const { encoding, encodingSource, bom } = decoded;
  return { format, encoding, encodingSource, bom, rows, rowCount, badRows: c.badRows, problems: c.problems, warnings: c.warnings };
}
