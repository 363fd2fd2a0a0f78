/**
 * The attribute table of a shapefile (.dbf, dBase III) with UTF-8 text (the zip's .cpg says "UTF-8"), written by
 * hand: @mapbox/shp-write's `dbf` dependency writes one byte per UTF-16 code unit, which breaks Chinese.
 * Field names are at most 10 bytes: a longer name is cut to 10 bytes, and when that clashes with a name
 * already used it becomes its first 8 bytes + `_1`, `_2`, … (GDAL's rule), so `district_code` → `district_c`.
 */
import { cellValue, type OutField } from "./write-fields";

const encoder = new TextEncoder();

/** `text` cut to at most `bytes` UTF-8 bytes without splitting a character. */
function cutUtf8(text: string, bytes: number): string {
  let out = "";
  let used = 0;
  for (const ch of text) {
    const n = encoder.encode(ch).length;
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * Used by the shapefile writer and by the round-trip tests: each property name → its .dbf field name
 * (at most 10 bytes, unique ignoring case).
 */
export function shapefileFieldNames(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    let short = cutUtf8(name.replace(/[\s\0]+/g, "_"), 10) || "field";
    for (let i = 1; used.has(short.toLowerCase()); i++) short = `${cutUtf8(short, i < 10 ? 8 : 7)}_${i}`;
    used.add(short.toLowerCase());
    out.set(name, short);
  }
  return out;
}

interface Column {
  field: OutField;
  dbfName: string;
  type: "C" | "N";
  length: number;
  decimals: number;
  cells: Uint8Array[];
}

/** A number as .dbf text: integers as they are, others with up to 11 decimals and no exponent. */
function numberText(n: number, decimals: number): string {
  return decimals === 0 ? String(Math.round(n)) : n.toFixed(decimals);
}

function decimalsOf(n: number): number {
  if (Number.isInteger(n)) return 0;
  const text = n.toFixed(11).replace(/0+$/, "");
  return Math.max(1, text.length - text.indexOf(".") - 1);
}

function columnOf(field: OutField, dbfName: string, values: unknown[]): Column {
  if (field.type === "number") {
    const nums = values.map((v) => {
      const c = cellValue(v);
      const n = typeof c === "number" ? c : c === null || c.trim() === "" ? null : Number(c);
      return n !== null && Number.isFinite(n) ? n : null;
    });
    const decimals = field.integer ? 0 : Math.min(11, Math.max(0, ...nums.map((n) => (n === null ? 0 : decimalsOf(n)))));
    const texts = nums.map((n) => (n === null ? "" : numberText(n, decimals)));
    const length = Math.min(30, Math.max(decimals ? decimals + 2 : 1, ...texts.map((t) => t.length)));
    return { field, dbfName, type: "N", length, decimals, cells: texts.map((t) => encoder.encode(t.padStart(length).slice(0, length))) };
  }
  const texts = values.map((v) => {
    const c = cellValue(v);
    return c === null ? "" : cutUtf8(String(c), 254);
  });
  const bytes = texts.map((t) => encoder.encode(t));
  const length = Math.max(1, ...bytes.map((b) => b.length));
  return { field, dbfName, type: "C", length, decimals: 0, cells: bytes };
}

/** Used by the shapefile writer: the .dbf of `rows` (one property object per record) with `fields` as columns. */
export function writeDbf(fields: readonly OutField[], rows: ReadonlyArray<Record<string, unknown> | null>): Uint8Array {
  const names = shapefileFieldNames(fields.map((f) => f.name));
  const columns = fields.map((f) => columnOf(f, names.get(f.name)!, rows.map((r) => r?.[f.name])));
  if (columns.length === 0) columns.push({ field: { name: "id", type: "number", integer: true }, dbfName: "id", type: "N", length: 10, decimals: 0, cells: rows.map((_, i) => encoder.encode(String(i + 1).padStart(10))) });
  const headerLength = 32 + 32 * columns.length + 1;
  const recordLength = 1 + columns.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(out.buffer);
  const now = new Date();
  out[0] = 0x03;
  out.set([now.getUTCFullYear() - 1900, now.getUTCMonth() + 1, now.getUTCDate()], 1);
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  columns.forEach((c, i) => {
    const at = 32 + 32 * i;
    out.set(encoder.encode(c.dbfName), at);
    out[at + 11] = c.type.charCodeAt(0);
    out[at + 16] = c.length;
    out[at + 17] = c.decimals;
  });
  out[headerLength - 1] = 0x0d;
  let at = headerLength;
  for (let r = 0; r < rows.length; r++) {
    out.fill(0x20, at, at + recordLength);
    at += 1;
    for (const c of columns) {
      out.set(c.cells[r].subarray(0, c.length), at);
      at += c.length;
    }
  }
  out[at] = 0x1a;
  return out;
}
