/**
 * Writers for the reader fixtures (issue #8), by hand so that the bytes are exactly what a test needs: a
 * Shapefile's .shp/.shx/.dbf (polygons or points, attributes in UTF-8 or GBK), a GBK encoder (built by inverting
 * the WHATWG GBK decoder), a minimal GeoPackage and zips. Used by `bin/make-format-fixtures.ts` and the reader tests.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { zipSync } from "fflate";
import type { Position } from "geojson";
import wkx from "wkx";

let gbkTable: Map<string, number[]> | null = null;

/** Used by the fixtures: `text` encoded as GBK (ASCII as is). */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gbk");
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== "\uFFFD" && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(gbkTable.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

/** A .dbf column: name, type C (text) or N (number), width. */
export interface DbfField {
  name: string;
  type: "C" | "N";
  length: number;
}

/** Used by the fixtures: a dBASE III file of `rows` in `encoding` (GBK also sets the language driver byte 0x4D). */
export function writeDbf(fields: DbfField[], rows: Array<Record<string, string | number>>, encoding: "utf-8" | "gbk"): Uint8Array {
  const encode = (s: string) => (encoding === "gbk" ? encodeGbk(s) : new TextEncoder().encode(s));
  const headerLen = 32 + 32 * fields.length + 1;
  const recLen = 1 + fields.reduce((sum, f) => sum + f.length, 0);
  const bytes = new Uint8Array(headerLen + rows.length * recLen + 1);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes.set([125, 1, 1], 1);
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLen, true);
  view.setUint16(10, recLen, true);
  bytes[29] = encoding === "gbk" ? 0x4d : 0x00;
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    bytes.set(encode(f.name).subarray(0, 10), at);
    bytes[at + 11] = f.type.charCodeAt(0);
    bytes[at + 16] = f.length;
  });
  bytes[headerLen - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLen + r * recLen;
    bytes[at++] = 0x20;
    for (const f of fields) {
      const raw = encode(String(row[f.name] ?? "")).subarray(0, f.length);
      const cell = new Uint8Array(f.length).fill(0x20);
      cell.set(raw, f.type === "N" ? f.length - raw.length : 0);
      bytes.set(cell, at);
      at += f.length;
    }
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

/** A shape: a point, or polygon rings (outer ring clockwise, as Shapefiles want). */
export type Shape = { point: Position } | { rings: Position[][] };

/** Used by the fixtures: the .shp and .shx of point (type 1) or polygon (type 5) shapes. */
export function writeShp(shapes: Shape[]): { shp: Uint8Array; shx: Uint8Array } {
  const contents = shapes.map((s) => {
    if ("point" in s) {
      const v = new DataView(new ArrayBuffer(20));
      v.setInt32(0, 1, true);
      v.setFloat64(4, s.point[0], true);
      v.setFloat64(12, s.point[1], true);
      return new Uint8Array(v.buffer);
    }
    const points = s.rings.flat();
    const v = new DataView(new ArrayBuffer(44 + 4 * s.rings.length + 16 * points.length));
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
    v.setInt32(0, 5, true);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((n, i) => v.setFloat64(4 + 8 * i, n, true));
    v.setInt32(36, s.rings.length, true);
    v.setInt32(40, points.length, true);
    let start = 0;
    s.rings.forEach((ring, i) => {
      v.setInt32(44 + 4 * i, start, true);
      start += ring.length;
    });
    points.forEach((p, i) => {
      v.setFloat64(44 + 4 * s.rings.length + 16 * i, p[0], true);
      v.setFloat64(52 + 4 * s.rings.length + 16 * i, p[1], true);
    });
    return new Uint8Array(v.buffer);
  });
  const all = shapes.flatMap((s) => ("point" in s ? [s.point] : s.rings.flat()));
  const bbox = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
  const type = shapes.length && "point" in shapes[0] ? 1 : 5;
  const header = (length: number) => {
    const v = new DataView(new ArrayBuffer(100));
    v.setInt32(0, 9994);
    v.setInt32(24, length / 2);
    v.setInt32(28, 1000, true);
    v.setInt32(32, type, true);
    bbox.forEach((n, i) => v.setFloat64(36 + 8 * i, n, true));
    return new Uint8Array(v.buffer);
  };
  const shpLen = 100 + contents.reduce((sum, c) => sum + 8 + c.length, 0);
  const shp = new Uint8Array(shpLen), shx = new Uint8Array(100 + 8 * shapes.length);
  shp.set(header(shpLen));
  shx.set(header(shx.length));
  const shpView = new DataView(shp.buffer), shxView = new DataView(shx.buffer);
  let at = 100;
  contents.forEach((c, i) => {
    shxView.setInt32(100 + 8 * i, at / 2);
    shxView.setInt32(104 + 8 * i, c.length / 2);
    shpView.setInt32(at, i + 1);
    shpView.setInt32(at + 4, c.length / 2);
    shp.set(c, at + 8);
    at += 8 + c.length;
  });
  return { shp, shx };
}

/** Used by the fixtures: a zip (deflated) of named files. */
export function zipFiles(files: Record<string, Uint8Array | string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(files)) entries[name] = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return zipSync(entries, { level: 6, mtime: new Date(Date.UTC(2025, 0, 1)) });
}

