import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { checkCoverage, checkDistrict } from "./check";
import type { CoverageInput } from "./types";

type P = [number, number];
const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: "Polygon", coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]] as P[]] });
const A = "330199101201", B = "330199101202";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Two districts side by side in a township, each one small area; `eastStart` moves the shared line of district B. */
function township(eastStart = 120.01): CoverageInput {
  return {
    container: rect(120, 30, 120.02, 30.01),
    districts: [{ code: A, geometry: rect(120, 30, 120.01, 30.01) }, { code: B, geometry: rect(eastStart, 30, 120.02, 30.01) }],
    smallAreas: [
      { code: "001", district: A, isVirtual: false, geometry: rect(120, 30, 120.01, 30.01) },
      { code: "001", district: B, isVirtual: false, geometry: rect(eastStart, 30, 120.02, 30.01) },
    ],
  };
}

describe("checkCoverage at township level", () => {
  it("reports nothing for districts that tile the township (and does not touch its input)", () => {
    const report = checkCoverage(deepFreeze(township()));
    expect(report.issues).toEqual([]);
  });

  it("finds a gap between two districts and names both", () => {
    const report = checkCoverage(township(120.0102));
    const gaps = report.issues.filter((i) => i.kind === "district_gap");
    expect(gaps).toHaveLength(1);
    expect(gaps[0].districts).toEqual([A, B]);
    // 0.0002° × 0.01° at latitude 30°: ≈ 19.3 m × 1,109 m
    expect(gaps[0].areaM2).toBeGreaterThan(21_000);
    expect(gaps[0].areaM2).toBeLessThan(21_800);
  });

  it("finds districts that overlap and a district outside the township", () => {
    const input = township(120.0098);
    const overlap = checkCoverage(input).issues.filter((i) => i.kind === "district_overlap");
    expect(overlap.map((i) => i.districts)).toEqual([[A, B]]);
    const outside = checkCoverage({ ...input, container: rect(120, 30, 120.019, 30.01) }).issues.filter((i) => i.kind === "outside_township");
    expect(outside.map((i) => i.districts)).toEqual([[B]]);
  });

  it("re-checks one district alone", () => {
    const input = township();
    const broken = { ...input, smallAreas: [input.smallAreas[0], { ...input.smallAreas[1], geometry: rect(120.0105, 30, 120.02, 30.01) }] };
    expect(checkDistrict(broken, A).issues).toEqual([]);
    const b = checkDistrict(broken, B);
    expect(b.issues.map((i) => [i.kind, i.district, i.smallAreas])).toEqual([["gap", B, ["001"]]]);
  });

  it("tolerances are settings: a gap below the minimum area is not reported", () => {
    const input = township();
    const broken = { ...input, smallAreas: [input.smallAreas[0], { ...input.smallAreas[1], geometry: rect(120.0100001, 30, 120.02, 30.01) }] };
    expect(checkCoverage(broken).issues.map((i) => i.kind)).toEqual(["gap"]);
    expect(checkCoverage(broken, { minDefectAreaM2: 50 }).issues).toEqual([]);
  });
});

describe("invalid geometry", () => {
  const base = township();
  const withArea = (geometry: unknown) => ({ ...base, smallAreas: [{ ...base.smallAreas[0], geometry: geometry as Polygon }, base.smallAreas[1]] });
  const rules = (input: CoverageInput) => checkCoverage(input).issues.filter((i) => i.kind === "invalid_geometry").map((i) => [i.params.rule, i.params.place]);

  it("names the rule and the place", () => {
    expect(rules(withArea({ type: "Polygon", coordinates: [[[120, 30], [120.01, 30], [NaN, 30.01], [120, 30.01], [120, 30]]] }))).toEqual([["non_finite", "geometry.coordinates[0][2]"]]);
    expect(rules(withArea({ type: "Polygon", coordinates: [[[120, 30], [120.01, 30], [120.01, 30.01], [120, 30.01]]] }))).toEqual([["not_closed", "geometry.coordinates[0]"]]);
    expect(rules(withArea({ type: "Polygon", coordinates: [[[120, 30], [200, 30], [120, 30.01], [120, 30]]] }))).toEqual([["out_of_range", "geometry.coordinates[0][1]"]]);
    expect(rules(withArea({ type: "Polygon", coordinates: [[[120, 30], [120.01, 30], [120, 30]]] }))).toEqual([["too_few_positions", "geometry.coordinates[0]"]]);
  });
});
