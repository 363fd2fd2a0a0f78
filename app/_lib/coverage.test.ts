import { describe, expect, it } from "vitest";
import type { CoverageIssue } from "@/lib/coverage/types";
import { defectFeatures, issueFullCodes, issueTarget } from "./coverage";

const issue = (fields: Partial<CoverageIssue>): CoverageIssue => ({
  kind: "gap", severity: "error", district: "330199101001", smallAreas: [], areaM2: 0, geometry: null, messageKey: "gap", params: {}, ...fields,
});
const gap = issue({ smallAreas: ["001", "002"], geometry: { type: "Polygon", coordinates: [[[120, 30], [120.001, 30], [120.001, 30.001], [120, 30]]] } });
const tooLarge = issue({ kind: "too_large", severity: "warning", smallAreas: ["004"], messageKey: "too_large" });
const places = { "330199101001004": { id: 17, bbox: [120, 30, 120.01, 30.01] as [number, number, number, number] } };

describe("coverage panel helpers", () => {
  it("draws the issues that have geometry, each with its index as id", () => {
    const fc = defectFeatures([tooLarge, gap]);
    expect(fc.features).toEqual([{ type: "Feature", id: 1, geometry: gap.geometry, properties: { kind: "gap", severity: "error" } }]);
  });

  it("zooms to a defect's own geometry, else to its one small area, which it opens", () => {
    expect(issueFullCodes(gap)).toEqual(["330199101001001", "330199101001002"]);
    expect(issueTarget(gap, places)).toEqual({ bbox: [120, 30, 120.001, 30.001], smallAreaId: null });
    expect(issueTarget(tooLarge, places)).toEqual({ bbox: [120, 30, 120.01, 30.01], smallAreaId: 17 });
    expect(issueTarget(issue({ kind: "duplicate_code", district: "330199101001", smallAreas: [] }), places)).toBeNull();
  });
});
