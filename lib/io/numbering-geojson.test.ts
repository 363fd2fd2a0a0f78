import type { Feature, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { CoverageInputError } from "@/lib/coverage/geojson-input";
import { numberFeatureFiles } from "./numbering-geojson";

const D1 = "330199101001", D2 = "330199101002";
const square = (x: number, y: number, size = 1): Polygon => {
  const at = (i: number, j: number) => [120 + i / 1000, 30 + j / 1000];
  return { type: "Polygon", coordinates: [[at(x, y), at(x + size, y), at(x + size, y + size), at(x, y + size), at(x, y)]] };
};
const file = (name: string, features: Array<{ geometry: unknown; properties: Record<string, unknown> | null; id?: number }>) => ({
  name,
  text: JSON.stringify({ type: "FeatureCollection", features: features.map((f) => ({ type: "Feature", ...f })) }),
});
const point = (x: number, y: number) => ({ type: "Point" as const, coordinates: [120 + x / 1000, 30 + y / 1000] });

// D1: a 2×2 grid listed south-east, south-west, north-east, north-west, plus a virtual one; D2: one square further east
const areas = file("areas.geojson", [
  { geometry: square(1, 0), properties: { district: D1, code: "001", name: "kept" } },
  { geometry: square(0, 0), properties: { district: D1 } },
  { geometry: square(1, 1), properties: { district: D1, code: 7 } },
  { geometry: square(0, 1), properties: { district: D1, code: "003" } },
  { geometry: null, properties: { district: D1, code: "901", virtual: true } },
  { geometry: square(5, 0), properties: { district: Number(D2) } },
]);

describe("numberFeatureFiles", () => {
  it("sets each small area's code by the rule per district, keeping every other member and property", () => {
    const out = numberFeatureFiles({ areas });
    expect(out.areas.features.map((f) => f.properties!.code)).toEqual(["003", "004", "002", "001", "901", "001"]);
    expect(out.areas.features[0]).toMatchObject({ type: "Feature", geometry: square(1, 0), properties: { district: D1, name: "kept" } });
    expect(out.buildings).toBeUndefined();
    expect(out.smallAreaRows[2]).toEqual({ index: 2, district: D1, smallArea: "002", old: "007", new: "002" });
  });

  it("numbers buildings within the small area they lie in; one in no small area gets nulls", () => {
    const buildings = file("buildings.geojson", [
      { id: 10, geometry: point(0.5, 1.2), properties: { number: 9, use: "school" } },
      { geometry: point(0.2, 1.8), properties: null },
      { geometry: square(5.3, 0.3, 0.2), properties: {} },
      { geometry: point(9, 9), properties: { number: 3 } },
    ]);
    const out = numberFeatureFiles({ areas, buildings });
    const props = out.buildings!.features.map((f: Feature) => f.properties);
    expect(props).toEqual([
      { number: 2, use: "school", district: D1, smallArea: "001" },
      { number: 1, district: D1, smallArea: "001" },
      { number: 1, district: D2, smallArea: "001" },
      { number: null, district: null, smallArea: null },
    ]);
    expect(out.buildings!.features[0].id).toBe(10);
    expect(out.buildingRows[0]).toEqual({ index: 0, district: D1, smallArea: "001", old: 9, new: 2 });
  });

  it("names the file, the feature and the rule of bad input", () => {
    const bad = (f: ReturnType<typeof file>, b?: ReturnType<typeof file>) => {
      try {
        numberFeatureFiles({ areas: f, ...(b ? { buildings: b } : {}) });
      } catch (error) {
        if (error instanceof CoverageInputError) return [error.file, error.place, error.rule];
        throw error;
      }
      throw new Error("expected a CoverageInputError");
    };
    expect(bad(file("a.geojson", [{ geometry: square(0, 0), properties: { code: "001" } }]))).toEqual(["a.geojson", "features[0].properties.district", "required"]);
    expect(bad(file("a.geojson", [{ geometry: square(0, 0), properties: { district: D1 } }, { geometry: null, properties: { district: D1 } }]))).toEqual(["a.geojson", "features[1].geometry", "geometry_type"]);
    expect(bad(areas, file("b.geojson", [{ geometry: { type: "LineString", coordinates: [[0, 0], [1, 1]] }, properties: {} }]))).toEqual(["b.geojson", "features[0].geometry", "geometry_type"]);
    expect(bad({ name: "a.geojson", text: "{" })).toEqual(["a.geojson", "", "json"]);
    const nan = { type: "Polygon", coordinates: [[[120, 30], [null, 30], [120.001, 30.001], [120, 30]]] };
    expect(bad(file("a.geojson", [{ geometry: nan, properties: { district: D1 } }]))).toEqual(["a.geojson", "features[0].geometry.coordinates", "coordinates"]);
    const flat = { type: "MultiPolygon", coordinates: [square(0, 0).coordinates, [[[120, 30], [120.001, 30], [120, 30]]]] };
    expect(bad(file("a.geojson", [{ geometry: flat, properties: { district: D1 } }]))).toEqual(["a.geojson", "features[0].geometry.coordinates[1][0]", "coordinates"]);
    const crowded = file("many.geojson", Array.from({ length: 900 }, (_, i) => ({ geometry: square(i % 30, Math.floor(i / 30)), properties: { district: D2 } })));
    expect(bad(crowded)).toEqual(["many.geojson", "features[0].properties.district", "too_many_small_areas"]);
  });
});
