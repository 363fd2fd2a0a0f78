import { describe, expect, it } from "vitest";
import { districtSheetPages } from "./district-sheet";
import { sampleArea, sampleDistrictSheet, sampleOptions, rectangle, svgTexts, xmlProblem } from "./test-fixtures";

describe("districtSheetPages", () => {
  it("labels the small areas with their codes and the neighbour districts with code and name", () => {
    const pages = districtSheetPages(sampleDistrictSheet(), sampleOptions());
    expect(pages).toHaveLength(1);
    expect(xmlProblem(pages[0])).toBeNull();
    const texts = svgTexts(pages[0]);
    const big = texts.filter((t) => Number(t.attributes["font-size"]) >= 5).map((t) => t.text);
    expect(big).toEqual(expect.arrayContaining(["001", "002"]));
    const all = texts.map((t) => t.text);
    for (const s of ["普查区图", "330199101001 小河社区", "330199101002 南苑社区", "小河东区", "小河西区", "集体户（虚拟小区）", "已确认 2 / 3", "165 / 540", "合计", "小河路", "比例尺 1:4000"]) {
      expect(all.join("\n")).toContain(s);
    }
    for (const state of ["草稿", "已确认", "可普查"]) expect(all).toContain(state);
  });

  it("carries the watermark while any small area is not confirmed or ready", () => {
    const marked = (states: Parameters<typeof sampleDistrictSheet>[0]) =>
      svgTexts(districtSheetPages(sampleDistrictSheet(states), sampleOptions())[0]).some((t) => t.attributes.class === "watermark");
    expect(marked(["draft", "confirmed", "ready"])).toBe(true);
    expect(marked(["approved", "confirmed", "ready"])).toBe(true);
    expect(marked(["confirmed", "ready", "ready"])).toBe(false);
  });

  it("continues a long list of small areas on further pages", () => {
    const data = sampleDistrictSheet();
    data.areas = Array.from({ length: 300 }, (_, i) => sampleArea(String(i + 1).padStart(3, "0"), rectangle(i, 0, i + 1, 1), { name: `小区${i + 1}` }));
    const pages = districtSheetPages(data, sampleOptions({ locale: "en" }));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const second = svgTexts(pages[1]).map((t) => t.text);
    expect(second).toContain("Small areas (continued)");
    expect(second).toContain("Code");
    expect(pages.flatMap((p) => svgTexts(p).map((t) => t.text))).toContain("小区300");
    expect(svgTexts(pages[pages.length - 1]).map((t) => t.text)).toContain(`Page ${pages.length} of ${pages.length}`);
  });
});
