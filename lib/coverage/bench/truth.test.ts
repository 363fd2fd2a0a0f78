import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import type { CoverageIssue } from "@/lib/coverage/types";
import { generateSyntheticCounty } from "./synthetic-county";
import { scoreIssues, type LonLatBbox, type TruthEntry } from "./truth";

function box([w, s, e, n]: LonLatBbox): Polygon {
  return { type: "Polygon", coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function issueFor(t: TruthEntry, shift = 0): CoverageIssue {
  const b = t.bbox ? (t.bbox.map((v, k) => (k % 2 === 0 ? v + shift : v)) as LonLatBbox) : null;
  return {
    kind: t.kind,
    severity: "error",
    district: t.district,
    smallAreas: t.smallAreas,
    districts: t.districts,
    areaM2: t.areaM2,
    geometry: b ? box(b) : null,
    messageKey: t.kind,
    params: {},
  };
}

describe("scoreIssues", () => {
  const { truth, hardCases } = generateSyntheticCounty({ seed: 5, districts: 36, buildings: 2000 });

  it("gives full recall and no false positive for issues that restate the truth", () => {
    const report = scoreIssues(truth, truth.map((t) => issueFor(t)), { hardCases });
    expect(report.total.matched).toBe(truth.length);
    expect(report.total.falsePositives).toBe(0);
    expect(report.missed).toEqual([]);
    expect(report.byKind.gap.recall).toBe(1);
  });

  it("counts an issue 0.01° (~1 km) away, or in another district, as a false positive", () => {
    const gap = truth.find((t) => t.kind === "gap")!;
    const far = scoreIssues(truth, [issueFor(gap, 0.01)]);
    expect(far.byKind.gap).toMatchObject({ found: 1, matched: 0, falsePositives: 1 });
    const other = scoreIssues(truth, [{ ...issueFor(gap), district: "999999999999", districts: undefined }]);
    expect(other.byKind.gap.falsePositives).toBe(1);
  });

  it("tolerates the listed side effects at the same place and finds false positives on hard cases", () => {
    const invalid = truth.find((t) => t.kind === "invalid_geometry")!;
    const aftermath = scoreIssues(truth, [{ ...issueFor(invalid), kind: "gap", messageKey: "gap" }]);
    expect(aftermath.byKind.gap).toMatchObject({ found: 1, falsePositives: 0, tolerated: 1 });
    const tj = hardCases.find((h) => h.kind === "t_junction")!;
    const onHard: CoverageIssue = { ...issueFor({ ...invalid, bbox: tj.bbox, district: tj.district, districts: tj.districts, smallAreas: tj.smallAreas, tolerated: [] }), kind: "overlap" };
    const report = scoreIssues(truth, [onHard], { hardCases });
    expect(report.byKind.overlap.falsePositives).toBe(1);
    expect(report.falsePositivesAtHardCases.t_junction).toBe(1);
  });
});
