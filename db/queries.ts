/**
 * Reads of the app, the CLI and the tests. Everything the UI shows comes through here; SQL stays in `db/`.
 */
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { classifySize, type SizeClass } from "@/lib/domain/size";
import type { AreaGeometry, SizeBand } from "@/lib/domain/types";
import { labelPoint } from "@/lib/geo/label-point";
import { DEFAULT_SIZE_BAND } from "@/lib/domain/types";
import type { Bbox } from "@/lib/geo/bbox";
import type { Db } from "./client";
import { listImagerySourceRows, type ImagerySourceRow } from "./imagery-sources";

export type { Bbox };

/** Households, persons, buildings and housing units assigned to a small area. */
export interface SmallAreaTotals {
  buildings: number;
  housingUnits: number;
  households: number;
  persons: number;
}

/**
 * The totals rule as SQL (common table expressions `unit_totals` and `building_totals`): a housing unit counts
 * in its own small area when it has one, else in its building's; `areaCondition` limits the areas counted.
 */
function totalsCte(areaCondition: string): string {
  return `
  unit_area AS (
    SELECT COALESCE(hu.small_area_id, b.small_area_id) AS small_area_id, hu.households, hu.persons
    FROM housing_units hu JOIN buildings b ON b.id = hu.building_id
  ),
  unit_totals AS (
    SELECT small_area_id, COUNT(*) AS housing_units, SUM(households) AS households, SUM(persons) AS persons
    FROM unit_area WHERE small_area_id ${areaCondition} GROUP BY small_area_id
  ),
  building_totals AS (
    SELECT small_area_id, COUNT(*) AS buildings FROM buildings WHERE small_area_id ${areaCondition} GROUP BY small_area_id
  )`;
}

const TOTALS_SQL = `WITH ${totalsCte("IS NOT NULL")}`;

/**
 * Used by lists of chosen small areas (the guide's page): the same totals, counted only for the ids bound as
 * the first parameter (a JSON array), which are also the CTE `ids`.
 */
export const TOTALS_FOR_IDS_SQL = `WITH ids(id) AS (SELECT value FROM json_each(?)), ${totalsCte("IN (SELECT id FROM ids)")}`;

interface SmallAreaRow {
  id: number;
  district_id: number;
  district_code: string;
  district_name_zh: string;
  district_name_en: string;
  code: string;
  name: string | null;
  is_virtual: number;
  status: string;
  notes: string | null;
  version: number;
  geometry: string | null;
  buildings: number | null;
  housing_units: number | null;
  households: number | null;
  persons: number | null;
}

const SMALL_AREA_SELECT = `${TOTALS_SQL}
  SELECT sa.id, sa.district_id, d.code AS district_code, d.name_zh AS district_name_zh, d.name_en AS district_name_en,
         sa.code, sa.name, sa.is_virtual, sa.status, sa.notes, sa.version, sa.geometry,
         bt.buildings, ut.housing_units, ut.households, ut.persons
  FROM small_areas sa
  JOIN districts d ON d.id = sa.district_id
  LEFT JOIN building_totals bt ON bt.small_area_id = sa.id
  LEFT JOIN unit_totals ut ON ut.small_area_id = sa.id`;

function totalsOf(row: Pick<SmallAreaRow, "buildings" | "housing_units" | "households" | "persons">): SmallAreaTotals {
  return {
    buildings: row.buildings ?? 0,
    housingUnits: row.housing_units ?? 0,
    households: row.households ?? 0,
    persons: row.persons ?? 0,
  };
}

/** Used wherever sizes are judged: the size band of the (first) census, or the default band. */
export function getSizeBand(db: Db): SizeBand {
  const row = db.$client
    .prepare(
      `SELECT target_households AS targetHouseholds, min_households AS minHouseholds, max_households AS maxHouseholds,
              target_persons AS targetPersons, min_persons AS minPersons, max_persons AS maxPersons
       FROM censuses ORDER BY id LIMIT 1`,
    )
    .get() as SizeBand | undefined;
  return row ?? DEFAULT_SIZE_BAND;
}

/** Everything the side panel shows about one small area. */
export interface SmallAreaDetail extends SmallAreaTotals {
  id: number;
  code: string;
  fullCode: string;
  name: string | null;
  isVirtual: boolean;
  status: string;
  notes: string | null;
  version: number;
  district: { id: number; code: string; nameZh: string; nameEn: string };
  sizeClass: SizeClass;
  band: SizeBand;
}

