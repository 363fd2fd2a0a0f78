/**
 * The progress dashboard's numbers (issue #6, 日报) read from the database: per district the districts, small
 * areas drawn and by state, printed, buildings, housing units and households; open coverage issues from the
 * same check as GET /api/coverage; summed county → township → district by `lib/domain/progress.ts`. A township
 * office sees its townships only (`progressScopeOf`). The daily series is `db/progress-daily.ts`.
 */
import type { Geometry, Position } from "geojson";
import { checkCoverage } from "@/lib/coverage/check";
import type { CoverageIssue } from "@/lib/coverage/types";
import { emptyCounts, rollUp, type ProgressCounts, type ProgressRollUp } from "@/lib/domain/progress";
import type { AreaGeometry } from "@/lib/domain/types";
import { SMALL_AREA_STATES, type SmallAreaState } from "@/lib/domain/workflow";
import { labelPoint } from "@/lib/geo/label-point";
import { pointInArea } from "@/lib/geo/point-in-polygon";
import { loadAssignment, type Actor } from "./access";
import type { Db } from "./client";
import { getCoverageInput, getCoverageSettings } from "./coverage-queries";

/** Which townships a report covers: `null` for all of them (the county). */
export interface ProgressScope {
  townshipIds: number[] | null;
}

/** Used by the dashboard and the daily report: a township office sees its townships, everyone else all. */
export function progressScopeOf(db: Db, actor: Actor): ProgressScope {
  if (actor.role !== "office") return { townshipIds: null };
  const townships = loadAssignment(db, actor.id).townshipIds;
  return { townshipIds: townships.size ? [...townships].sort((a, b) => a - b) : null };
}

/** A township as the reports name it. */
export interface TownshipRef {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  parentId: number | null;
  geometry: AreaGeometry | null;
}

/** Used by the reports: the townships in `scope`, by code. */
export function townshipsIn(db: Db, scope: ProgressScope): TownshipRef[] {
  const rows = db.$client
    .prepare("SELECT id, code, name_zh AS nameZh, name_en AS nameEn, parent_id AS parentId, geometry FROM admin_units WHERE level = 'township' ORDER BY code")
    .all() as Array<Omit<TownshipRef, "geometry"> & { geometry: string | null }>;
  const wanted = scope.townshipIds && new Set(scope.townshipIds);
  return rows.filter((r) => !wanted || wanted.has(r.id)).map((r) => ({ ...r, geometry: r.geometry ? (JSON.parse(r.geometry) as AreaGeometry) : null }));
}

/** A district with its counts (issues not yet counted). */
export interface DistrictCounts {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  townshipId: number;
  counts: ProgressCounts;
}

/** Used by the roll-up and the daily report: every district's counts now, by code. */
export function districtCounts(db: Db): DistrictCounts[] {
  const c = db.$client;
  const rows = (c.prepare("SELECT id, code, name_zh AS nameZh, name_en AS nameEn, township_id AS townshipId FROM districts ORDER BY code").all() as Array<Omit<DistrictCounts, "counts">>).map(
    (d) => ({ ...d, counts: { ...emptyCounts(), districts: 1 } }),
  );
  const byId = new Map(rows.map((d) => [d.id, d.counts]));
  const areas = c
    .prepare("SELECT district_id AS id, status, count(*) AS n, sum(CASE WHEN is_virtual = 1 OR geometry IS NOT NULL THEN 1 ELSE 0 END) AS drawn FROM small_areas GROUP BY district_id, status")
    .all() as Array<{ id: number; status: SmallAreaState; n: number; drawn: number }>;
  for (const a of areas) {
    const counts = byId.get(a.id);
    if (!counts) continue;
    counts.smallAreas += a.n;
    counts.drawn += a.drawn;
    if (SMALL_AREA_STATES.includes(a.status)) counts.states[a.status] += a.n;
    counts.districtsDivided = 1;
  }
  const add = (sql: string, apply: (counts: ProgressCounts, row: { id: number; n: number; h: number }) => void) => {
    for (const row of c.prepare(sql).all() as Array<{ id: number; n: number; h: number }>) {
      const counts = byId.get(row.id);
      if (counts) apply(counts, row);
    }
  };
  add("SELECT district_id AS id, count(*) AS n FROM buildings WHERE district_id IS NOT NULL GROUP BY district_id", (counts, r) => (counts.buildings = r.n));
  // a unit assigned to another small area (a split building, collective quarters) counts where it is assigned
  add(
    `SELECT COALESCE(sa.district_id, b.district_id) AS id, count(*) AS n, COALESCE(sum(u.households), 0) AS h
     FROM housing_units u JOIN buildings b ON b.id = u.building_id LEFT JOIN small_areas sa ON sa.id = u.small_area_id GROUP BY 1`,
    (counts, r) => {
      counts.housingUnits = r.n;
      counts.households = r.h;
    },
  );
  add(
    `SELECT sa.district_id AS id, count(DISTINCT sa.id) AS n FROM audit_log a JOIN small_areas sa ON sa.id = CAST(a.target_id AS INTEGER)
     WHERE a.action = 'print' AND a.target_type = 'small_area' AND a.outcome = 'ok' GROUP BY sa.district_id`,
    (counts, r) => (counts.printed = r.n),
  );
  return rows;
}

