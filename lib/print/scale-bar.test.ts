import { describe, expect, it } from "vitest";
import { SCALE_SERIES } from "./map-plan";
import { chooseScaleBar, SCALE_BAR_MAX_MM, SCALE_BAR_MIN_MM, scaleBarSvg } from "./scale-bar";
import { svgTexts } from "./test-fixtures";

describe("chooseScaleBar", () => {
  it("draws a 1-2-5 length of 20–45 mm at every scale of the series, exactly metres / N", () => {
    for (const n of SCALE_SERIES) {
      const bar = chooseScaleBar(n);
      expect(bar.lengthMm).toBeGreaterThanOrEqual(SCALE_BAR_MIN_MM);
      expect(bar.lengthMm).toBeLessThanOrEqual(SCALE_BAR_MAX_MM);
      expect(String(bar.metres)).toMatch(/^[125]0*$/);
      expect(Math.abs(bar.lengthMm - (bar.metres / n) * 1000) / bar.lengthMm).toBeLessThan(0.001);
    }
    expect(chooseScaleBar(2000)).toMatchObject({ metres: 50, lengthMm: 25 });
  });
});

describe("scaleBarSvg", () => {
  it("labels the bar's two ends with centred '0' and '{metres} m' whose distance is metres / N", () => {
    for (const [n, locale] of [[2000, "zh"], [7500, "en"], [12_500, "zh"]] as const) {
      const svg = scaleBarSvg(20, 200, n, locale);
      const texts = svgTexts(svg);
      const zero = texts.find((t) => t.text === "0")!;
      const end = texts.find((t) => /^(\d+) m$/.test(t.text))!;
      expect(zero.attributes["text-anchor"]).toBe("middle");
      expect(end.attributes["text-anchor"]).toBe("middle");
      const metres = Number(/^(\d+) m$/.exec(end.text)![1]);
      expect(Math.abs(end.x - zero.x - (metres / n) * 1000)).toBeLessThan(0.02);
      // the labels sit on the bar's ends: the outline rect starts at "0" and ends at "{metres} m"
      const outline = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*fill="none"/g)][0];
      expect(Number(outline[1])).toBeCloseTo(zero.x, 2);
      expect(Number(outline[1]) + Number(outline[2])).toBeCloseTo(end.x, 1);
      expect(texts.some((t) => t.text.includes(locale === "zh" ? `比例尺 1:${n}` : `Scale 1:${n.toLocaleString("en-US")}`))).toBe(true);
    }
  });

  it("alternates black and white segments", () => {
    const fills = [...scaleBarSvg(0, 0, 2000, "zh").matchAll(/height="1.3" fill="(#000|#fff)"/g)].map((m) => m[1]);
    expect(fills.length).toBeGreaterThanOrEqual(4);
    fills.forEach((f, i) => expect(f).toBe(i % 2 === 0 ? "#000" : "#fff"));
  });
});
