/**
 * Rows of the editable tables (districts, small areas, buildings, housing units) as the editor's entities
 * (lib/edits/types.ts), and the
 * SQL that reads and writes them. Used by the edit reads (`edit-queries.ts`) and the edit write
 * (`edit-mutations.ts`); SQLite specifics (R*Tree through the bbox columns, AUTOINCREMENT sequences) stay here.
 */
import type { Point, Polygon } from "geojson";
import type { BuildingEntity, DistrictEntity, EditableEntity, EditableType, HousingUnitEntity, SmallAreaEntity } from "@/lib/edits/types";
import type { AreaGeometry, BuildingUse, HousingUnitStatus, SmallAreaStatus } from "@/lib/domain/types";
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

const TABLE: Record<EditableType, string> = { district: "districts", small_area: "small_areas", building: "buildings", housing_unit: "housing_units" };

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

interface BuildingRow {
  id: number;
  version: number;
  district_id: number | null;
  small_area_id: number | null;
  number: number | null;
  use: BuildingUse;
  name: string | null;
  name_en: string | null;
  floors: number;
  notes: string | null;
  geometry: string;
}

interface HousingUnitRow {
  id: number;
  version: number;
  building_id: number;
  small_area_id: number | null;
  unit_number: string;
  floor: number | null;
  entrance: string | null;
  status: HousingUnitStatus;
  households: number;
  persons: number;
}

const BUILDING_COLUMNS = "b.id, b.version, b.district_id, b.small_area_id, b.number, b.use, b.name, b.name_en, b.floors, b.notes, b.geometry";
const HOUSING_UNIT_COLUMNS = "hu.id, hu.version, hu.building_id, hu.small_area_id, hu.unit_number, hu.floor, hu.entrance, hu.status, hu.households, hu.persons";

function buildingFromRow(r: BuildingRow): BuildingEntity {
  return {
    type: "building", id: r.id, version: r.version, districtId: r.district_id, smallAreaId: r.small_area_id, number: r.number, use: r.use,
    name: r.name, nameEn: r.name_en, floors: r.floors, notes: r.notes, geometry: JSON.parse(r.geometry) as Point | Polygon,
  };
}

function housingUnitFromRow(r: HousingUnitRow): HousingUnitEntity {
  return {
    type: "housing_unit", id: r.id, version: r.version, buildingId: r.building_id, smallAreaId: r.small_area_id, unitNumber: r.unit_number,
    floor: r.floor, entrance: r.entrance, status: r.status, households: r.households, persons: r.persons,
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

/** Used by the edit reads: buildings matching a SQL condition on alias `b`, ordered by id. */
export function selectBuildings(db: Db, where: string, params: unknown[], limit?: number): BuildingEntity[] {
  const rows = db.$client
    .prepare(`SELECT ${BUILDING_COLUMNS} FROM buildings b WHERE ${where} ORDER BY b.id${limit === undefined ? "" : ` LIMIT ${Math.trunc(limit)}`}`)
    .all(...params) as BuildingRow[];
  return rows.map(buildingFromRow);
}

/** Used by the edit reads: housing units matching a SQL condition on alias `hu`, ordered by building and id. */
export function selectHousingUnits(db: Db, where: string, params: unknown[]): HousingUnitEntity[] {
  const rows = db.$client.prepare(`SELECT ${HOUSING_UNIT_COLUMNS} FROM housing_units hu WHERE ${where} ORDER BY hu.building_id, hu.id`).all(...params) as HousingUnitRow[];
  return rows.map(housingUnitFromRow);
}

function bboxValues(geometry: AreaGeometry | Point | Polygon | null): [number | null, number | null, number | null, number | null] {
  if (!geometry) return [null, null, null, null];
  const { minLon, minLat, maxLon, maxLat } = bboxColumns(geometry);
  return [minLon, minLat, maxLon, maxLat];
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

function writeBuildingRow(db: Db, b: BuildingEntity, exists: boolean): void {
  const values = [b.districtId, b.smallAreaId, b.number, b.use, b.name, b.nameEn, b.floors, b.notes, JSON.stringify(b.geometry), ...bboxValues(b.geometry), b.version, b.id];
  const sql = exists
    ? `UPDATE buildings SET district_id = ?, small_area_id = ?, number = ?, use = ?, name = ?, name_en = ?, floors = ?, notes = ?, geometry = ?, min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?, version = ?, updated_at = ${NOW} WHERE id = ?`
    : "INSERT INTO buildings (district_id, small_area_id, number, use, name, name_en, floors, notes, geometry, min_lon, min_lat, max_lon, max_lat, version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  db.$client.prepare(sql).run(...values);
}

function writeHousingUnitRow(db: Db, u: HousingUnitEntity, exists: boolean): void {
  const values = [u.buildingId, u.smallAreaId, u.unitNumber, u.floor, u.entrance, u.status, u.households, u.persons, u.version, u.id];
  const sql = exists
    ? `UPDATE housing_units SET building_id = ?, small_area_id = ?, unit_number = ?, floor = ?, entrance = ?, status = ?, households = ?, persons = ?, version = ?, updated_at = ${NOW} WHERE id = ?`
    : "INSERT INTO housing_units (building_id, small_area_id, unit_number, floor, entrance, status, households, persons, version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  db.$client.prepare(sql).run(...values);
}

/**
 * Used by the edit write: stores an entity's whole state (insert with its id when `exists` is false, else
 * update), with its version, `updated_at` and the bbox columns the R*Tree triggers follow (districts, small
 * areas, buildings). A small area's `bad_imagery` flag is not part of the entity and is kept. A building's
 * `districtId` and `smallAreaId` are written as given: the write derives them first (edit-derive.ts).
 */
export function writeEntityRow(db: Db, entity: EditableEntity, exists: boolean): void {
  if (entity.type === "building") return writeBuildingRow(db, entity, exists);
  if (entity.type === "housing_unit") return writeHousingUnitRow(db, entity, exists);
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