/** Used by the fixtures: a GeoPackage with one feature table of polygons in `srs` (WKT `definition`). */
export function writeGeoPackage(table: string, srs: { id: number; name: string; definition: string }, features: Array<{ rings: Position[][]; props: Record<string, string | number> }>): Uint8Array {
  const path = join(tmpdir(), `tessera-fixture-${randomUUID()}.gpkg`);
  const db = new Database(path);
  try {
    db.pragma("application_id = 0x47504B47");
    db.pragma("user_version = 10300");
    db.exec(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
      CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));`);
    const insertSrs = db.prepare("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)");
    insertSrs.run("Undefined cartesian SRS", -1, "NONE", -1, "undefined", null);
    insertSrs.run("Undefined geographic SRS", 0, "NONE", 0, "undefined", null);
    insertSrs.run(srs.name, srs.id, "EPSG", srs.id, srs.definition, null);
    const names = Object.keys(features[0]?.props ?? {});
    db.exec(`CREATE TABLE "${table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POLYGON, ${names.map((n) => `"${n}" ${typeof features[0].props[n] === "number" ? "REAL" : "TEXT"}`).join(", ")})`);
    db.prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, ?)").run(table, table, srs.id);
    db.prepare("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POLYGON', ?, 0, 0)").run(table, srs.id);
    const insert = db.prepare(`INSERT INTO "${table}" (geom, ${names.map((n) => `"${n}"`).join(", ")}) VALUES (?, ${names.map(() => "?").join(", ")})`);
    for (const f of features) {
      const wkb = wkx.Geometry.parseGeoJSON({ type: "Polygon", coordinates: f.rings }).toWkb();
      const head = Buffer.alloc(8);
      head.write("GP", 0, "ascii");
      head[2] = 0;
      head[3] = 0x01; // little-endian header, no envelope
      head.writeInt32LE(srs.id, 4);
      insert.run(Buffer.concat([head, wkb]), ...names.map((n) => f.props[n]));
    }
  } finally {
    db.close();
  }
  const bytes = new Uint8Array(readFileSync(path));
  rmSync(path, { force: true });
  return bytes;
}

/** Used by the bad-input corpus: an SQLite file made by running `sql` on a new database. */
export function writeSqlite(sql: string): Uint8Array {
  const path = join(tmpdir(), `tessera-fixture-${randomUUID()}.sqlite`);
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
  const bytes = new Uint8Array(readFileSync(path));
  rmSync(path, { force: true });
  return bytes;
}
