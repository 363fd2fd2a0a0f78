import { describe, expect, it } from "vitest";
import { clipRingToBbox, escapeXml, fitText, geometryPath, num, svgText, textWidthMm } from "./svg";

describe("svg helpers", () => {
  it("escape XML", () => {
    expect(escapeXml(`<&>"'小`)).toBe("&lt;&amp;&gt;&quot;&apos;小");
    expect(svgText(1, 2, "a<b", 3, { fill: '"x"' })).toBe(`<text x="1" y="2" font-size="3" fill="&quot;x&quot;">a&lt;b</text>`);
  });

  it("round numbers to 0.01 mm", () => {
    expect(num(1.23456)).toBe("1.23");
    expect(num(-0.001)).toBe("0");
    expect(num(20)).toBe("20");
  });

  it("fit text by shrinking, then cutting", () => {
    expect(fitText("小区", 10, 2)).toEqual({ text: "小区", size: 2 });
    const shrunk = fitText("小河小学", 7, 2);
    expect(shrunk.size).toBeLessThan(2);
    expect(textWidthMm(shrunk.text, shrunk.size)).toBeLessThanOrEqual(7.0001);
    const cut = fitText("第八次全国人口普查小区", 6, 2, 1.5);
    expect(cut.text.endsWith("…")).toBe(true);
    expect(textWidthMm(cut.text, cut.size)).toBeLessThanOrEqual(6);
  });

  it("draws paths of polygons (closed) and lines (open)", () => {
    const project = (lon: number, lat: number): [number, number] => [lon, -lat];
    expect(geometryPath({ type: "Polygon", coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]]] }, project)).toBe("M0 0L10 0L10 -10L0 0Z");
    expect(geometryPath({ type: "LineString", coordinates: [[0, 0], [5, 5]] }, project)).toBe("M0 0L5 -5");
    expect(geometryPath({ type: "Point", coordinates: [0, 0] }, project)).toBe("");
  });

  it("clip rings to a bbox", () => {
    const clipped = clipRingToBbox([[-5, -5], [5, -5], [5, 5], [-5, 5], [-5, -5]], [0, 0, 10, 10]);
    expect(clipped).toHaveLength(4);
    for (const [x, y] of clipped) expect(x >= 0 && x <= 5 && y >= 0 && y <= 5).toBe(true);
    expect(clipRingToBbox([[20, 20], [30, 20], [30, 30]], [0, 0, 10, 10])).toHaveLength(0);
  });
});
