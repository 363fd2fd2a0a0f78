import { describe, expect, it } from "vitest";
import { generateSyntheticCounty } from "@/lib/coverage/bench/synthetic-county";
import { checkCoverage } from "@/lib/coverage/check";
import { ISSUE_KINDS } from "@/lib/coverage/types";
import { formatCoverageMessage, type CoverageMessages } from "./coverage-message";
import en from "./messages/en.json";
import zh from "./messages/zh.json";

const messages = { en: en.coverage as unknown as CoverageMessages, zh: zh.coverage as unknown as CoverageMessages };

describe("formatCoverageMessage", () => {
  it("fills placeholders, formats numbers for the locale and translates rule and level codes", () => {
    const gap = { messageKey: "gap" as const, params: { district: "330199101003", codes: "002, 004", area: 1234.5 } };
    expect(formatCoverageMessage(messages.en, gap, "en")).toBe("District 330199101003: 1,234.5 m² covered by no small area (next to 002, 004)");
    expect(formatCoverageMessage(messages.zh, gap, "zh")).toBe("普查区 330199101003：1,234.5 平方米不属于任何小区（邻近小区 002, 004）");
    const invalid = { messageKey: "invalid_geometry" as const, params: { level: "small_area", code: "003", rule: "self_intersection", place: "geometry.coordinates[0]" } };
    expect(formatCoverageMessage(messages.en, invalid, "en")).toBe("Small area 003: invalid geometry, the boundary crosses itself (at geometry.coordinates[0])");
    expect(formatCoverageMessage(messages.zh, invalid, "zh")).toBe("小区 003 几何无效：边界自相交（位置 geometry.coordinates[0]）");
  });

  it("shows an empty value as a dash and keeps a placeholder it has no value for", () => {
    expect(formatCoverageMessage(messages.en, { messageKey: "district_gap", params: { codes: "", area: 3 } }, "en")).toBe("3 m² of the township covered by no district (next to —)");
    expect(formatCoverageMessage(messages.en, { messageKey: "unassigned_building", params: {} }, "en")).toBe("Building {id} lies in no small area");
  });

  it("has a message and a kind name for every issue kind in both languages", () => {
    for (const m of Object.values(messages)) {
      for (const kind of ISSUE_KINDS) {
        expect(typeof m[kind], kind).toBe("string");
        expect(m.kind[kind], kind).toBeTruthy();
      }
    }
  });

  it("uses only params the checks give, and knows every rule and level they name (a county with defects of every kind)", () => {
    const { input } = generateSyntheticCounty({ seed: 7, districts: 16, buildings: 4000 });
    // the synthetic county's districts stay inside it: one district that sticks out of its township
    const square = (size: number) => ({ type: "Polygon" as const, coordinates: [[[120, 30], [120 + size, 30], [120 + size, 30 + size], [120, 30 + size], [120, 30]]] });
    const outside = checkCoverage({ container: square(0.01), districts: [{ code: "330199101001", geometry: square(0.011) }], smallAreas: [] });
    const issues = [...checkCoverage(input).issues, ...outside.issues];
    expect([...new Set(issues.map((i) => i.kind))].sort()).toEqual([...ISSUE_KINDS].sort());
    for (const issue of issues) {
      for (const m of Object.values(messages)) {
        const placeholders = [...(m[issue.messageKey] as string).matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
        for (const p of placeholders) expect(issue.params, `${issue.kind} {${p}}`).toHaveProperty(p);
        for (const key of ["rule", "level"]) if (key in issue.params) expect(m.value, `${issue.kind} ${key}`).toHaveProperty(String(issue.params[key]));
      }
    }
  });
});
