import type { Geometry, MultiPolygon, Point, Polygon } from "geojson";

/** Every kind of defect the coverage checks report (issue #3). */
export const ISSUE_KINDS = [
  "invalid_geometry",
  "gap",
  "overlap",
  "outside_district",
  "district_gap",
  "district_overlap",
  "outside_township",
  "multipart",
  "sliver",
  "unassigned_building",
  "ambiguous_building",
  "too_small",
  "too_large",
  "no_buildings",
  "duplicate_code",
  "bad_code",
] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];

export type Severity = "error" | "warning";

/** One defect: what, how bad, where (codes and geometry), how big, and a message key with its values. */
export interface CoverageIssue {
  kind: IssueKind;
  severity: Severity;
  /** 12-digit code of the district concerned (null for township-level defects that touch no district) */
  district: string | null;
  /** 3-digit codes of the small areas involved, sorted */
  smallAreas: string[];
  /** districts involved (for district-level defects), sorted */
  districts?: string[];
  /** area of the defect in m² (0 for point or attribute defects) */
  areaM2: number;
  /** the defect geometry (gap/overlap region, building point, the offending ring…) or null */
  geometry: Geometry | null;
  /** message key under `coverage.` in the message files; `params` fill its placeholders */
  messageKey: IssueKind;
  params: Record<string, string | number>;
}

/** A small area as the checks read it. */
export interface CheckSmallArea {
  /** 3-digit code within its district */
  code: string;
  /** 12-digit code of its district */
  district: string;
  isVirtual: boolean;
  geometry: Polygon | MultiPolygon | null;
}

/** A district as the checks read it. */
export interface CheckDistrict {
  code: string;
  geometry: Polygon | MultiPolygon;
}

/** A building as the checks read it: a point (or a footprint, checked at its centroid) with its size. */
export interface CheckBuilding {
  id: string | number;
  geometry: Point | Polygon;
  households: number;
  persons: number;
  /** full code (district + small area) it is assigned to, when the data says so */
  assignedTo?: string | null;
}

/** Everything one check run reads. */
export interface CoverageInput {
  /** the township or county outline the districts must tile; optional */
  container?: Polygon | MultiPolygon | null;
  districts: CheckDistrict[];
  smallAreas: CheckSmallArea[];
  buildings?: CheckBuilding[];
}

/** Tolerances and the size band: census settings, never constants buried in code. */
export interface CoverageSettings {
  /** gaps and overlaps smaller than this are not reported (m²); default 1 */
  minDefectAreaM2: number;
  /** a part of a small area narrower than this on average (2·area/perimeter, m) is a sliver; default 2 */
  sliverWidthM: number;
  /** a part smaller than this (m²) is a sliver whatever its shape; default 50 */
  sliverAreaM2: number;
  /** vertices closer than this (degrees) are the same vertex; default 1e-9 (≈ 0.1 mm) */
  snapDegrees: number;
  /** a building within this distance (m) of a boundary is ambiguous; default 0.05 */
  boundaryToleranceM: number;
  minHouseholds: number;
  maxHouseholds: number;
  minPersons: number;
  maxPersons: number;
}

/** Result of a run: counts per kind and the issues. */
export interface CoverageReport {
  summary: { issues: number; errors: number; warnings: number; byKind: Partial<Record<IssueKind, number>>; ms: number };
  issues: CoverageIssue[];
}
