/**
 * The coverage checks around an edit: the issues of the districts a Change touches, read before and after the
 * write, and the refusal when the Change makes the partition worse (more overlap, more ground outside the
 * district, more invalid geometry, more district overlap). Gaps may grow: a deleted small area leaves one on
 * purpose.
 */
import { checkCoverage, checkDistrict } from "@/lib/coverage/check";
import type { CheckDistrict, CoverageIssue, CoverageSettings, IssueKind } from "@/lib/coverage/types";
import type { AreaGeometry } from "@/lib/domain/types";
import type { RefusalReason } from "@/lib/edits/refusals";
import type { Bbox } from "@/lib/geo/bbox";
import { labelPoint } from "@/lib/geo/label-point";
import type { Db } from "./client";
import { getCoverageInput, getCoverageSettings, getSmallAreaPlaces, type SmallAreaPlace } from "./coverage-queries";
import { RTREE_HIT, rtreeHitParams } from "./edit-rows";
import { WriteRefused } from "./mutations";

/** The issue kinds an edit may not add, and the refusal each one gives. */
const BLOCKING: Partial<Record<IssueKind, RefusalReason>> = {
  overlap: "would_overlap",
  district_overlap: "would_overlap",
  outside_district: "outside_district",
  invalid_geometry: "invalid",
};

interface DistrictRow {
  id: number;
  code: string;
  bbox: Bbox;
}

function districtRows(db: Db, ids: readonly number[]): DistrictRow[] {
  const rows = db.$client
    .prepare("SELECT id, code, min_lon, min_lat, max_lon, max_lat FROM districts WHERE id IN (SELECT value FROM json_each(?)) ORDER BY code")
    .all(JSON.stringify(ids)) as Array<{ id: number; code: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }>;
  return rows.map((r) => ({ id: r.id, code: r.code, bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat] }));
}

/** Overlaps between the given districts and every district whose bbox meets one of theirs. */
function districtOverlaps(db: Db, districts: readonly DistrictRow[], settings: CoverageSettings): CoverageIssue[] {
  const select = db.$client.prepare(`SELECT code, geometry FROM districts WHERE id IN (SELECT id FROM districts_rtree WHERE ${RTREE_HIT})`);
  const near = new Map<string, CheckDistrict>();
  for (const d of districts) {
    for (const r of select.all(...rtreeHitParams(d.bbox)) as Array<{ code: string; geometry: string }>) {
      near.set(r.code, { code: r.code, geometry: JSON.parse(r.geometry) as AreaGeometry });
    }
  }
  const codes = new Set(districts.map((d) => d.code));
  const report = checkCoverage({ container: null, districts: [...near.values()], smallAreas: [] }, settings);
  return report.issues.filter((i) => i.kind === "district_overlap" && (i.districts ?? []).some((c) => codes.has(c)));
}

/**
 * Used by the edit write before (without buildings, to count) and after the write (with buildings, to return):
 * the coverage issues of each district in `districtIds` that exists (its small areas, their partition of it,
 * buildings and sizes), and with `districtLevel` the overlaps between those districts and their neighbours.
 */
export function checkEditedDistricts(db: Db, districtIds: readonly number[], options: { buildings: boolean; districtLevel: boolean }): CoverageIssue[] {
  const districts = districtRows(db, districtIds);
  const settings = getCoverageSettings(db);
  const issues: CoverageIssue[] = [];
  for (const d of districts) {
    const input = getCoverageInput(db, { districtCode: d.code });
    if (!input) continue;
    issues.push(...checkDistrict(options.buildings ? input : { ...input, buildings: undefined }, d.code, settings).issues);
  }
  if (options.districtLevel && districts.length) issues.push(...districtOverlaps(db, districts, settings));
  return issues;
}

const issueKey = (i: CoverageIssue) => `${i.kind}|${i.district}|${i.smallAreas.join(",")}|${(i.districts ?? []).join(",")}`;

function placeOf(db: Db, issue: CoverageIssue): string {
  if (issue.kind === "invalid_geometry" && issue.params.place) return String(issue.params.place);
  const code = issue.smallAreas[0];
  const sql = code
    ? "SELECT sa.id, 'small_area' AS type FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? AND sa.code = ?"
    : "SELECT id, 'district' AS type FROM districts WHERE code = ?";
  const districtCode = code ? issue.district : (issue.districts?.[0] ?? issue.district);
  const row = db.$client.prepare(sql).get(...(code ? [districtCode, code] : [districtCode])) as { id: number; type: string } | undefined;
  return row ? `${row.type}/${row.id}` : `district ${districtCode ?? ""}`.trim();
}

function pointOf(issue: CoverageIssue): [number, number] | undefined {
  const g = issue.geometry;
  if (g?.type === "Point") return [g.coordinates[0], g.coordinates[1]];
  if (g?.type === "Polygon" || g?.type === "MultiPolygon") return labelPoint(g);
  return undefined;
}

/**
 * Used by the edit write after writing, inside its transaction: throws `WriteRefused` 422 (`would_overlap`,
 * `outside_district`, `invalid`) when `after` holds more issues of a blocking kind than `before`, naming a new
 * one's small area or district and a point of it; the transaction then rolls back.
 */
export function refuseWorseCoverage(db: Db, before: readonly CoverageIssue[], after: readonly CoverageIssue[]): void {
  const count = (issues: readonly CoverageIssue[], kind: string) => issues.filter((i) => i.kind === kind).length;
  for (const [kind, reason] of Object.entries(BLOCKING)) {
    if (count(after, kind) <= count(before, kind)) continue;
    const known = new Set(before.map(issueKey));
    const added = after.filter((i) => i.kind === kind);
    const issue = added.find((i) => !known.has(issueKey(i))) ?? added[added.length - 1];
    throw new WriteRefused(422, reason, placeOf(db, issue), undefined, pointOf(issue));
  }
}

/** Used with the issues an edit returns: id and bbox of each small area they name, as the coverage route gives. */
export function placesOfIssues(db: Db, issues: readonly CoverageIssue[]): Record<string, SmallAreaPlace> {
  const codes = issues.flatMap((i) => (i.district ? i.smallAreas.map((code) => `${i.district}${code}`) : []));
  return getSmallAreaPlaces(db, [...new Set(codes)]);
}
