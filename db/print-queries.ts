/**
 * Reads of the printed map sheets (issue #7): everything a small-area sheet or a district sheet shows, in the
 * sheet's language, as `lib/print/types.ts` describes it. Quick enough for batches of hundreds of sheets:
 * prepared statements are kept per connection and the surroundings are found through the R*Tree indexes.
 */
import type Database from "better-sqlite3";
import type { Point, Polygon } from "geojson";
import type { AreaGeometry, BuildingUse, ReferenceKind } from "@/lib/domain/types";
import type { SmallAreaState } from "@/lib/domain/workflow";
import type { Bbox } from "@/lib/geo/bbox";
import type { DistrictSheetData, SheetArea, SheetBuilding, SheetLocale, SheetPlace, SheetReference, SmallAreaSheetData } from "@/lib/print/types";
import type { Db } from "./client";
import { TOTALS_FOR_IDS_SQL } from "./queries";

/** How far around a small area its sheet reaches for neighbours, other buildings and references (share of its larger side). */
const AREA_SURROUNDINGS = 0.6;
/** The same for a district sheet. */
const DISTRICT_SURROUNDINGS = 0.25;

type Statement = Database.Statement<unknown[], unknown>;
const statements = new WeakMap<Db["$client"], Map<string, Statement>>();

/** A prepared statement, prepared once per connection. */
function stmt(db: Db, sql: string): Statement {
  let cache = statements.get(db.$client);
  if (!cache) statements.set(db.$client, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.$client.prepare<unknown[], unknown>(sql)));
  return s;
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const pick = (locale: SheetLocale, zh: string | null, en: string | null) => (locale === "en" ? (en ?? zh) : (zh ?? en));

/** The bbox grown on every side by `share` of its larger side (at least ~30 m). */
function grown(b: Bbox, share: number): Bbox {
  const d = Math.max(b[2] - b[0], b[3] - b[1], 0.0003) * share;
  return [b[0] - d, b[1] - d, b[2] + d, b[3] + d];
}
const inRtree = (table: string, alias: string) =>
  `${alias}.id IN (SELECT id FROM ${table} WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)`;
const rtreeParams = (b: Bbox) => [b[0], b[2], b[1], b[3]];

interface PlaceRow {
  census_zh: string; census_en: string; county_code: string | null; county_zh: string | null; county_en: string | null;
  township_code: string; township_zh: string; township_en: string; district_code: string; district_zh: string; district_en: string;
}
const PLACE_COLUMNS = `ce.name_zh AS census_zh, ce.name_en AS census_en, c.code AS county_code, c.name_zh AS county_zh, c.name_en AS county_en,
  t.code AS township_code, t.name_zh AS township_zh, t.name_en AS township_en, d.code AS district_code, d.name_zh AS district_zh, d.name_en AS district_en`;
const PLACE_JOINS = `JOIN admin_units t ON t.id = d.township_id LEFT JOIN admin_units c ON c.id = t.parent_id JOIN censuses ce ON ce.id = t.census_id`;

function placeOf(r: PlaceRow, locale: SheetLocale): SheetPlace {
  return {
    censusName: pick(locale, r.census_zh, r.census_en)!,
    county: { code: r.county_code ?? "", name: pick(locale, r.county_zh, r.county_en) ?? "" },
    township: { code: r.township_code, name: pick(locale, r.township_zh, r.township_en)! },
    district: { code: r.district_code, name: pick(locale, r.district_zh, r.district_en)! },
  };
}

interface AreaRow {
  id: number; code: string; name: string | null; is_virtual: number; geometry: string | null; status: SmallAreaState; district_code: string;
}
const AREA_COLUMNS = "sa.id, sa.code, sa.name, sa.is_virtual, sa.geometry, sa.status, d.code AS district_code";

/** Households and persons counted in each small area of `ids`, by the totals rule. */
function totalsOf(db: Db, ids: number[]): Map<number, { households: number; persons: number }> {
  const rows = stmt(db, `${TOTALS_FOR_IDS_SQL} SELECT ids.id, ut.households, ut.persons FROM ids LEFT JOIN unit_totals ut ON ut.small_area_id = ids.id`)
    .all(JSON.stringify(ids)) as Array<{ id: number; households: number | null; persons: number | null }>;
  return new Map(rows.map((r) => [r.id, { households: r.households ?? 0, persons: r.persons ?? 0 }]));
}

function sheetAreas(db: Db, rows: AreaRow[]): SheetArea[] {
  const totals = totalsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    fullCode: `${r.district_code}${r.code}`,
    districtCode: r.district_code,
    name: r.name,
    isVirtual: r.is_virtual === 1,
    geometry: json<AreaGeometry>(r.geometry),
    state: r.status,
    households: totals.get(r.id)?.households ?? 0,
    persons: totals.get(r.id)?.persons ?? 0,
  }));
}

