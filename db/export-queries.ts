/**
 * What goes out in an export (issue #8): the features of one layer — districts, small areas, buildings,
 * reference features, or housing units as an attribute table — for the whole database, one township or one
 * district, with the attributes a GIS user expects (codes, names, parent codes, state, totals). Property names
 * are at most 10 characters so that they survive a shapefile unchanged. Household values of single buildings
 * and units go out only to those who may `read_units` on each record (`canReadUnits`); area totals (the sums
 * the printed sheets show) always do. Used by GET /api/export and `tessera export`.
 */
import type { Feature, Geometry, Point, Polygon } from "geojson";
import { labelPoint } from "@/lib/geo/label-point";
import type { Db } from "./client";
import { TOTALS_FOR_IDS_SQL } from "./queries";

/** The layers that can be exported. */
export const EXPORT_LAYERS = ["districts", "small-areas", "buildings", "reference", "housing-units"] as const;
export type ExportLayer = (typeof EXPORT_LAYERS)[number];

/** Which part of the database: everything, one township (9-digit code) or one district (12-digit code). */
export type ExportScope = { type: "all" } | { type: "township"; id: number; code: string } | { type: "district"; id: number; code: string };

/** Asked per district (null: a building in no district) whether household values may go out. */
export type UnitsCheck = (districtId: number | null) => boolean;

/** One layer ready for `writeVectorFile`. */
export interface ExportData {
  layer: ExportLayer;
  features: Array<Feature<Geometry | null, Record<string, string | number | null>>>;
  fields: Array<{ name: string; type: "string" | "number" }>;
  /** household values of buildings or units are in the file (audited as `units.export`) */
  unitValues: boolean;
  /** the housing-unit layer was asked for by someone who may not read some of its units: nothing is given */
  refused: boolean;
}

type Row = Record<string, unknown> & { geometry: string | null };
const s = (name: string) => ({ name, type: "string" as const });
const n = (name: string) => ({ name, type: "number" as const });

/** Used by the route and the command: the scope a `--district`/`--township` code names, or null when there is none. */
export function findExportScope(db: Db, by: { district?: string | null; township?: string | null }): ExportScope | null {
  if (by.district) {
    const id = db.$client.prepare("SELECT id FROM districts WHERE code = ?").pluck().get(by.district) as number | undefined;
    return id === undefined ? null : { type: "district", id, code: by.district };
  }
  if (by.township) {
    const id = db.$client.prepare("SELECT id FROM admin_units WHERE level = 'township' AND code = ? ORDER BY id LIMIT 1").pluck().get(by.township) as number | undefined;
    return id === undefined ? null : { type: "township", id, code: by.township };
  }
  return { type: "all" };
}

/** Used by the route for a county-wide export: the ids of every township (each must be inside the person's assignment). */
export function townshipIds(db: Db): number[] {
  return db.$client.prepare("SELECT id FROM admin_units WHERE level = 'township' ORDER BY id").pluck().all() as number[];
}

/** SQL condition on `d` (districts) for the scope, and its parameters. */
function districtWhere(scope: ExportScope): [string, unknown[]] {
  if (scope.type === "district") return ["d.id = ?", [scope.id]];
  if (scope.type === "township") return ["d.township_id = ?", [scope.id]];
  return ["1 = 1", []];
}

const json = (text: string | null) => (text === null ? null : (JSON.parse(text) as Geometry));

function areaTotals(db: Db, ids: number[]): Map<number, { households: number; persons: number; buildings: number }> {
  const rows = db.$client
    .prepare(`${TOTALS_FOR_IDS_SQL} SELECT ids.id, ut.households, ut.persons, bt.buildings FROM ids
      LEFT JOIN unit_totals ut ON ut.small_area_id = ids.id LEFT JOIN building_totals bt ON bt.small_area_id = ids.id`)
    .all(JSON.stringify(ids)) as Array<{ id: number; households: number | null; persons: number | null; buildings: number | null }>;
  return new Map(rows.map((r) => [r.id, { households: r.households ?? 0, persons: r.persons ?? 0, buildings: r.buildings ?? 0 }]));
}

function smallAreaRows(db: Db, scope: ExportScope) {
  const [where, params] = districtWhere(scope);
  return db.$client
    .prepare(`SELECT sa.id, sa.code, sa.name, sa.is_virtual, sa.status, sa.geometry, sa.district_id, d.code AS district_code
      FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE ${where} ORDER BY d.code, sa.code`)
    .all(...params) as Array<Row & { id: number; code: string; name: string | null; is_virtual: number; status: string; district_id: number; district_code: string }>;
}

