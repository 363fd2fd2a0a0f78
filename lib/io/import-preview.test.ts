import { describe, expect, it } from "vitest";
import type { Feature, Geometry } from "geojson";
import { previewOf } from "./import-preview";

const point = (x: number, y: number): Feature<Geometry> => ({ type: "Feature", properties: { households: 5 }, geometry: { type: "Point", coordinates: [x, y] } });

describe("previewOf", () => {
  it("caps the preview, rounds coordinates to 1e-6°, drops properties, and counts geometry types", () => {
    const features = [point(120.123456789, 30.1), point(120.2, 30.2), point(120.3, 30.3), { type: "Feature", properties: {}, geometry: null } as Feature<Geometry | null>];
    const p = previewOf(features, [], 2);
    expect(p.preview.features).toEqual([
      { type: "Feature", properties: { i: 0 }, geometry: { type: "Point", coordinates: [120.123457, 30.1] } },
      { type: "Feature", properties: { i: 1 }, geometry: { type: "Point", coordinates: [120.2, 30.2] } },
    ]);
    expect(p.capped).toBe(true);
    expect(p.bbox).toEqual([120.123456789, 30.1, 120.3, 30.3]);
    expect(p.geometryTypes).toEqual({ Point: 3, null: 1 });
  });

  it("lists the features with a position outside every township", () => {
    const p = previewOf([point(120.1, 30.1), point(121.5, 30.1), point(120.5, 30.5)], [[120, 30, 121, 31]]);
    expect(p.outside).toEqual([1]);
    expect(p.capped).toBe(false);
  });
});