function displayNames(db: Db, sql: string, id: number): string[] {
  return (stmt(db, sql).all(id) as Array<{ display_name: string }>).map((r) => r.display_name);
}
const GUIDES_SQL = `SELECT DISTINCT u.display_name FROM assignments a JOIN users u ON u.id = a.user_id
  WHERE a.role = 'guide' AND a.district_id = ? AND u.disabled = 0 ORDER BY u.display_name`;
const ENUMERATORS_SQL = `SELECT DISTINCT u.display_name FROM assignments a JOIN users u ON u.id = a.user_id
  WHERE a.role = 'enumerator' AND a.small_area_id = ? AND u.disabled = 0 ORDER BY u.display_name`;

function references(db: Db, box: Bbox, locale: SheetLocale): SheetReference[] {
  const rows = stmt(db, `SELECT r.kind, r.subkind, r.name, r.name_en, r.width_m, r.geometry FROM reference_features r WHERE ${inRtree("reference_features_rtree", "r")} ORDER BY r.id`)
    .all(...rtreeParams(box)) as Array<{ kind: ReferenceKind; subkind: string | null; name: string | null; name_en: string | null; width_m: number | null; geometry: string }>;
  return rows.map((r) => ({ kind: r.kind, subkind: r.subkind, name: pick(locale, r.name, r.name_en), widthM: r.width_m, geometry: JSON.parse(r.geometry) }));
}

function buildingGeometries(db: Db, box: Bbox, except: ReadonlySet<number>): Array<Point | Polygon> {
  const rows = stmt(db, `SELECT b.id, b.geometry FROM buildings b WHERE ${inRtree("buildings_rtree", "b")}`).all(...rtreeParams(box)) as Array<{ id: number; geometry: string }>;
  return rows.filter((r) => !except.has(r.id)).map((r) => JSON.parse(r.geometry) as Point | Polygon);
}

interface BuildingRow {
  id: number; number: number | null; use: BuildingUse; name: string | null; name_en: string | null; floors: number; geometry: string;
  min_lon: number; min_lat: number; max_lon: number; max_lat: number; units: number; households: number; persons: number;
}
const BUILDING_SELECT = `SELECT b.id, b.number, b.use, b.name, b.name_en, b.floors, b.geometry, b.min_lon, b.min_lat, b.max_lon, b.max_lat,
  COUNT(hu.id) AS units, COALESCE(SUM(hu.households), 0) AS households, COALESCE(SUM(hu.persons), 0) AS persons FROM buildings b`;
const BUILDING_ORDER = "GROUP BY b.id ORDER BY b.number IS NULL, b.number, b.id";
/** Buildings standing in the area, counting their units that count in it (a unit assigned elsewhere counts there). */
const AREA_BUILDINGS_SQL = `${BUILDING_SELECT} LEFT JOIN housing_units hu ON hu.building_id = b.id AND COALESCE(hu.small_area_id, b.small_area_id) = @id
  WHERE b.small_area_id = @id ${BUILDING_ORDER}`;
/** A virtual area's buildings: those with units assigned to it, counting those units. */
const VIRTUAL_BUILDINGS_SQL = `${BUILDING_SELECT} JOIN housing_units hu ON hu.building_id = b.id AND hu.small_area_id = @id ${BUILDING_ORDER}`;

/**
 * Used by `db/print.ts` for every small-area sheet (single or in a batch): the sheet's data in `locale`
 * (imagery aside), or null when the small area does not exist.
 */