function districts(db: Db, scope: ExportScope): Omit<ExportData, "refused"> {
  const [where, params] = districtWhere(scope);
  const rows = db.$client
    .prepare(`SELECT d.id, d.code, d.name_zh, d.name_en, d.kind, d.geometry, t.code AS township FROM districts d
      JOIN admin_units t ON t.id = d.township_id WHERE ${where} ORDER BY d.code`)
    .all(...params) as Array<Row & { id: number; code: string; name_zh: string; name_en: string; kind: string; township: string }>;
  const areas = smallAreaRows(db, scope);
  const totals = areaTotals(db, areas.map((a) => a.id));
  const sums = new Map<number, { areas: number; households: number; persons: number }>();
  for (const a of areas) {
    const sum = sums.get(a.district_id) ?? { areas: 0, households: 0, persons: 0 };
    const t = totals.get(a.id)!;
    sums.set(a.district_id, { areas: sum.areas + 1, households: sum.households + t.households, persons: sum.persons + t.persons });
  }
  const features = rows.map((r) => {
    const sum = sums.get(r.id) ?? { areas: 0, households: 0, persons: 0 };
    return feature(r.geometry, { code: r.code, name_zh: r.name_zh, name_en: r.name_en, township: r.township, kind: r.kind, areas: sum.areas, households: sum.households, persons: sum.persons });
  });
  return { layer: "districts", features, fields: [s("code"), s("name_zh"), s("name_en"), s("township"), s("kind"), n("areas"), n("households"), n("persons")], unitValues: false };
}

function smallAreas(db: Db, scope: ExportScope): Omit<ExportData, "refused"> {
  const rows = smallAreaRows(db, scope);
  const totals = areaTotals(db, rows.map((r) => r.id));
  const features = rows.map((r) => {
    const t = totals.get(r.id)!;
    return feature(r.geometry, {
      code: r.code, full_code: `${r.district_code}${r.code}`, name: r.name, district: r.district_code, virtual: r.is_virtual ? 1 : 0,
      state: r.status, households: t.households, persons: t.persons, buildings: t.buildings,
    });
  });
  const fields = [s("code"), s("full_code"), s("name"), s("district"), n("virtual"), s("state"), n("households"), n("persons"), n("buildings")];
  return { layer: "small-areas", features, fields, unitValues: false };
}

const BUILDING_SELECT = `SELECT b.id, b.number, b.use, b.name, b.floors, b.geometry, b.district_id, d.code AS district,
    CASE WHEN sa.id IS NULL THEN NULL ELSE sd.code || sa.code END AS small_area
  FROM buildings b LEFT JOIN districts d ON d.id = b.district_id
  LEFT JOIN small_areas sa ON sa.id = b.small_area_id LEFT JOIN districts sd ON sd.id = sa.district_id`;
type BuildingRow = Row & { id: number; number: number | null; use: string; name: string | null; floors: number; district_id: number | null; district: string | null; small_area: string | null };

function buildingRows(db: Db, scope: ExportScope): BuildingRow[] {
  if (scope.type === "all") return db.$client.prepare(`${BUILDING_SELECT} ORDER BY b.district_id, b.small_area_id, b.number, b.id`).all() as BuildingRow[];
  const [where, params] = districtWhere(scope);
  return db.$client.prepare(`${BUILDING_SELECT} WHERE b.district_id IN (SELECT d.id FROM districts d WHERE ${where}) ORDER BY b.district_id, b.small_area_id, b.number, b.id`).all(...params) as BuildingRow[];
}

function buildings(db: Db, scope: ExportScope, canReadUnits: UnitsCheck): Omit<ExportData, "refused"> {
  const rows = buildingRows(db, scope);
  const withUnits = rows.every((r) => canReadUnits(r.district_id));
  const units = new Map<number, { units: number; households: number; persons: number }>();
  if (withUnits) {
    const sums = db.$client.prepare("SELECT building_id AS id, COUNT(*) AS units, SUM(households) AS households, SUM(persons) AS persons FROM housing_units GROUP BY building_id").all() as Array<{ id: number; units: number; households: number; persons: number }>;
    for (const u of sums) units.set(u.id, u);
  }
  const features = rows.map((r) => {
    const base = { number: r.number, use: r.use, name: r.name, floors: r.floors, district: r.district, small_area: r.small_area };
    const u = units.get(r.id);
    return feature(r.geometry, withUnits ? { ...base, units: u?.units ?? 0, households: u?.households ?? 0, persons: u?.persons ?? 0 } : base);
  });
  const fields = [n("number"), s("use"), s("name"), n("floors"), s("district"), s("small_area"), ...(withUnits ? [n("units"), n("households"), n("persons")] : [])];
  return { layer: "buildings", features, fields, unitValues: withUnits && rows.length > 0 };
}