/** A point of an issue's geometry that lies on it (to find its township when it names no district). */
function positionOf(geometry: Geometry | null): Position | null {
  if (!geometry) return null;
  switch (geometry.type) {
    case "Point":
      return geometry.coordinates;
    case "MultiPoint":
    case "LineString":
      return geometry.coordinates[0] ?? null;
    case "Polygon":
    case "MultiPolygon":
      try {
        return labelPoint(geometry);
      } catch {
        return null;
      }
    default:
      return null;
  }
}

/** Open coverage issues per district id and per township id; `elsewhere` counts those in no township. */
export interface IssueCounts {
  byDistrict: Map<number, number>;
  byTownship: Map<number, number>;
  elsewhere: number;
}

/**
 * Used by the roll-up: runs the coverage checks of the whole database (as GET /api/coverage does) and counts
 * each issue in the district it names (else the first district involved) and that district's township, or,
 * naming none, in the township its geometry lies in.
 */
export function coverageIssueCounts(db: Db, districts: ReadonlyArray<Pick<DistrictCounts, "id" | "code" | "townshipId">>, townships: readonly TownshipRef[]): IssueCounts {
  const result: IssueCounts = { byDistrict: new Map(), byTownship: new Map(), elsewhere: 0 };
  const input = getCoverageInput(db);
  if (!input) return result;
  const byCode = new Map(districts.map((d) => [d.code, d]));
  const bump = (map: Map<number, number>, id: number) => map.set(id, (map.get(id) ?? 0) + 1);
  const townshipOf = (issue: CoverageIssue): number | null => {
    const at = positionOf(issue.geometry);
    return (at && townships.find((t) => t.geometry && pointInArea(at, t.geometry))?.id) ?? null;
  };
  for (const issue of checkCoverage(input, getCoverageSettings(db)).issues) {
    const district = byCode.get(issue.district ?? issue.districts?.[0] ?? "");
    if (district) bump(result.byDistrict, district.id);
    const townshipId = district?.townshipId ?? townshipOf(issue);
    if (townshipId !== null) bump(result.byTownship, townshipId);
    else result.elsewhere += 1;
  }
  return result;
}

/**
 * Used by the dashboard: the roll-up county → township → district of the townships in `scope`. The county
 * row sums them (and, for the whole county, counts issues that lie in no township). `issues: false` skips
 * the coverage check.
 */
export function getProgress(db: Db, scope: ProgressScope, options: { issues?: boolean } = {}): ProgressRollUp {
  const townships = townshipsIn(db, scope);
  const allTownships = scope.townshipIds ? townshipsIn(db, { townshipIds: null }) : townships;
  const districts = districtCounts(db);
  const issues = options.issues === false ? null : coverageIssueCounts(db, districts, allTownships);
  const countyId = townships[0]?.parentId ?? null;
  const county =
    (countyId !== null &&
      (db.$client.prepare("SELECT id, code, name_zh AS nameZh, name_en AS nameEn FROM admin_units WHERE id = ?").get(countyId) as
        | { id: number; code: string; nameZh: string; nameEn: string }
        | undefined)) ||
    { id: 0, code: "", nameZh: "", nameEn: "" };
  return rollUp(
    county,
    townships.map((t) => ({
      id: t.id,
      code: t.code,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      issues: issues?.byTownship.get(t.id) ?? 0,
      districts: districts
        .filter((d) => d.townshipId === t.id)
        .map((d) => ({ id: d.id, code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, counts: { ...d.counts, issues: issues?.byDistrict.get(d.id) ?? 0 } })),
    })),
    scope.townshipIds === null ? (issues?.elsewhere ?? 0) : 0,
  );
}
