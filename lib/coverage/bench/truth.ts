import type { Geometry, Position } from "geojson";
import { ISSUE_KINDS, type CoverageIssue, type IssueKind } from "@/lib/coverage/types";
import { collectPositions } from "@/lib/geo/bbox";
import { metresPerDegree } from "./local-metres";

/** [west, south, east, north] in degrees. */
export type LonLatBbox = [number, number, number, number];

/**
 * One defect injected into the synthetic county, as the benchmark expects a checker to report it.
 * Used by {@link scoreIssues} (recall and false positives) and read by people when a defect is missed.
 *
 * Semantics, kind by kind (what `generateSyntheticCounty` builds and what a checker should say):
 * - gap / overlap: one ring of a pair of small areas of the SAME district has 1–3 vertices of their shared edge
 *   moved 12–30 m into itself (gap) or into its neighbour (overlap). smallAreas = both codes.
 * - outside_district: a small area's vertex on its district's boundary is pushed 12–30 m into the neighbouring
 *   district (the district rings are untouched). district = the small area's district, districts = both;
 *   reporting the cross-district overlap with the neighbour's small area as `overlap` is tolerated.
 * - district_gap / district_overlap: a vertex on the boundary between two districts is moved in one DISTRICT
 *   ring and, identically, in the one small area of that district that has it, so that the district is still
 *   tiled exactly by its small areas. Districts no longer tile the county: expect ONE district_gap /
 *   district_overlap with districts = both. No gap/overlap/outside_district inside either district is
 *   expected; the small-area overlap across the two districts (district_overlap) may be reported as `overlap`
 *   (tolerated).
 * - invalid_geometry: variant "bow-tie" (a self-intersection along one edge), "unclosed" (last position
 *   dropped), "nan" (one coordinate NaN). What a checker does next with the area (skip it, repair it) may make
 *   it report gaps, overlaps, slivers, unassigned buildings or size issues on that area: all tolerated there.
 * - multipart: a small area is a MultiPolygon (its cell plus an exclave inside a neighbour of the same district,
 *   which has the exclave as a hole); its district is still tiled exactly.
 * - sliver: a thin (0.4–1.5 m) island small area, filling a hole of its parent; it has no buildings, so
 *   no_buildings / too_small on it are tolerated.
 * - unassigned_building: a building inside one of the `gap` defects (the gap is its own entry).
 * - ambiguous_building: a building exactly on a shared vertex or at the midpoint of a shared segment of two
 *   small areas of the same district.
 * - too_small / too_large: the households of a small area are set below / above the band.
 * - no_buildings: a non-virtual small area without buildings (too_small on it is tolerated).
 * - duplicate_code: two small areas of one district share a code (smallAreas = that code); size, multipart
 *   and gap findings on those two areas are tolerated (a checker may merge or drop one of them).
 * - bad_code: a small-area code that is not 3 digits, or ≥ 900 on a non-virtual area (smallAreas = that code).
 */
export interface TruthEntry {
  id: number;
  kind: IssueKind;
  /** how it was built (e.g. "chunk", "bow-tie", "nan", "vertex") */
  variant: string;
  /** the district concerned (the one whose ring or small area was changed) */
  district: string | null;
  /** every district involved, sorted */
  districts: string[];
  /** small-area codes involved, sorted */
  smallAreas: string[];
  /** approximate area of the defect (m²), 0 for point and attribute defects */
  areaM2: number;
  /** where it is (degrees), null for attribute defects whose place does not matter */
  bbox: LonLatBbox | null;
  /** other kinds a checker may report here without it counting as a false positive (nor as recall) */
  tolerated: IssueKind[];
}

/** Cases built in to trip checkers that must NOT be reported (zero false positives expected). */
export type HardCaseKind = "float_noise" | "t_junction" | "hole" | "virtual_area";

/** Used by {@link scoreIssues} to say which false positives sit on a known hard case. */
export interface HardCase {
  kind: HardCaseKind;
  variant: string;
  /** the district whose ring (or small area's ring) carries the case */
  district: string;
  /** every district touching it (two on a district boundary), sorted */
  districts: string[];
  smallAreas: string[];
  bbox: LonLatBbox | null;
}

/** Kinds whose issues must also be near the truth location to match. */
export const LOCATED_KINDS: ReadonlySet<IssueKind> = new Set<IssueKind>([
  "gap",
  "overlap",
  "outside_district",
  "district_gap",
  "district_overlap",
  "outside_township",
  "invalid_geometry",
  "multipart",
  "sliver",
  "unassigned_building",
  "ambiguous_building",
]);

/** Score of one kind. */
export interface KindScore {
  /** truth entries of this kind */
  expected: number;
  /** issues of this kind reported */
  found: number;
  /** truth entries matched by at least one issue */
  matched: number;
  /** matched / expected, null when nothing was expected */
  recall: number | null;
  /** issues matching no truth entry of their kind and tolerated by none */
  falsePositives: number;
  /** issues matching no entry of their kind but tolerated by one */
  tolerated: number;
}

/** Result of {@link scoreIssues}. */
export interface ScoreReport {
  byKind: Record<IssueKind, KindScore>;
  total: { expected: number; found: number; matched: number; falsePositives: number };
  missed: TruthEntry[];
  falsePositives: CoverageIssue[];
  /** false positives located on a hard case, by hard-case kind */
  falsePositivesAtHardCases: Partial<Record<HardCaseKind, number>>;
}

/** Options of {@link scoreIssues}. */
export interface ScoreOptions {
  /** distance (m) between the issue geometry's bbox and the truth bbox that still matches; default 50 */
  toleranceM?: number;
  hardCases?: readonly HardCase[];
}


