import { describe, expect, it } from "vitest";
import { metresPerDegree } from "@/lib/geo/metres-per-degree";
import { haversineM } from "@/lib/geo/measure";
import { chooseScale, EXTENT_MARGIN, planMap, planSmallAreaMap, planDistrictMap, SCALE_SERIES } from "./map-plan";
import { at, sampleDistrictSheet, sampleOptions, sampleSmallAreaSheet } from "./test-fixtures";

const frame = { x: 14, y: 44, width: 182, height: 140 };

describe("chooseScale", () => {
  it("picks the smallest N of the series at which the extent plus margins fits", () => {
    const cases: Array<[number, number]> = [[300, 200], [800, 120], [120, 900], [2500, 1800], [61, 61], [40_000, 30_000]];
    for (const [w, h] of cases) {
      const n = chooseScale(w, h, frame.width, frame.height);
      const fits = (scale: number) => (w * (1 + 2 * EXTENT_MARGIN) * 1000) / scale <= frame.width && (h * (1 + 2 * EXTENT_MARGIN) * 1000) / scale <= frame.height;
      expect(fits(n)).toBe(true);
      const i = SCALE_SERIES.indexOf(n);
      if (i > 0) expect(fits(SCALE_SERIES[i - 1])).toBe(false);
    }
  });

  it("never prints a tiny extent larger than 60 m across", () => {
    expect(chooseScale(5, 5, 182, 140)).toBe(500);
  });
});

describe("planMap", () => {
  const a = at(0, 0), b = at(300, 200);
  const plan = planMap([a[0], a[1], b[0], b[1]], frame);

  it("projects ground distances divided by N (same metres per degree), within 0.1 %", () => {
    const [mLon, mLat] = metresPerDegree(plan.centre[1]);
    const pairs = [[at(10, 20), at(250, 20)], [at(50, 10), at(50, 190)], [at(0, 0), at(300, 200)]];
    for (const [p, q] of pairs) {
      const [x1, y1] = plan.project(p[0], p[1]);
      const [x2, y2] = plan.project(q[0], q[1]);
      const ground = Math.hypot((q[0] - p[0]) * mLon, (q[1] - p[1]) * mLat);
      expect(Math.abs(Math.hypot(x2 - x1, y2 - y1) - (ground / plan.scale) * 1000) / ((ground / plan.scale) * 1000)).toBeLessThan(0.001);
      // and agrees with the great-circle distance to well within the 1 % a printed scale is checked to
      const sphere = haversineM(p, q);
      expect(Math.abs(Math.hypot(x2 - x1, y2 - y1) - (sphere / plan.scale) * 1000) / ((sphere / plan.scale) * 1000)).toBeLessThan(0.006);
    }
  });

  it("puts north up, the extent's centre in the frame's centre, and inverts exactly", () => {
    const [cx, cy] = plan.project(plan.centre[0], plan.centre[1]);
    expect(cx).toBeCloseTo(frame.x + frame.width / 2, 9);
    expect(cy).toBeCloseTo(frame.y + frame.height / 2, 9);
    expect(plan.project(a[0], b[1])[1]).toBeLessThan(plan.project(a[0], a[1])[1]);
    const [lon, lat] = plan.unproject(...plan.project(b[0], b[1]));
    expect(lon).toBeCloseTo(b[0], 12);
    expect(lat).toBeCloseTo(b[1], 12);
  });

  it("covers the frame with its bbox, which holds the extent", () => {
    const [w, s, e, n] = plan.bbox;
    expect(plan.project(w, n)[0]).toBeCloseTo(frame.x, 9);
    expect(plan.project(w, n)[1]).toBeCloseTo(frame.y, 9);
    expect(plan.project(e, s)[0]).toBeCloseTo(frame.x + frame.width, 9);
    expect(w < a[0] && e > b[0] && s < a[1] && n > b[1]).toBe(true);
  });
});

describe("planSmallAreaMap / planDistrictMap", () => {
  it("fit the area (and its buildings) into the frame of the sheet", () => {
    for (const options of [sampleOptions(), sampleOptions({ orientation: "landscape" }), sampleOptions({ paper: "A3" })]) {
      const plan = planSmallAreaMap(sampleSmallAreaSheet(), options);
      for (const p of [at(0, 0), at(300, 200)]) {
        const [x, y] = plan.project(p[0], p[1]);
        expect(x).toBeGreaterThan(plan.frame.x);
        expect(x).toBeLessThan(plan.frame.x + plan.frame.width);
        expect(y).toBeGreaterThan(plan.frame.y);
        expect(y).toBeLessThan(plan.frame.y + plan.frame.height);
      }
      const district = planDistrictMap(sampleDistrictSheet(), options);
      const [x0, y0] = district.project(...(at(-100, 200) as [number, number]));
      expect(x0).toBeGreaterThan(district.frame.x);
      expect(y0).toBeGreaterThan(district.frame.y);
    }
  });

  it("prints a virtual area at the scale of its district", () => {
    const plan = planSmallAreaMap(sampleSmallAreaSheet({ virtual: true }), sampleOptions());
    const [x, y] = plan.project(...(at(-100, -150) as [number, number]));
    expect(x).toBeGreaterThan(plan.frame.x);
    expect(y).toBeLessThan(plan.frame.y + plan.frame.height);
  });
});
