/**
 * Reading a zipped Shapefile (issue #8) with shpjs's `parseShp` / `parseDbf` after a safe unzip: the first .shp
 * of the zip (or the one named by `options.layer`; every .shp is listed in `layers`), its .dbf (required), .prj
 * (CRS) and .cpg (encoding; else UTF-8 when the .dbf bytes are valid UTF-8, else GBK). Headers are checked first so
 * a truncated or corrupt file is refused with `bad_shapefile` rather than read in part. Used by `readVectorFile`.
 */
import { parseDbf, parseShp } from "shpjs";
import { crsFromPrj } from "@/lib/io/crs";
import { decodeImportBytes } from "@/lib/io/import-decode";
import { readZip } from "@/lib/io/formats/read-zip";
import { VectorInputError, type ReadOptions } from "@/lib/io/formats/types";
import type { RawRead } from "@/lib/io/formats/read-raw";

const PARTS = new Set(["shp", "dbf", "prj", "cpg"]);
const ext = (name: string) => name.slice(name.lastIndexOf(".") + 1).toLowerCase();
const base = (name: string) => name.slice(0, name.lastIndexOf("."));
const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** The encoding a .cpg names, or null when it names none Tessera reads. */
function cpgEncoding(cpg: Uint8Array | undefined): "utf-8" | "gbk" | null {
  const text = cpg ? new TextDecoder().decode(cpg).trim().toUpperCase() : "";
  if (/^(UTF-?8|65001)$/.test(text)) return "utf-8";
  if (/^(GBK|CP ?936|936|GB2312|GB18030|ANSI 936)$/.test(text)) return "gbk";
  return null;
}

/** Checks the .shp header and returns the geometries; `bad_shapefile` when it is short, truncated or unreadable. */
function readShp(bytes: Uint8Array, where: string): unknown[] {
  const bad = (reason: string) => new VectorInputError("bad_shapefile", where, { reason });
  if (bytes.length < 100) throw bad("header");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0) !== 9994) throw bad("file code");
  if (view.getInt32(24) * 2 > bytes.length) throw bad("truncated");
  if (![0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28].includes(view.getInt32(32, true))) throw bad("shape type");
  try {
    return parseShp(asBuffer(bytes));
  } catch {
    throw bad("records");
  }
}

/** Checks the .dbf header and returns its rows in `encoding`; `bad_shapefile` when the header does not fit the bytes. */
function readDbf(bytes: Uint8Array, where: string, encoding: "utf-8" | "gbk"): Record<string, unknown>[] {
  const bad = (reason: string) => new VectorInputError("bad_shapefile", where, { reason });
  if (bytes.length < 33) throw bad("header");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records = view.getUint32(4, true), headerLen = view.getUint16(8, true), recLen = view.getUint16(10, true);
  if (headerLen < 33 || recLen < 1 || headerLen + records * recLen > bytes.length) throw bad("truncated");
  let rows: Record<string, unknown>[];
  try {
    rows = parseDbf(asBuffer(bytes), asBuffer(new TextEncoder().encode(encoding))) as Record<string, unknown>[];
  } catch {
    throw bad("records");
  }
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (typeof value === "number" && !Number.isFinite(value)) row[key] = null;
      else if (value instanceof Date) row[key] = Number.isNaN(value.getTime()) ? null : `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, "0")}-${String(value.getDate()).padStart(2, "0")}`;
    }
  }
  return rows;
}

/** Used by `readVectorFile` for .zip (and a lone .shp, which lacks its .dbf): the layer's raw features. */
export function readShapefile(bytes: Uint8Array, fileName: string, options: ReadOptions): RawRead {
  if (ext(fileName) === "shp") throw new VectorInputError("missing_dbf", `${base(fileName)}.dbf`, { file: fileName });
  const { names, files } = readZip(bytes, fileName, (name) => PARTS.has(ext(name)));
  const shps = names.filter((n) => ext(n) === "shp");
  if (shps.length === 0) throw new VectorInputError("missing_shp", fileName, { file: fileName });
  const layers = shps.map((n) => base(n).split("/").pop() ?? n);
  const index = options.layer ? layers.indexOf(options.layer) : 0;
  if (index < 0) throw new VectorInputError("unknown_layer", fileName, { file: fileName, layer: options.layer ?? "", layers: layers.join(", ") });
  const stem = base(shps[index]);
  const part = (e: string) => Object.entries(files).find(([n]) => base(n) === stem && ext(n) === e)?.[1];
  const dbf = part("dbf");
  if (!dbf) throw new VectorInputError("missing_dbf", `${fileName}/${stem}.dbf`, { file: fileName });
  const geometries = readShp(part("shp") ?? new Uint8Array(), `${fileName}/${shps[index]}`);
  const given = options.encoding && options.encoding !== "auto" ? options.encoding : null;
  const headerLen = dbf.length >= 10 ? dbf[8] | (dbf[9] << 8) : 0;
  const encoding = given ?? cpgEncoding(part("cpg")) ?? decodeImportBytes(dbf.subarray(Math.min(32, headerLen)), "auto").encoding;
  const rows = readDbf(dbf, `${fileName}/${stem}.dbf`, encoding);
  if (rows.length !== geometries.length) {
    throw new VectorInputError("bad_shapefile", `${fileName}/${stem}.dbf`, { reason: `${rows.length} rows for ${geometries.length} shapes` });
  }
  const prj = part("prj");
  let crs: string | null = null;
  if (prj && !options.crs) {
    crs = crsFromPrj(new TextDecoder().decode(prj));
    if (!crs) throw new VectorInputError("crs_unsupported", `${fileName}/${stem}.prj`, { crs: new TextDecoder().decode(prj).slice(0, 60) });
  }
  const features = geometries.map((shape, i) => {
    if (shape) delete (shape as { bbox?: unknown }).bbox;
    return { type: "Feature" as const, geometry: shape as never, properties: rows[i] };
  });
  return { features, crs, encoding, layers };
}