/** Used by the scorer and the generator: bbox of finite positions only (NaN coordinates are skipped). */
export function finiteBbox(positions: readonly Position[]): LonLatBbox | null {
  let b: LonLatBbox | null = null;
  for (const p of positions) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    if (!b) b = [p[0], p[1], p[0], p[1]];
    else {
      if (p[0] < b[0]) b[0] = p[0];
      if (p[1] < b[1]) b[1] = p[1];
      if (p[0] > b[2]) b[2] = p[0];
      if (p[1] > b[3]) b[3] = p[1];
    }
  }
  return b;
}

/** Used by the scorer: bbox of an issue geometry (finite positions), null when it has none. */
export function geometryBbox(g: Geometry | null): LonLatBbox | null {
  if (!g) return null;
  const positions: Position[] = [];
  collectPositions(g, positions);
  return finiteBbox(positions);
}

/** Used by the scorer: distance in metres between two bboxes (0 when they intersect). */
export function bboxDistanceM(a: LonLatBbox, b: LonLatBbox): number {
  const [kx, ky] = metresPerDegree((a[1] + a[3] + b[1] + b[3]) / 4);
  const dx = Math.max(0, a[0] - b[2], b[0] - a[2]) * kx;
  const dy = Math.max(0, a[1] - b[3], b[1] - a[3]) * ky;
  return Math.hypot(dx, dy);
}

function districtsOf(issue: CoverageIssue): string[] {
  const out = issue.districts ? [...issue.districts] : [];
  if (issue.district) out.push(issue.district);
  return out;
}

/** True when `issue` is at the place of `t` (district, small-area codes, and location for located kinds). */
function samePlace(issue: CoverageIssue, ds: string[], b: LonLatBbox | null, t: TruthEntry, tol: number): boolean {
  if (ds.length > 0 && t.districts.length > 0 && !ds.some((d) => t.districts.includes(d))) return false;
  if (issue.smallAreas.length > 0 && t.smallAreas.length > 0 && !issue.smallAreas.some((c) => t.smallAreas.includes(c))) return false;
  if (LOCATED_KINDS.has(issue.kind) && t.bbox && b && bboxDistanceM(b, t.bbox) > tol) return false;
  return true;
}

/**
 * Used by the coverage benchmark (and any test of `checkCoverage` on the synthetic county) to score reported
 * issues against the injected truth. An issue matches a truth entry of its own kind when the districts agree
 * (issue.district or issue.districts meets entry.districts, or either side names none), the small-area codes
 * overlap (or either list is empty), and — for {@link LOCATED_KINDS} with an issue geometry — the bbox of the
 * issue geometry is within `toleranceM` (50 m) of the entry's bbox. An issue matching no entry of its kind is
 * "tolerated" if an entry lists its kind in `tolerated` at the same place, else a false positive.
 */
export function scoreIssues(truth: readonly TruthEntry[], issues: readonly CoverageIssue[], options: ScoreOptions = {}): ScoreReport {
  const tol = options.toleranceM ?? 50;
  const byKind = Object.fromEntries(
    ISSUE_KINDS.map((k) => [k, { expected: 0, found: 0, matched: 0, recall: null, falsePositives: 0, tolerated: 0 } satisfies KindScore]),
  ) as Record<IssueKind, KindScore>;
  const ofKind = new Map<IssueKind, TruthEntry[]>();
  const tolerating = new Map<IssueKind, TruthEntry[]>();
  for (const t of truth) {
    byKind[t.kind].expected++;
    (ofKind.get(t.kind) ?? ofKind.set(t.kind, []).get(t.kind)!).push(t);
    for (const k of t.tolerated) (tolerating.get(k) ?? tolerating.set(k, []).get(k)!).push(t);
  }
  const matched = new Set<number>();
  const falsePositives: CoverageIssue[] = [];
  for (const issue of issues) {
    const score = byKind[issue.kind];
    score.found++;
    const ds = districtsOf(issue);
    const b = geometryBbox(issue.geometry);
    let hit = false;
    for (const t of ofKind.get(issue.kind) ?? []) {
      if (samePlace(issue, ds, b, t, tol)) {
        matched.add(t.id);
        hit = true;
      }
    }
    if (hit) continue;
    if ((tolerating.get(issue.kind) ?? []).some((t) => samePlace(issue, ds, b, t, tol))) score.tolerated++;
    else {
      score.falsePositives++;
      falsePositives.push(issue);
    }
  }
  for (const t of truth) if (matched.has(t.id)) byKind[t.kind].matched++;
  for (const k of ISSUE_KINDS) {
    const s = byKind[k];
    s.recall = s.expected > 0 ? s.matched / s.expected : null;
  }
  const atHard: Partial<Record<HardCaseKind, number>> = {};
  for (const fp of falsePositives) {
    const b = geometryBbox(fp.geometry);
    const ds = districtsOf(fp);
    const hc = (options.hardCases ?? []).find(
      (h) => (b && h.bbox ? bboxDistanceM(b, h.bbox) <= tol : false) || (!b && h.districts.some((d) => ds.includes(d)) && fp.smallAreas.some((c) => h.smallAreas.includes(c))),
    );
    if (hc) atHard[hc.kind] = (atHard[hc.kind] ?? 0) + 1;
  }
  const total = { expected: truth.length, found: issues.length, matched: matched.size, falsePositives: falsePositives.length };
  return { byKind, total, missed: truth.filter((t) => !matched.has(t.id)), falsePositives, falsePositivesAtHardCases: atHard };
}