function references(db: Db, scope: ExportScope): Omit<ExportData, "refused"> {
  const box =
    scope.type === "all" ? null
    : (db.$client.prepare(`SELECT min_lon, min_lat, max_lon, max_lat FROM ${scope.type === "district" ? "districts" : "admin_units"} WHERE id = ?`).get(scope.id) as Record<string, number> | undefined);
  const rows = (box
    ? db.$client.prepare("SELECT kind, subkind, name, width_m, geometry FROM reference_features WHERE id IN (SELECT id FROM reference_features_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?) ORDER BY id").all(box.min_lon, box.max_lon, box.min_lat, box.max_lat)
    : db.$client.prepare("SELECT kind, subkind, name, width_m, geometry FROM reference_features ORDER BY id").all()) as Array<Row & { kind: string; subkind: string | null; name: string | null; width_m: number | null }>;
  const features = rows.map((r) => feature(r.geometry, { kind: r.kind, subkind: r.subkind, name: r.name, width_m: r.width_m }));
  return { layer: "reference", features, fields: [s("kind"), s("subkind"), s("name"), n("width_m")], unitValues: false };
}

function housingUnits(db: Db, scope: ExportScope, canReadUnits: UnitsCheck): Omit<ExportData, "refused"> | null {
  const buildingsInScope = buildingRows(db, scope);
  if (!buildingsInScope.every((b) => canReadUnits(b.district_id))) return null;
  const byId = new Map(buildingsInScope.map((b) => [b.id, b]));
  const rows = db.$client
    .prepare(`SELECT hu.building_id, hu.unit_number, hu.floor, hu.entrance, hu.status, hu.households, hu.persons,
        CASE WHEN sa.id IS NULL THEN NULL ELSE sd.code || sa.code END AS small_area
      FROM housing_units hu LEFT JOIN small_areas sa ON sa.id = hu.small_area_id LEFT JOIN districts sd ON sd.id = sa.district_id ORDER BY hu.building_id, hu.unit_number, hu.id`)
    .all() as Array<{ building_id: number; unit_number: string; floor: number | null; entrance: string | null; status: string; households: number; persons: number; small_area: string | null }>;
  const features = rows.flatMap((u) => {
    const b = byId.get(u.building_id);
    if (!b) return [];
    const g = json(b.geometry);
    const point: Point | null = !g ? null : g.type === "Point" ? g : { type: "Point", coordinates: labelPoint(g as Polygon) };
    return [{ type: "Feature" as const, geometry: point, properties: {
      unit: u.unit_number, floor: u.floor, entrance: u.entrance, status: u.status, households: u.households, persons: u.persons,
      building: b.number, small_area: u.small_area ?? b.small_area, district: b.district,
    } }];
  });
  const fields = [s("unit"), n("floor"), s("entrance"), s("status"), n("households"), n("persons"), n("building"), s("small_area"), s("district")];
  return { layer: "housing-units", features, fields, unitValues: features.length > 0 };
}

function feature(geometry: string | null, properties: Record<string, string | number | null>): ExportData["features"][number] {
  return { type: "Feature", geometry: json(geometry), properties };
}

/**
 * Used by the export route and command: the features of `layer` in `scope`. `canReadUnits` says per district
 * whether household values may go out (the command passes `() => true`): buildings lose their `units`,
 * `households` and `persons` columns when any building in the file may not show them; the housing-unit layer is
 * then `refused` (no features).
 */
export function exportData(db: Db, layer: ExportLayer, scope: ExportScope, canReadUnits: UnitsCheck): ExportData {
  switch (layer) {
    case "districts":
      return { ...districts(db, scope), refused: false };
    case "small-areas":
      return { ...smallAreas(db, scope), refused: false };
    case "buildings":
      return { ...buildings(db, scope, canReadUnits), refused: false };
    case "reference":
      return { ...references(db, scope), refused: false };
    case "housing-units": {
      const data = housingUnits(db, scope, canReadUnits);
      return data ? { ...data, refused: false } : { layer, features: [], fields: [], unitValues: false, refused: true };
    }
  }
}