export function loadSmallAreaSheet(db: Db, smallAreaId: number, locale: SheetLocale): Omit<SmallAreaSheetData, "imagery"> | null {
  const row = stmt(db, `SELECT ${AREA_COLUMNS}, sa.district_id, sa.min_lon, sa.min_lat, sa.max_lon, sa.max_lat, d.geometry AS district_geometry, ${PLACE_COLUMNS}
    FROM small_areas sa JOIN districts d ON d.id = sa.district_id ${PLACE_JOINS} WHERE sa.id = ?`).get(smallAreaId) as
    | (AreaRow & PlaceRow & { district_id: number; min_lon: number | null; min_lat: number; max_lon: number; max_lat: number; district_geometry: string })
    | undefined;
  if (!row) return null;
  const [area] = sheetAreas(db, [row]);
  const buildingRows = stmt(db, area.isVirtual ? VIRTUAL_BUILDINGS_SQL : AREA_BUILDINGS_SQL).all({ id: smallAreaId }) as BuildingRow[];
  const buildings: SheetBuilding[] = buildingRows.map((b) => ({
    id: b.id, number: b.number, use: b.use, name: pick(locale, b.name, b.name_en), floors: b.floors, geometry: JSON.parse(b.geometry),
    housingUnits: b.units, households: b.households, persons: b.persons,
  }));
  // a virtual area has no bbox of its own: it is drawn around its buildings (or its district when it has none)
  const districtGeometry = JSON.parse(row.district_geometry) as AreaGeometry;
  let own: Bbox | null = row.min_lon === null ? null : [row.min_lon, row.min_lat, row.max_lon, row.max_lat];
  if (!own && buildingRows.length) {
    own = [Math.min(...buildingRows.map((b) => b.min_lon)), Math.min(...buildingRows.map((b) => b.min_lat)), Math.max(...buildingRows.map((b) => b.max_lon)), Math.max(...buildingRows.map((b) => b.max_lat))];
  }
  const box = grown(own ?? districtBbox(db, row.district_id), AREA_SURROUNDINGS);
  const neighbourRows = stmt(db, `SELECT ${AREA_COLUMNS} FROM small_areas sa JOIN districts d ON d.id = sa.district_id
    WHERE ${inRtree("small_areas_rtree", "sa")} AND sa.id <> ? ORDER BY d.code, sa.code`).all(...rtreeParams(box), smallAreaId) as AreaRow[];
  return {
    place: placeOf(row, locale),
    area,
    guides: displayNames(db, GUIDES_SQL, row.district_id),
    enumerators: displayNames(db, ENUMERATORS_SQL, smallAreaId),
    buildings,
    otherBuildings: buildingGeometries(db, box, new Set(buildingRows.map((b) => b.id))),
    neighbours: sheetAreas(db, neighbourRows),
    districtGeometry,
    references: references(db, box, locale),
  };
}

function districtBbox(db: Db, districtId: number): Bbox {
  const r = stmt(db, "SELECT min_lon, min_lat, max_lon, max_lat FROM districts WHERE id = ?").get(districtId) as { min_lon: number; min_lat: number; max_lon: number; max_lat: number };
  return [r.min_lon, r.min_lat, r.max_lon, r.max_lat];
}

/**
 * Used by `db/print.ts` for the district sheet (普查区图): the district's data in `locale` (imagery aside), or
 * null when the district does not exist.
 */
export function loadDistrictSheet(db: Db, districtId: number, locale: SheetLocale): Omit<DistrictSheetData, "imagery"> | null {
  const row = stmt(db, `SELECT d.id, d.geometry, d.min_lon, d.min_lat, d.max_lon, d.max_lat, ${PLACE_COLUMNS} FROM districts d ${PLACE_JOINS} WHERE d.id = ?`).get(districtId) as
    | (PlaceRow & { id: number; geometry: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number })
    | undefined;
  if (!row) return null;
  const box = grown([row.min_lon, row.min_lat, row.max_lon, row.max_lat], DISTRICT_SURROUNDINGS);
  const areaRows = stmt(db, `SELECT ${AREA_COLUMNS} FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE sa.district_id = ? ORDER BY sa.code`).all(districtId) as AreaRow[];
  const neighbours = stmt(db, `SELECT d.code, d.name_zh, d.name_en, d.geometry FROM districts d WHERE ${inRtree("districts_rtree", "d")} AND d.id <> ? ORDER BY d.code`)
    .all(...rtreeParams(box), districtId) as Array<{ code: string; name_zh: string; name_en: string; geometry: string }>;
  return {
    place: placeOf(row, locale),
    districtGeometry: JSON.parse(row.geometry) as AreaGeometry,
    guides: displayNames(db, GUIDES_SQL, districtId),
    areas: sheetAreas(db, areaRows),
    neighbourDistricts: neighbours.map((n) => ({ code: n.code, name: pick(locale, n.name_zh, n.name_en)!, geometry: JSON.parse(n.geometry) as AreaGeometry })),
    buildings: buildingGeometries(db, box, new Set()),
    references: references(db, box, locale),
  };
}

/**
 * Used by batch prints (route, CLI, bench): the ids of the small areas of a district or a township, ordered
 * by district code, then small-area code. Empty when the scope does not exist.
 */
export function smallAreasOf(db: Db, scope: { type: "district" | "township"; id: number }): number[] {
  const where = scope.type === "district" ? "d.id = ?" : "d.township_id = ?";
  return (stmt(db, `SELECT sa.id FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE ${where} ORDER BY d.code, sa.code`).all(scope.id) as Array<{ id: number }>).map((r) => r.id);
}
