import { describe, expect, it } from "vitest";
import { batchFrontPageCount, batchFrontPages } from "./batch-front";
import { sampleBatchFront, sampleOptions, svgTexts, xmlProblem } from "./test-fixtures";

describe("batchFrontPages", () => {
  it("has exactly batchFrontPageCount pages for any number of sheets and paper", () => {
    for (const options of [sampleOptions(), sampleOptions({ orientation: "landscape" }), sampleOptions({ paper: "A3", locale: "en" })]) {
      for (const n of [0, 1, 10, 60, 79, 80, 81, 120, 250, 1000]) {
        const count = batchFrontPageCount(n, options);
        expect(batchFrontPages(sampleBatchFront(n, count), options)).toHaveLength(count);
      }
    }
  });

  it("puts census, book title, batch title, sheet count and date on the cover", () => {
    const count = batchFrontPageCount(120, sampleOptions());
    const [cover, ...index] = batchFrontPages(sampleBatchFront(120, count), sampleOptions());
    const texts = svgTexts(cover).map((t) => t.text);
    for (const s of ["第八次全国人口普查", "普查小区图册", "小营镇 (330199101)", "共 120 幅", "打印日期 2026-11-30", `第 1 / ${count + 120} 页`]) expect(texts).toContain(s);
    const all = index.flatMap((p) => svgTexts(p).map((t) => t.text));
    expect(all).toContain("目录");
    expect(all).toContain("330199101001120");
    expect(all).toContain(String(count + 120));
    expect(all).toContain("小区1");
    for (const page of index) expect(xmlProblem(page)).toBeNull();
  });
});
