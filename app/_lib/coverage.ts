import type { Feature, FeatureCollection } from "geojson";
import type { SmallAreaPlace } from "@/db/coverage-queries";
import type { CoverageIssue, CoverageReport } from "@/lib/coverage/types";
import { bboxOfGeometry, type Bbox } from "@/lib/geo/bbox";

/** What GET /api/coverage returns: the report, and where the small areas it names are (by full code). */
export interface CoverageResponse extends CoverageReport {
  places: Record<string, SmallAreaPlace>;
}

/** Full codes of the small areas an issue names (`district` + each 3-digit code). */
export function issueFullCodes(issue: CoverageIssue): string[] {
  return issue.district ? issue.smallAreas.map((code) => `${issue.district}${code}`) : [];
}

/** The map layer of defects: one feature per issue with geometry, its id the issue's index. */
export function defectFeatures(issues: CoverageIssue[]): FeatureCollection {
  const features: Feature[] = [];
  issues.forEach((issue, index) => {
    if (issue.geometry) features.push({ type: "Feature", id: index, geometry: issue.geometry, properties: { kind: issue.kind, severity: issue.severity } });
  });
  return { type: "FeatureCollection", features };
}

/**
 * Where a click on an issue takes the map: the defect's own bbox, else its small area's bbox (and the small
 * area to open in the side panel, when the issue names exactly one); null when neither is known.
 */
export function issueTarget(issue: CoverageIssue, places: Record<string, SmallAreaPlace>): { bbox: Bbox | null; smallAreaId: number | null } | null {
  const codes = issueFullCodes(issue);
  const place = codes.length === 1 ? places[codes[0]] : undefined;
  if (issue.geometry) {
    const bbox = bboxOfGeometry(issue.geometry);
    if (bbox.every(Number.isFinite)) return { bbox, smallAreaId: null };
  }
  return place ? { bbox: place.bbox, smallAreaId: place.id } : null;
}