/** Used by the side panel (through the small-area route) to show one small area; null when it does not exist. */
export function getSmallAreaDetail(db: Db, id: number): SmallAreaDetail | null {
  const row = db.$client.prepare(`${SMALL_AREA_SELECT} WHERE sa.id = ?`).get(id) as SmallAreaRow | undefined;
  if (!row) return null;
  const band = getSizeBand(db);
  const totals = totalsOf(row);
  return {
    id: row.id,
    code: row.code,
    fullCode: `${row.district_code}${row.code}`,
    name: row.name,
    isVirtual: row.is_virtual === 1,
    status: row.status,
    notes: row.notes,
    version: row.version,
    district: { id: row.district_id, code: row.district_code, nameZh: row.district_name_zh, nameEn: row.district_name_en },
    ...totals,
    sizeClass: classifySize(totals.households, totals.persons, band),
    band,
  };
}

/** The map layers served to the browser as GeoJSON. */
export const MAP_LAYERS = ["districts", "small-areas", "buildings", "reference"] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

const RTREE: Record<MapLayer, string> = {
  districts: "districts_rtree",
  "small-areas": "small_areas_rtree",
  buildings: "buildings_rtree",
  reference: "reference_features_rtree",
};

function bboxFilter(layer: MapLayer, alias: string, bbox?: Bbox): { sql: string; params: number[] } {
  if (!bbox) return { sql: "", params: [] };
  return {
    sql: ` AND ${alias}.id IN (SELECT id FROM ${RTREE[layer]} WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)`,
    params: [bbox[0], bbox[2], bbox[1], bbox[3]],
  };
}

function feature(id: number, geometry: string, properties: Record<string, unknown>): Feature {
  return { type: "Feature", id, geometry: JSON.parse(geometry) as Geometry, properties };
}

/**
 * Used by the layer route that feeds the map: one layer as a GeoJSON FeatureCollection, optionally only
 * the features whose bbox meets `bbox` (through the R*Tree).
 */
export function getLayerFeatures(db: Db, layer: MapLayer, bbox?: Bbox): FeatureCollection {
  const features: Feature[] = [];
  if (layer === "districts") {
    const f = bboxFilter(layer, "d", bbox);
    const rows = db.$client
      .prepare(
        `SELECT d.id, d.code, d.name_zh, d.name_en, d.kind, d.geometry,
                (SELECT COUNT(*) FROM small_areas sa WHERE sa.district_id = d.id) AS small_areas
         FROM districts d WHERE 1=1${f.sql} ORDER BY d.code`,
      )
      .all(...f.params) as Array<{ id: number; code: string; name_zh: string; name_en: string; kind: string; geometry: string; small_areas: number }>;
    for (const r of rows) {
      features.push(feature(r.id, r.geometry, { code: r.code, nameZh: r.name_zh, nameEn: r.name_en, kind: r.kind, smallAreas: r.small_areas }));
    }
  } else if (layer === "small-areas") {
    const f = bboxFilter(layer, "sa", bbox);
    const band = getSizeBand(db);
    const rows = db.$client.prepare(`${SMALL_AREA_SELECT} WHERE sa.geometry IS NOT NULL${f.sql} ORDER BY d.code, sa.code`).all(...f.params) as SmallAreaRow[];
    for (const r of rows) {
      const totals = totalsOf(r);
      features.push(
        feature(r.id, r.geometry as string, {
          code: r.code,
          fullCode: `${r.district_code}${r.code}`,
          districtCode: r.district_code,
          status: r.status,
          ...totals,
          sizeClass: classifySize(totals.households, totals.persons, band),
        }),
      );
    }
  } else if (layer === "buildings") {
    const f = bboxFilter(layer, "b", bbox);
    const rows = db.$client
      .prepare(`SELECT b.id, b.number, b.use, b.name, b.name_en, b.small_area_id, b.geometry FROM buildings b WHERE 1=1${f.sql}`)
      .all(...f.params) as Array<{ id: number; number: number | null; use: string; name: string | null; name_en: string | null; small_area_id: number | null; geometry: string }>;
    for (const r of rows) {
      features.push(feature(r.id, r.geometry, { number: r.number, use: r.use, name: r.name, nameEn: r.name_en, smallAreaId: r.small_area_id }));
    }
  } else {
    const f = bboxFilter(layer, "r", bbox);
    const rows = db.$client
      .prepare(`SELECT r.id, r.kind, r.subkind, r.name, r.name_en, r.width_m, r.geometry FROM reference_features r WHERE 1=1${f.sql}`)
      .all(...f.params) as Array<{ id: number; kind: string; subkind: string | null; name: string | null; name_en: string | null; width_m: number | null; geometry: string }>;
    for (const r of rows) {
      features.push(feature(r.id, r.geometry, { kind: r.kind, subkind: r.subkind, name: r.name, nameEn: r.name_en, widthM: r.width_m }));
    }
  }
  return { type: "FeatureCollection", features };
}

