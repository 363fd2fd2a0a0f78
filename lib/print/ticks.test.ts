import { describe, expect, it } from "vitest";
import { metresPerDegree } from "@/lib/geo/metres-per-degree";
import { planSmallAreaMap } from "./map-plan";
import { smallAreaSheetPages } from "./small-area-sheet";
import { formatDms, frameTicks, tickValues } from "./ticks";
import { sampleOptions, sampleSmallAreaSheet, svgTexts } from "./test-fixtures";

const DMS = /^(\d+)°(\d{2})′(\d{2})″$/;
const parseDms = (s: string) => {
  const m = DMS.exec(s)!;
  return Number(m[1]) + Number(m[2]) / 60 + Number(m[3]) / 3600;
};

describe("formatDms", () => {
  it("writes degrees, 2-digit minutes and seconds with ° ′ ″", () => {
    expect(formatDms(116.391666666)).toBe("116°23′30″");
    expect(formatDms(30.3)).toBe("30°18′00″");
    expect(formatDms(120.0013888)).toBe("120°00′05″");
    expect(formatDms(-0.5)).toBe("-0°30′00″");
  });
});

describe("tickValues", () => {
  it("chooses the finest nice step giving at most the wanted ticks, at multiples of the step", () => {
    for (const [min, max] of [[120.1, 120.103], [120.1, 120.13], [30.29, 30.31], [120, 121]]) {
      const { stepSeconds, values } = tickValues(min, max);
      expect(values.length).toBeLessThanOrEqual(6);
      expect(values.length).toBeGreaterThanOrEqual(2);
      for (const v of values) expect(Math.abs(v * 3600 - Math.round((v * 3600) / stepSeconds) * stepSeconds)).toBeLessThan(1e-6);
    }
  });
});

describe("frame tick labels", () => {
  for (const options of [sampleOptions(), sampleOptions({ orientation: "landscape", locale: "en" }), sampleOptions({ paper: "A3" })]) {
    it(`are centred on their ticks at the stated scale (${options.paper} ${options.orientation})`, () => {
      const data = sampleSmallAreaSheet();
      const plan = planSmallAreaMap(data, options);
      const texts = svgTexts(smallAreaSheetPages(data, options)[0]).filter((t) => DMS.test(t.text));
      const top = texts.filter((t) => t.y < plan.frame.y).sort((a, b) => a.x - b.x);
      expect(top.length).toBeGreaterThanOrEqual(2);
      for (const t of top) expect(t.attributes["text-anchor"]).toBe("middle");
      const [first, last] = [top[0], top[top.length - 1]];
      const [mLon] = metresPerDegree(plan.centre[1]);
      const groundM = (parseDms(last.text) - parseDms(first.text)) * mLon;
      expect(Math.abs(last.x - first.x - (groundM / plan.scale) * 1000) / (last.x - first.x)).toBeLessThan(0.001);
      // each label is exactly at its tick
      for (const t of top) expect(t.x).toBeCloseTo(plan.project(parseDms(t.text), plan.centre[1])[0], 1);
      const left = texts.filter((t) => t.x < plan.frame.x);
      expect(left.length).toBeGreaterThanOrEqual(2);
      for (const t of left) {
        expect(t.attributes.transform).toMatch(/^rotate\(-90 /);
        expect(t.y).toBeCloseTo(plan.project(plan.centre[0], parseDms(t.text))[1], 1);
      }
      expect(frameTicks(plan).filter((t) => t.edge === "top").length).toBeLessThanOrEqual(8);
    });
  }
});
