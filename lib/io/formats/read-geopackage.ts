/**
 * Reading a GeoPackage (issue #8) with better-sqlite3 on a temporary copy of the bytes, opened read-only: the
 * feature tables of gpkg_contents, the geometry column of gpkg_geometry_columns, the CRS of gpkg_spatial_ref_sys
 * (EPSG id, else its WKT), and each GeoPackageBinary blob (magic "GP", flags, envelope) decoded as WKB by wkx.
 * The primary key becomes the feature id. Used by `readVectorFile`.
 */
import { randomUUID } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import wkx from "wkx";
import { crsFromEpsg, crsFromPrj } from "@/lib/io/crs";
import { VectorInputError, type ReadOptions } from "@/lib/io/formats/types";
import type { RawFeature, RawRead } from "@/lib/io/formats/read-raw";

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Used by the GeoPackage reader and tests: the GeoJSON geometry of a GeoPackageBinary blob; null when empty. */
export function decodeGpkgGeometry(blob: Uint8Array): object | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error("not a GeoPackage geometry");
  const flags = blob[3];
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 7];
  if (envelope === undefined) throw new Error("bad envelope");
  if (flags & 0x10) return null;
  const wkb = Buffer.from(blob.buffer, blob.byteOffset + 8 + envelope, blob.length - 8 - envelope);
  return wkx.Geometry.parse(wkb).toGeoJSON();
}

type Db = InstanceType<typeof Database>;

function srsOf(db: Db, srsId: number, where: string): string | null {
  const row = db.prepare("SELECT organization, organization_coordsys_id AS id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?").get(srsId) as
    | { organization: string; id: number; definition: string }
    | undefined;
  if (!row || srsId <= 0) return null;
  if (String(row.organization).toUpperCase() === "EPSG") {
    const known = crsFromEpsg(row.id);
    if (known) return known;
  }
  const crs = crsFromPrj(row.definition ?? "");
  if (!crs) throw new VectorInputError("crs_unsupported", where, { crs: `${row.organization}:${row.id}` });
  return crs;
}

function readTable(db: Db, fileName: string, options: ReadOptions): RawRead {
  const hasContents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_contents'").get();
  if (!hasContents) throw new VectorInputError("no_layers", fileName, { file: fileName });
  const tables = (db.prepare("SELECT table_name AS name FROM gpkg_contents WHERE data_type = 'features' ORDER BY rowid").all() as { name: string }[]).map((r) => r.name);
  if (tables.length === 0) throw new VectorInputError("no_layers", fileName, { file: fileName });
  const table = options.layer ?? tables[0];
  if (!tables.includes(table)) throw new VectorInputError("unknown_layer", fileName, { file: fileName, layer: table, layers: tables.join(", ") });
  const column = db.prepare("SELECT column_name AS name, srs_id AS srs FROM gpkg_geometry_columns WHERE table_name = ?").get(table) as { name: string; srs: number } | undefined;
  if (!column) throw new VectorInputError("bad_geopackage", `${fileName}/${table}`, { file: fileName, reason: "no geometry column" });
  const info = db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string; pk: number; type: string }[];
  const pk = info.find((c) => c.pk === 1 && /^INTEGER$/i.test(c.type))?.name ?? null;
  const crs = srsOf(db, column.srs, `${fileName}/${table}`);
  const features: RawFeature[] = [];
  const rows = db.prepare(`SELECT * FROM ${quote(table)}`).all() as Record<string, unknown>[];
  rows.forEach((row, i) => {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (key !== column.name && key !== pk) properties[key] = value instanceof Uint8Array ? Buffer.from(value).toString("base64") : typeof value === "bigint" ? Number(value) : value;
    }
    const blob = row[column.name];
    let geometry: object | null = null;
    if (blob instanceof Uint8Array) {
      try {
        geometry = decodeGpkgGeometry(blob);
      } catch {
        throw new VectorInputError("bad_geometry", `features[${i}].geometry`, { part: "GeoPackageBinary" });
      }
    }
    const feature: RawFeature = { type: "Feature", geometry: geometry as never, properties };
    if (pk && (typeof row[pk] === "number" || typeof row[pk] === "bigint")) feature.id = Number(row[pk]);
    features.push(feature);
  });
  if (features.length === 0) throw new VectorInputError("no_features", `${fileName}/${table}`, { file: fileName });
  return { features, crs, encoding: null, layers: tables };
}

/** Used by `readVectorFile` for .gpkg: the chosen (else first) feature table; every feature table in `layers`. */
export function readGeoPackage(bytes: Uint8Array, fileName: string, options: ReadOptions): RawRead {
  if (new TextDecoder().decode(bytes.subarray(0, 16)) !== "SQLite format 3\0") throw new VectorInputError("bad_geopackage", fileName, { file: fileName, reason: "not SQLite" });
  const path = join(tmpdir(), `tessera-read-${randomUUID()}.gpkg`);
  writeFileSync(path, bytes);
  let db: Db | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return readTable(db, fileName, options);
  } catch (error) {
    if (error instanceof VectorInputError) throw error;
    throw new VectorInputError("bad_geopackage", fileName, { file: fileName, reason: String((error as Error).message).slice(0, 120) });
  } finally {
    db?.close();
    rmSync(path, { force: true });
  }
}
