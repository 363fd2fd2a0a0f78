/**
 * Rows of the editable tables (districts, small areas) as the editor's entities (lib/edits/types.ts), and the
 * SQL that reads and writes them. Used by the edit reads (`edit-queries.ts`) and the edit write
 * (`edit-mutations.ts`); SQLite specifics (R*Tree through the bbox columns, AUTOINCREMENT sequences) stay here.
 */
import type { DistrictEntity, EditableEntity, EditableType, SmallAreaEntity } from "@/lib/edits/types";
import type { AreaGeometry, SmallAreaStatus } from "@/lib/domain/types";
import type { Bbox } from "@/lib/geo/bbox";
import type { Db } from "./client";
import { bboxColumns } from "./seed/insert-township";

/** One entity named by type and id, as deletes and the change log name it. */
export interface EntityRef {
  type: EditableType;
  id: number;
}

/** Used wherever entities are keyed or named in a refusal's place: `small_area/12`, the key applyChange uses. */
export function entityKey(type: EditableType, id: number): string {
  return `${type}/${id}`;
}

/** SQL condition on an R*Tree table: the entry's bbox meets the bbox given by {@link rtreeHitParams}. */
export const RTREE_HIT = "max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?";

/** Used with {@link RTREE_HIT}: its four parameters for a bbox [west, south, east, north]. */
export function rtreeHitParams(bbox: Bbox): number[] {
  return [bbox[0], bbox[2], bbox[1], bbox[3]];
}

const TABLE: Record<EditableType, "districts" | "small_areas"> = { district: "districts", small_area: "small_areas" };

interface DistrictRow {
  id: number;
  version: number;
  township_id: number;
  code: string;
  name_zh: string;
  name_en: string;
  kind: "community" | "village";
  geometry: string;
}

interface SmallAreaRow {
  id: number;
  version: number;
  district_id: number;
  code: string;
  name: string | null;
  is_virtual: number;
  geometry: string | null;
  status: SmallAreaStatus;
  notes: string | null;
}

const DISTRICT_COLUMNS = "d.id, d.version, d.township_id, d.code, d.name_zh, d.name_en, d.kind, d.geometry";
const SMALL_AREA_COLUMNS = "sa.id, sa.version, sa.district_id, sa.code, sa.name, sa.is_virtual, sa.geometry, sa.status, sa.notes";

function districtFromRow(r: DistrictRow): DistrictEntity {
  return {
    type: "district", id: r.id, version: r.version, townshipId: r.township_id, code: r.code,
    nameZh: r.name_zh, nameEn: r.name_en, kind: r.kind, geometry: JSON.parse(r.geometry) as AreaGeometry,
  };
}

function smallAreaFromRow(r: SmallAreaRow): SmallAreaEntity {
  return {
    type: "small_area", id: r.id, version: r.version, districtId: r.district_id, code: r.code, name: r.name,
    isVirtual: r.is_virtual === 1, geometry: r.geometry ? (JSON.parse(r.geometry) as AreaGeometry) : null, status: r.status, notes: r.notes,
  };
}

/** Used by the edit reads: districts matching a SQL condition on alias `d` (e.g. `d.id IN (…)`), ordered by code. */
export function selectDistricts(db: Db, where: string, params: unknown[]): DistrictEntity[] {
  const rows = db.$client.prepare(`SELECT ${DISTRICT_COLUMNS} FROM districts d WHERE ${where} ORDER BY d.code`).all(...params) as DistrictRow[];
  return rows.map(districtFromRow);
}

/** Used by the edit reads: small areas matching a SQL condition on alias `sa`, ordered by district and code. */
export function selectSmallAreas(db: Db, where: string, params: unknown[]): SmallAreaEntity[] {
  const rows = db.$client
    .prepare(`SELECT ${SMALL_AREA_COLUMNS} FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE ${where} ORDER BY d.code, sa.code`)
    .all(...params) as SmallAreaRow[];
  return rows.map(smallAreaFromRow);
}

function bboxValues(geometry: AreaGeometry | null): [number | null, number | null, number | null, number | null] {
  if (!geometry) return [null, null, null, null];
  const { minLon, minLat, maxLon, maxLat } = bboxColumns(geometry);
  return [minLon, minLat, maxLon, maxLat];
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

/**
 * Used by the edit write: stores an entity's whole state (insert with its id when `exists` is false, else
 * update), with its version, `updated_at` and the bbox columns the R*Tree triggers follow. A small area's
 * `bad_imagery` flag is not part of the entity and is kept.
 */
export function writeEntityRow(db: Db, entity: EditableEntity, exists: boolean): void {
  const c = db.$client;
  const g = entity.geometry ? JSON.stringify(entity.geometry) : null;
  const bbox = bboxValues(entity.geometry);
  if (entity.type === "district") {
    const values = [entity.townshipId, entity.code, entity.nameZh, entity.nameEn, entity.kind, g, ...bbox, entity.version, entity.id];
    if (exists) {
      c.prepare(`UPDATE districts SET township_id = ?, code = ?, name_zh = ?, name_en = ?, kind = ?, geometry = ?, min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?, version = ?, updated_at = ${NOW} WHERE id = ?`).run(...values);
    } else {
      c.prepare("INSERT INTO districts (township_id, code, name_zh, name_en, kind, geometry, min_lon, min_lat, max_lon, max_lat, version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").run(...values);
    }
    return;
  }
  const values = [entity.districtId, entity.code, entity.name, entity.isVirtual ? 1 : 0, g, entity.status, entity.notes, ...bbox, entity.version, entity.id];
  if (exists) {
    c.prepare(`UPDATE small_areas SET district_id = ?, code = ?, name = ?, is_virtual = ?, geometry = ?, status = ?, notes = ?, min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?, version = ?, updated_at = ${NOW} WHERE id = ?`).run(...values);
  } else {
    c.prepare("INSERT INTO small_areas (district_id, code, name, is_virtual, geometry, status, notes, min_lon, min_lat, max_lon, max_lat, version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").run(...values);
  }
}

/** Used by the edit write after the rows that point at the entity are detached: removes its row. */
export function deleteEntityRow(db: Db, ref: EntityRef): void {
  db.$client.prepare(`DELETE FROM ${TABLE[ref.type]} WHERE id = ?`).run(ref.id);
}

/**
 * Used by the edit write before rows change code: gives each row a placeholder code (`#<id>`), so that a
 * Change that swaps or renumbers codes does not trip the unique indexes half-way; the final codes follow.
 */
export function parkCodes(db: Db, refs: EntityRef[]): void {
  for (const ref of refs) db.$client.prepare(`UPDATE ${TABLE[ref.type]} SET code = '#' || id WHERE id = ?`).run(ref.id);
}

/**
 * Used to give new entities their ids: the highest id ever handed out in the table (AUTOINCREMENT never hands
 * one out twice, so a deleted entity's id stays free for the undo that re-creates it).
 */
export function highestIdEver(db: Db, type: EditableType): number {
  const table = TABLE[type];
  const row = db.$client
    .prepare(`SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), COALESCE((SELECT MAX(id) FROM ${table}), 0)) AS n`)
    .get(table) as { n: number };
  return row.n;
}
