/**
 * Reads for the coverage checks: the checks' input and settings from the database, and where the small areas
 * an issue names are. Used by the coverage route and `tessera check --db`.
 */
import type { Point, Polygon } from "geojson";
import { DEFAULT_COVERAGE_SETTINGS } from "@/lib/coverage/settings";
import type { CoverageInput, CoverageSettings } from "@/lib/coverage/types";
import type { AreaGeometry } from "@/lib/domain/types";
import type { Bbox } from "@/lib/geo/bbox";
import type { Db } from "./client";
import { getSizeBand } from "./queries";

/**
 * Used by the coverage route and `tessera check --db`: the checks' input read from the database — the
 * township outline (all townships' outlines as one MultiPolygon when there are several), the districts,
 * their small areas and the buildings with households and persons summed from their housing units.
 * With `districtCode`, only that district, its small areas and its buildings (and unplaced buildings in its
 * bbox), and no outline (the rest of the township is not a gap of one district); null when it does not exist.
 */
export function getCoverageInput(db: Db, options: { districtCode?: string } = {}): CoverageInput | null {
  const c = db.$client;
  let district: { id: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number } | undefined;
  if (options.districtCode !== undefined) {
    district = c.prepare("SELECT id, min_lon, min_lat, max_lon, max_lat FROM districts WHERE code = ?").get(options.districtCode) as typeof district;
    if (!district) return null;
  }
  const where = district ? "WHERE d.id = ?" : "";
  const params = district ? [district.id] : [];

  let container: AreaGeometry | null = null;
  if (!district) {
    const outlines = (c.prepare("SELECT geometry FROM admin_units WHERE level = 'township' AND geometry IS NOT NULL ORDER BY code").all() as Array<{ geometry: string }>).map(
      (r) => JSON.parse(r.geometry) as AreaGeometry,
    );
    container =
      outlines.length === 1
        ? outlines[0]
        : outlines.length > 1
          ? { type: "MultiPolygon", coordinates: outlines.flatMap((g) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates)) }
          : null;
  }

  const districtRows = c.prepare(`SELECT d.code, d.geometry FROM districts d ${where} ORDER BY d.code`).all(...params) as Array<{ code: string; geometry: string }>;
  const areaRows = c
    .prepare(`SELECT sa.code, d.code AS district_code, sa.is_virtual, sa.geometry FROM small_areas sa JOIN districts d ON d.id = sa.district_id ${where} ORDER BY d.code, sa.code`)
    .all(...params) as Array<{ code: string; district_code: string; is_virtual: number; geometry: string | null }>;
  const buildingFilter = district
    ? `WHERE b.district_id = ? OR (b.district_id IS NULL AND b.id IN (SELECT id FROM buildings_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?))`
    : "";
  const buildingParams = district ? [district.id, district.min_lon, district.max_lon, district.min_lat, district.max_lat] : [];
  const buildingRows = c
    .prepare(
      `WITH unit_totals AS (
         SELECT building_id, SUM(households) AS households, SUM(persons) AS persons FROM housing_units GROUP BY building_id
       )
       SELECT b.id, b.number, sa.code AS area_code, b.geometry, ad.code || sa.code AS assigned_to, COALESCE(ut.households, 0) AS households, COALESCE(ut.persons, 0) AS persons
       FROM buildings b
       LEFT JOIN unit_totals ut ON ut.building_id = b.id
       LEFT JOIN small_areas sa ON sa.id = b.small_area_id
       LEFT JOIN districts ad ON ad.id = sa.district_id
       ${buildingFilter} ORDER BY b.id`,
    )
    .all(...buildingParams) as Array<{ id: number; number: number | null; area_code: string | null; geometry: string; assigned_to: string | null; households: number; persons: number }>;

  return {
    container,
    districts: districtRows.map((r) => ({ code: r.code, geometry: JSON.parse(r.geometry) as AreaGeometry })),
    smallAreas: areaRows.map((r) => ({
      code: r.code,
      district: r.district_code,
      isVirtual: r.is_virtual === 1,
      geometry: r.geometry ? (JSON.parse(r.geometry) as AreaGeometry) : null,
    })),
    buildings: buildingRows.map((r) => ({
      // what people call a building: its number in its small area ("003-12"), else its record id ("#1406")
      id: r.number !== null && r.area_code ? `${r.area_code}-${r.number}` : `#${r.id}`,
      geometry: JSON.parse(r.geometry) as Point | Polygon,
      households: r.households,
      persons: r.persons,
      assignedTo: r.assigned_to,
    })),
  };
}

/**
 * Used with `getCoverageInput` wherever the checks run on the database: the checks' defaults overlaid with
 * the (first) census's tolerances (minimum gap/overlap area, sliver width) and size band.
 */
export function getCoverageSettings(db: Db): CoverageSettings {
  const tolerances = db.$client
    .prepare("SELECT min_defect_area_m2 AS minDefectAreaM2, sliver_width_m AS sliverWidthM FROM censuses ORDER BY id LIMIT 1")
    .get() as Pick<CoverageSettings, "minDefectAreaM2" | "sliverWidthM"> | undefined;
  const { minHouseholds, maxHouseholds, minPersons, maxPersons } = getSizeBand(db);
  return { ...DEFAULT_COVERAGE_SETTINGS, ...tolerances, minHouseholds, maxHouseholds, minPersons, maxPersons };
}

/** Where a small area is: its id (to open it in the side panel) and its bbox (to zoom to it). */
export interface SmallAreaPlace {
  id: number;
  bbox: Bbox | null;
}

/**
 * Used by the coverage route, so that an issue without geometry (a small area too large, without buildings…)
 * can still zoom to its small area and open it: id and bbox by full code (district code + small-area code).
 */
export function getSmallAreaPlaces(db: Db, fullCodes: string[]): Record<string, SmallAreaPlace> {
  const rows = db.$client
    .prepare(
      `SELECT sa.id, d.code || sa.code AS full_code, sa.min_lon, sa.min_lat, sa.max_lon, sa.max_lat
       FROM small_areas sa JOIN districts d ON d.id = sa.district_id
       WHERE d.code || sa.code IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(fullCodes)) as Array<{ id: number; full_code: string; min_lon: number | null; min_lat: number; max_lon: number; max_lat: number }>;
  const places: Record<string, SmallAreaPlace> = {};
  for (const r of rows) places[r.full_code] = { id: r.id, bbox: r.min_lon === null ? null : [r.min_lon, r.min_lat, r.max_lon, r.max_lat] };
  return places;
}