/** Used for the map's first view: the bbox of all townships, or null for an empty database. */
export function getExtent(db: Db): Bbox | null {
  const row = db.$client
    .prepare("SELECT MIN(min_lon) a, MIN(min_lat) b, MAX(max_lon) c, MAX(max_lat) d FROM admin_units WHERE level = 'township'")
    .get() as { a: number | null; b: number; c: number; d: number };
  return row.a === null ? null : [row.a, row.b, row.c, row.d];
}

/** An imagery source as the map, the guide page and the printed sheets need it (a subset of the settings row). */
export type ImagerySource = Pick<ImagerySourceRow, "id" | "name" | "kind" | "location" | "attribution" | "minZoom" | "maxZoom" | "isDefault" | "bounds">;

/** Used by the map page, the guide page and the printed sheets' imagery: every source, the default first. */
export function listImagerySources(db: Db): ImagerySource[] {
  return listImagerySourceRows(db);
}

/** Counts and names of one level of the hierarchy, as `tessera list` prints them. */
export interface HierarchyNode {
  level: "county" | "township" | "district" | "small_area";
  code: string;
  nameZh: string;
  nameEn: string;
  counts: { districts?: number; smallAreas?: number; buildings: number; households: number; persons: number };
  children: HierarchyNode[];
}

/** Used by `tessera list` and the overview: county → townships → districts → small areas, with counts. */
export function getHierarchy(db: Db): HierarchyNode[] {
  const c = db.$client;
  const units = c.prepare("SELECT id, parent_id, level, code, name_zh, name_en FROM admin_units ORDER BY code").all() as Array<{
    id: number; parent_id: number | null; level: "county" | "township"; code: string; name_zh: string; name_en: string;
  }>;
  const districtRows = c
    .prepare(
      `SELECT d.id, d.township_id, d.code, d.name_zh, d.name_en,
              (SELECT COUNT(*) FROM buildings b WHERE b.district_id = d.id) AS buildings,
              (SELECT COALESCE(SUM(hu.households),0) FROM housing_units hu JOIN buildings b ON b.id = hu.building_id WHERE b.district_id = d.id) AS households,
              (SELECT COALESCE(SUM(hu.persons),0) FROM housing_units hu JOIN buildings b ON b.id = hu.building_id WHERE b.district_id = d.id) AS persons
       FROM districts d ORDER BY d.code`,
    )
    .all() as Array<{ id: number; township_id: number; code: string; name_zh: string; name_en: string; buildings: number; households: number; persons: number }>;
  const areaRows = c.prepare(`${SMALL_AREA_SELECT} ORDER BY d.code, sa.code`).all() as SmallAreaRow[];

  const districtNodes = new Map<number, HierarchyNode>();
  const byTownship = new Map<number, HierarchyNode[]>();
  for (const d of districtRows) {
    const node: HierarchyNode = {
      level: "district", code: d.code, nameZh: d.name_zh, nameEn: d.name_en,
      counts: { smallAreas: 0, buildings: d.buildings, households: d.households, persons: d.persons },
      children: [],
    };
    districtNodes.set(d.id, node);
    byTownship.set(d.township_id, [...(byTownship.get(d.township_id) ?? []), node]);
  }
  for (const a of areaRows) {
    const parent = districtNodes.get(a.district_id);
    if (!parent) continue;
    const t = totalsOf(a);
    parent.children.push({
      level: "small_area", code: a.code, nameZh: a.name ?? "", nameEn: a.name ?? "",
      counts: { buildings: t.buildings, households: t.households, persons: t.persons }, children: [],
    });
    parent.counts.smallAreas = (parent.counts.smallAreas ?? 0) + 1;
  }
  const sum = (nodes: HierarchyNode[], key: "buildings" | "households" | "persons" | "smallAreas" | "districts") =>
    nodes.reduce((s, n) => s + (n.counts[key] ?? 0), 0);
  const unitNode = (u: (typeof units)[number]): HierarchyNode => {
    const children = u.level === "township" ? (byTownship.get(u.id) ?? []) : units.filter((x) => x.parent_id === u.id).map(unitNode);
    const districtsCount = u.level === "township" ? children.length : sum(children, "districts");
    return {
      level: u.level, code: u.code, nameZh: u.name_zh, nameEn: u.name_en,
      counts: { districts: districtsCount, smallAreas: sum(children, "smallAreas"), buildings: sum(children, "buildings"), households: sum(children, "households"), persons: sum(children, "persons") },
      children,
    };
  };
  return units.filter((u) => u.level === "county").map(unitNode);
}

