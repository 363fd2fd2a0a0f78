/**
 * The rows of a layer import as SQL (issue #8), inside the transaction `importLayer` opens: districts and small
 * areas inserted, or — when their code exists — replaced (geometry and names, version + 1, one change-log row
 * each with the stored copy before) or skipped; reference features inserted with one summary change-log row.
 * Buildings under new or replaced areas are placed again afterwards (`reassignBuildings`, the edit write's rule).
 */
import type { Geometry } from "geojson";
import type { Bbox } from "@/lib/geo/bbox";
import { bboxOfGeometry } from "@/lib/geo/bbox";
import type { DistrictRow, ReferenceRow, SmallAreaRow, ValidatedLayer } from "@/lib/io/layer-features";
import type { Db } from "./client";
import { reassignBuildings } from "./edit-derive";
import { appendChangeLog } from "./mutations";

/** What a layer's rows did. */
export interface AreaWriteCounts {
  inserted: number;
  replaced: number;
  skipped: number;
  /** districts whose areas changed (for the coverage report) */
  districtCodes: string[];
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

function bboxValues(g: Geometry | null): Array<number | null> {
  return g ? bboxOfGeometry(g) : [null, null, null, null];
}

interface Stored {
  id: number;
  version: number;
  [column: string]: unknown;
}

/** A change-log entry of one district or small area put by the import. */
function logPut(db: Db, changeId: string, userId: number | null, type: "district" | "small_area", id: number, before: Stored | undefined) {
  const table = type === "district" ? "districts" : "small_areas";
  const after = db.$client.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Stored;
  const parse = (r: Stored | undefined) => r && { ...r, geometry: typeof r.geometry === "string" ? JSON.parse(r.geometry) : null };
  appendChangeLog(db, { changeId, userId, label: "import", entityType: type, entityId: id, op: "put", baseVersion: before?.version ?? null, before: parse(before) ?? null, after: parse(after) });
}

function writeDistricts(db: Db, rows: DistrictRow[], existing: "replace" | "skip", log: (id: number, before: Stored | undefined) => void) {
  const c = db.$client;
  const find = c.prepare("SELECT * FROM districts WHERE code = ?");
  const township = c.prepare("SELECT id FROM admin_units WHERE level = 'township' AND code = ?").pluck();
  const insert = c.prepare("INSERT INTO districts (township_id, code, name_zh, name_en, kind, geometry, min_lon, min_lat, max_lon, max_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const update = c.prepare(`UPDATE districts SET name_zh = ?, name_en = COALESCE(?, name_en), kind = ?, geometry = ?, min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?, version = version + 1, updated_at = ${NOW} WHERE id = ?`);
  const out = { inserted: 0, replaced: [] as number[], skipped: [] as number[], regions: [] as Bbox[], codes: [] as string[] };
  for (const r of rows) {
    const stored = find.get(r.code) as Stored | undefined;
    const g = JSON.stringify(r.geometry);
    if (stored && existing === "skip") {
      out.skipped.push(r.feature);
      continue;
    }
    if (stored) {
      update.run(r.nameZh, r.nameEn, r.kind, g, ...bboxValues(r.geometry), stored.id);
      out.replaced.push(r.feature);
      out.regions.push(bboxValues(JSON.parse(String(stored.geometry))) as Bbox);
      log(stored.id, stored);
    } else {
      const { lastInsertRowid } = insert.run(township.get(r.townshipCode), r.code, r.nameZh, r.nameEn ?? r.nameZh, r.kind, g, ...bboxValues(r.geometry));
      out.inserted++;
      log(Number(lastInsertRowid), undefined);
    }
    out.regions.push(bboxOfGeometry(r.geometry));
    out.codes.push(r.code);
  }
  return out;
}

function writeSmallAreas(db: Db, rows: SmallAreaRow[], existing: "replace" | "skip", log: (id: number, before: Stored | undefined) => void) {
  const c = db.$client;
  const district = c.prepare("SELECT id FROM districts WHERE code = ?").pluck();
  const find = c.prepare("SELECT * FROM small_areas WHERE district_id = ? AND code = ?");
  const insert = c.prepare("INSERT INTO small_areas (district_id, code, name, is_virtual, geometry, min_lon, min_lat, max_lon, max_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const update = c.prepare(`UPDATE small_areas SET name = COALESCE(?, name), is_virtual = ?, geometry = ?, min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?, version = version + 1, updated_at = ${NOW} WHERE id = ?`);
  const out = { inserted: 0, replaced: [] as number[], skipped: [] as number[], regions: [] as Bbox[], codes: [] as string[] };
  for (const r of rows) {
    const districtId = district.get(r.districtCode) as number;
    const stored = find.get(districtId, r.code) as Stored | undefined;
    const g = r.geometry ? JSON.stringify(r.geometry) : null;
    if (stored && existing === "skip") {
      out.skipped.push(r.feature);
      continue;
    }
    if (stored) {
      update.run(r.name, r.isVirtual ? 1 : 0, g, ...bboxValues(r.geometry), stored.id);
      out.replaced.push(r.feature);
      if (typeof stored.geometry === "string") out.regions.push(bboxOfGeometry(JSON.parse(stored.geometry)));
      log(stored.id, stored);
    } else {
      const { lastInsertRowid } = insert.run(districtId, r.code, r.name, r.isVirtual ? 1 : 0, g, ...bboxValues(r.geometry));
      out.inserted++;
      log(Number(lastInsertRowid), undefined);
    }
    if (r.geometry) out.regions.push(bboxOfGeometry(r.geometry));
    if (!out.codes.includes(r.districtCode)) out.codes.push(r.districtCode);
  }
  return out;
}

/**
 * Used by `importLayer` for districts and small areas: inserts the new ones, replaces or skips those whose
 * code exists (`existing`), logs each put, and places the buildings under them again.
 */
export function writeAreaRows(
  db: Db,
  validated: Extract<ValidatedLayer, { layer: "districts" | "small-areas" }>,
  existing: "replace" | "skip",
  changeId: string,
  userId: number | null,
): AreaWriteCounts & { skippedFeatures: number[]; replacedFeatures: number[] } {
  const type = validated.layer === "districts" ? "district" : "small_area";
  const log = (id: number, before: Stored | undefined) => logPut(db, changeId, userId, type, id, before);
  const out = validated.layer === "districts" ? writeDistricts(db, validated.rows, existing, log) : writeSmallAreas(db, validated.rows, existing, log);
  reassignBuildings(db, out.regions);
  return {
    inserted: out.inserted,
    replaced: out.replaced.length,
    skipped: out.skipped.length,
    districtCodes: out.codes,
    skippedFeatures: out.skipped,
    replacedFeatures: out.replaced,
  };
}

/** Used by `importLayer` for reference features: inserts them all (they have no code to match), one summary log row. */
export function writeReferenceRows(db: Db, rows: ReferenceRow[], changeId: string, userId: number | null): AreaWriteCounts {
  const c = db.$client;
  const townships = c.prepare("SELECT id, min_lon, min_lat, max_lon, max_lat FROM admin_units WHERE level = 'township' AND min_lon IS NOT NULL").all() as Array<{ id: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number }>;
  const insert = c.prepare("INSERT INTO reference_features (admin_unit_id, kind, subkind, name, name_en, geometry, min_lon, min_lat, max_lon, max_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  let firstId: number | null = null;
  for (const r of rows) {
    const [x0, y0, x1, y1] = bboxOfGeometry(r.geometry);
    const x = (x0 + x1) / 2, y = (y0 + y1) / 2;
    const township = townships.find((t) => x >= t.min_lon && x <= t.max_lon && y >= t.min_lat && y <= t.max_lat);
    const { lastInsertRowid } = insert.run(township?.id ?? null, r.kind, r.subkind, r.name, r.nameEn, JSON.stringify(r.geometry), x0, y0, x1, y1);
    firstId ??= Number(lastInsertRowid);
  }
  if (firstId !== null) {
    const after = { layer: "reference", features: rows.length, firstId, lastId: firstId + rows.length - 1 };
    appendChangeLog(db, { changeId, userId, label: "import_reference", entityType: "import", entityId: firstId, op: "put", baseVersion: null, before: null, after });
  }
  return { inserted: rows.length, replaced: 0, skipped: 0, districtCodes: [] };
}
