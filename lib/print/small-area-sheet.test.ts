import { describe, expect, it } from "vitest";
import { SMALL_AREA_STATES } from "@/lib/domain/workflow";
import { neighbourLabel, smallAreaPageCount, smallAreaSheetPages } from "./small-area-sheet";
import { sampleOptions, sampleSmallAreaSheet, svgTexts, xmlProblem } from "./test-fixtures";

const textsOf = (pages: string[]) => pages.flatMap((p) => svgTexts(p).map((t) => t.text));

describe("smallAreaSheetPages", () => {
  it("is one page of the paper's size for a typical area, in millimetres", () => {
    for (const options of [sampleOptions(), sampleOptions({ orientation: "landscape" }), sampleOptions({ paper: "A3", locale: "en" })]) {
      const pages = smallAreaSheetPages(sampleSmallAreaSheet({ buildings: 70 }), options);
      expect(pages).toHaveLength(1);
      const w = options.paper === "A4" ? (options.orientation === "portrait" ? 210 : 297) : 297;
      const h = options.paper === "A4" ? (options.orientation === "portrait" ? 297 : 210) : 420;
      expect(pages[0]).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${h}mm" viewBox="0 0 ${w} ${h}"`));
      expect(xmlProblem(pages[0])).toBeNull();
    }
  });

  it("fits 100 buildings on one A4 portrait page", () => {
    expect(smallAreaSheetPages(sampleSmallAreaSheet({ buildings: 100 }), sampleOptions())).toHaveLength(1);
  });

  it("writes codes, names, people, counts and every building number as text", () => {
    const data = sampleSmallAreaSheet({ buildings: 40 });
    const texts = textsOf(smallAreaSheetPages(data, sampleOptions()));
    const all = texts.join("\n");
    for (const s of ["普查小区图", "第八次全国人口普查", "示范县 (330199)", "小营镇 (330199101)", "小河社区 (330199101001)", "330199101001001 小河东区", "张小明", "李小红、王五", "24 / 72", "草稿", "2026-11-30", "比例尺 1:2000"]) {
      expect(all).toContain(s);
    }
    // neighbours: same district by its code, another district's by district suffix + code
    expect(texts).toContain("002");
    expect(texts).toContain("002-014");
    // buildings: the number on the map and in the table, the landmark name, the use in words
    for (const b of data.buildings) expect(texts.filter((t) => t === String(b.number)).length).toBeGreaterThanOrEqual(2);
    expect(texts).toContain("小河小学");
    expect(texts).toContain("学校");
    expect(texts).toContain("商住混合");
    // references
    for (const name of ["小河路", "小溪", "月塘", "小河超市"]) expect(texts).toContain(name);
    expect(texts).toContain("合计");
  });

  it("speaks English when asked", () => {
    const all = textsOf(smallAreaSheetPages(sampleSmallAreaSheet({ state: "ready" }), sampleOptions({ locale: "en" }))).join("\n");
    for (const s of ["Small-area map", "Scale 1:2,000", "Ready", "Residential", "Legend", "Total"]) expect(all).toContain(s);
    expect(all).not.toContain("DRAFT");
  });

  it("carries the draft watermark unless the area is confirmed or ready", () => {
    for (const state of SMALL_AREA_STATES) {
      const [page] = smallAreaSheetPages(sampleSmallAreaSheet({ state }), sampleOptions());
      const marked = svgTexts(page).some((t) => t.attributes.class === "watermark" && t.text === "草稿 DRAFT");
      expect(marked, state).toBe(state !== "confirmed" && state !== "ready");
    }
  });

  it("continues a long building list on following pages under the same header, with page labels", () => {
    const data = sampleSmallAreaSheet({ buildings: 260 });
    const pages = smallAreaSheetPages(data, sampleOptions());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(smallAreaPageCount(data, sampleOptions())).toBe(pages.length);
    const second = svgTexts(pages[1]).map((t) => t.text);
    expect(second).toContain("建筑物清单（续）");
    for (const header of ["编号", "用途", "名称", "单元", "户数", "人数"]) expect(second).toContain(header);
    expect(second).toContain("260");
    expect(textsOf(pages)).toContain(`第 ${pages.length} / ${pages.length} 页`);
    // each number once in the table (the map shows it too)
    const all = textsOf(pages);
    expect(all.filter((t) => t === "260").length).toBeGreaterThanOrEqual(2);
    const numbered = smallAreaSheetPages(data, sampleOptions(), { first: 7, total: 120 });
    expect(svgTexts(numbered[0]).map((t) => t.text)).toContain("第 7 / 120 页");
    expect(svgTexts(numbered[1]).map((t) => t.text)).toContain("第 8 / 120 页");
  });

  it("escapes XML in names", () => {
    const data = sampleSmallAreaSheet({ name: `A<&>"'小` });
    data.buildings[1] = { ...data.buildings[1], name: "<b>&" };
    const [page] = smallAreaSheetPages(data, sampleOptions());
    expect(xmlProblem(page)).toBeNull();
    expect(page).toContain("A&lt;&amp;&gt;&quot;&apos;小");
    expect(svgTexts(page).map((t) => t.text)).toContain(`330199101001001 A<&>"'小`);
  });

  it("draws a virtual area's district and buildings and says it is virtual", () => {
    const [page] = smallAreaSheetPages(sampleSmallAreaSheet({ virtual: true, buildings: 5 }), sampleOptions());
    expect(svgTexts(page).map((t) => t.text)).toContain("普查小区图（虚拟小区）");
    expect(xmlProblem(page)).toBeNull();
  });

  it("prints an area without buildings (or a virtual one without any) as one page without a list", () => {
    for (const data of [sampleSmallAreaSheet({ buildings: 0 }), sampleSmallAreaSheet({ buildings: 0, virtual: true })]) {
      const pages = smallAreaSheetPages(data, sampleOptions());
      expect(pages).toHaveLength(1);
      expect(svgTexts(pages[0]).map((t) => t.text)).not.toContain("合计");
      expect(xmlProblem(pages[0])).toBeNull();
    }
  });

  it("shows imagery only when asked", () => {
    const data = { ...sampleSmallAreaSheet(), imagery: { dataUrl: "data:image/jpeg;base64,AAAA", bbox: [120.09, 30.29, 120.11, 30.31] as [number, number, number, number], attribution: null } };
    expect(smallAreaSheetPages(data, sampleOptions())[0]).not.toContain("<image");
    expect(smallAreaSheetPages(data, sampleOptions({ imagery: true }))[0]).toContain('<image href="data:image/jpeg;base64,AAAA"');
  });

  it("lays a sheet out in a few milliseconds", () => {
    const data = sampleSmallAreaSheet({ buildings: 100 });
    smallAreaSheetPages(data, sampleOptions());
    const start = performance.now();
    for (let i = 0; i < 20; i++) smallAreaSheetPages(data, sampleOptions());
    expect((performance.now() - start) / 20).toBeLessThan(50);
  });
});

describe("neighbourLabel", () => {
  it("is the code inside the district, district suffix + code outside it", () => {
    const data = sampleSmallAreaSheet();
    expect(neighbourLabel(data.neighbours[0], "330199101001")).toBe("002");
    expect(neighbourLabel(data.neighbours[1], "330199101001")).toBe("002-014");
  });
});