/**
 * Used by the map's label layer: one point inside each district and each small area, with its code; a small
 * area's also carries its building count (the summary shown where building tiles are not drawn).
 */
export function getAreaLabels(db: Db): FeatureCollection {
  const features: Feature[] = [];
  const districtRows = db.$client.prepare("SELECT id, code, name_zh, name_en, geometry FROM districts").all() as Array<{
    id: number; code: string; name_zh: string; name_en: string; geometry: string;
  }>;
  for (const d of districtRows) {
    const at = labelPoint(JSON.parse(d.geometry) as AreaGeometry);
    features.push({ type: "Feature", id: d.id, geometry: { type: "Point", coordinates: at }, properties: { level: "district", code: d.code, nameZh: d.name_zh, nameEn: d.name_en } });
  }
  const areaRows = db.$client
    .prepare("SELECT sa.id, sa.code, sa.geometry, (SELECT COUNT(*) FROM buildings b WHERE b.small_area_id = sa.id) AS buildings FROM small_areas sa WHERE sa.geometry IS NOT NULL")
    .all() as Array<{ id: number; code: string; geometry: string; buildings: number }>;
  for (const a of areaRows) {
    const at = labelPoint(JSON.parse(a.geometry) as AreaGeometry);
    features.push({ type: "Feature", id: a.id, geometry: { type: "Point", coordinates: at }, properties: { level: "small_area", code: a.code, buildings: a.buildings } });
  }
  return { type: "FeatureCollection", features };
}

/** Totals for the overview panel: how much of the territory is divided so far. */
export interface Overview {
  districts: number;
  smallAreas: number;
  buildings: number;
  households: number;
  persons: number;
}

/** Used by the map page's overview. */
export function getOverview(db: Db): Overview {
  return db.$client
    .prepare(
      `SELECT (SELECT COUNT(*) FROM districts) AS districts, (SELECT COUNT(*) FROM small_areas) AS smallAreas,
              (SELECT COUNT(*) FROM buildings) AS buildings,
              (SELECT COALESCE(SUM(households),0) FROM housing_units) AS households,
              (SELECT COALESCE(SUM(persons),0) FROM housing_units) AS persons`,
    )
    .get() as Overview;
}

/** The census the data belongs to, as headers and sheets name it. */
export interface CensusInfo {
  nameZh: string;
  nameEn: string;
  referenceMoment: string;
}

/** Used by the overview panel: the (first) census, or null for an empty database. */
export function getCensusInfo(db: Db): CensusInfo | null {
  const row = db.$client
    .prepare("SELECT name_zh AS nameZh, name_en AS nameEn, reference_moment AS referenceMoment FROM censuses ORDER BY id LIMIT 1")
    .get() as CensusInfo | undefined;
  return row ?? null;
}

/** A township as the editor needs it: where new districts go and how their codes start. */
export interface TownshipInfo {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  bbox: Bbox | null;
  /** the outline new districts are clipped to */
  geometry: AreaGeometry | null;
}

/** Used by the map page: the townships of the census, so a drawn district can find its township. */
export function listTownships(db: Db): TownshipInfo[] {
  const rows = db.$client
    .prepare("SELECT id, code, name_zh, name_en, geometry, min_lon, min_lat, max_lon, max_lat FROM admin_units WHERE level = 'township' ORDER BY code")
    .all() as Array<{ id: number; code: string; name_zh: string; name_en: string; geometry: string | null; min_lon: number | null; min_lat: number | null; max_lon: number | null; max_lat: number | null }>;
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    bbox: r.min_lon === null ? null : [r.min_lon, r.min_lat!, r.max_lon!, r.max_lat!],
    geometry: r.geometry ? (JSON.parse(r.geometry) as AreaGeometry) : null,
  }));
}
