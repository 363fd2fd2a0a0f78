import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { CoverageInputError, parseCoverageFiles, type InputFile } from "./geojson-input";

const square = (x: number, y: number, size: number): Polygon => ({
  type: "Polygon",
  coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
});

const fc = (name: string, features: unknown[]): InputFile => ({ name, text: JSON.stringify({ type: "FeatureCollection", features }) });
const districts = fc("d.geojson", [{ type: "Feature", geometry: square(120, 30, 0.01), properties: { code: "330199101001" } }]);
const area = (properties: Record<string, unknown>, geometry: unknown = square(120, 30, 0.005)) => ({ type: "Feature", geometry, properties });

function rejection(fn: () => unknown): CoverageInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CoverageInputError) return error;
    throw error;
  }
  throw new Error("expected a CoverageInputError");
}

describe("parseCoverageFiles", () => {
  it("reads districts, small areas, buildings and the county outline", () => {
    const input = parseCoverageFiles({
      districts,
      areas: fc("a.geojson", [
        area({ code: "001", district: "330199101001" }),
        area({ code: 2, district: 330199101001 }),
        area({ code: "901", district: "330199101001", virtual: true }, null),
      ]),
      buildings: fc("b.geojson", [
        { type: "Feature", id: "b-1", geometry: { type: "Point", coordinates: [120.001, 30.001] }, properties: { households: 3, persons: 8 } },
        { type: "Feature", geometry: square(120.002, 30.002, 0.0001), properties: null },
      ]),
      county: fc("c.geojson", [{ type: "Feature", geometry: square(120, 30, 0.01), properties: {} }]),
    });
    expect(input.districts).toEqual([{ code: "330199101001", geometry: square(120, 30, 0.01) }]);
    expect(input.smallAreas.map((a) => [a.code, a.district, a.isVirtual, a.geometry?.type ?? null])).toEqual([
      ["001", "330199101001", false, "Polygon"],
      ["002", "330199101001", false, "Polygon"],
      ["901", "330199101001", true, null],
    ]);
    expect(input.buildings).toEqual([
      { id: "b-1", geometry: { type: "Point", coordinates: [120.001, 30.001] }, households: 3, persons: 8 },
      { id: 1, geometry: square(120.002, 30.002, 0.0001), households: 0, persons: 0 },
    ]);
    expect(input.container).toEqual({ type: "MultiPolygon", coordinates: [square(120, 30, 0.01).coordinates] });
  });

  it("leaves geometric defects to the checks: open rings, short rings, NaN written as null, out-of-range lon/lat", () => {
    const open = { type: "Polygon", coordinates: [[[120, 30], [120.01, 30], [120.01, 30.01]]] };
    const nan = { type: "Polygon", coordinates: [[[120, 30], [null, 30], [120.01, 30.01], [120, 30]]] };
    const far = { type: "MultiPolygon", coordinates: [[[[200, 30], [201, 30], [201, 31], [200, 30]]]] };
    const input = parseCoverageFiles({
      districts,
      areas: fc("a.geojson", [area({ code: "001", district: "330199101001" }, open), area({ code: "002", district: "330199101001" }, nan), area({ code: "003", district: "330199101001" }, far)]),
    });
    expect(input.smallAreas[0].geometry).toEqual(open);
    expect(Number.isNaN((input.smallAreas[1].geometry as Polygon).coordinates[0][1][0])).toBe(true);
    expect(input.smallAreas[2].geometry).toEqual(far);
    expect(input.buildings).toBeUndefined();
    expect(input.container).toBeNull();
  });

  it("leaves badly formed codes and unknown districts to the checks (bad_code) but refuses codes that are not strings or integers", () => {
    const input = parseCoverageFiles({ districts, areas: fc("a.geojson", [area({ code: "1a", district: "330199101001" }), area({ code: "002", district: "330199101999" })]) });
    expect(input.smallAreas.map((a) => [a.code, a.district])).toEqual([["1a", "330199101001"], ["002", "330199101999"]]);
    const e = rejection(() => parseCoverageFiles({ districts, areas: fc("a.geojson", [area({ code: "001", district: "330199101001" }), area({ code: 1.5, district: "330199101001" })]) }));
    expect(e).toMatchObject({ file: "a.geojson", place: "features[1].properties.code", rule: "code_type" });
  });

  it.each([
    ["not JSON", "{", "", "json"],
    ["not a FeatureCollection", JSON.stringify({ type: "Feature" }), "type", "feature_collection"],
    ["features not an array", JSON.stringify({ type: "FeatureCollection", features: {} }), "features", "feature_collection"],
    ["a feature that is not a Feature", JSON.stringify({ type: "FeatureCollection", features: [area({ code: "001", district: "330199101001" }), { type: "Point" }] }), "features[1].type", "feature"],
  ])("refuses a file that is %s", (_what, text, place, rule) => {
    const e = rejection(() => parseCoverageFiles({ districts, areas: { name: "a.geojson", text } }));
    expect(e).toMatchObject({ file: "a.geojson", place, rule });
    expect(e.message).not.toBe("");
  });

  it.each([
    ["a LineString small area", area({ code: "001", district: "330199101001" }, { type: "LineString", coordinates: [[120, 30], [121, 30]] }), "features[3].geometry", "geometry_type"],
    ["a territorial small area without geometry", area({ code: "001", district: "330199101001" }, null), "features[3].geometry", "geometry_type"],
    ["coordinates that are not arrays", area({ code: "001", district: "330199101001" }, { type: "Polygon", coordinates: [[[120, 30], "x"]] }), "features[3].geometry.coordinates[0][1]", "coordinates"],
    ["a coordinate that is text", area({ code: "001", district: "330199101001" }, { type: "Polygon", coordinates: [[[120, "30"]]] }), "features[3].geometry.coordinates[0][0][1]", "coordinates"],
    ["a missing code", area({ district: "330199101001" }), "features[3].properties.code", "required"],
    ["a missing district", area({ code: "004" }), "features[3].properties.district", "required"],
    ["virtual that is text", area({ code: "904", district: "330199101001", virtual: "yes" }), "features[3].properties.virtual", "virtual_type"],
  ])("refuses %s, naming the feature and the rule", (_what, bad, place, rule) => {
    const good = [1, 2, 3].map((n) => area({ code: `00${n}`, district: "330199101001" }));
    const e = rejection(() => parseCoverageFiles({ districts, areas: fc("areas.geojson", [...good, bad]) }));
    expect(e).toMatchObject({ file: "areas.geojson", place, rule });
  });

  it("refuses buildings that are not points or footprints, and counts that are not non-negative integers", () => {
    const line = { type: "Feature", geometry: { type: "LineString", coordinates: [[120, 30], [121, 30]] }, properties: {} };
    const areas = fc("a.geojson", [area({ code: "001", district: "330199101001" })]);
    expect(rejection(() => parseCoverageFiles({ districts, areas, buildings: fc("b.geojson", [line]) }))).toMatchObject({ file: "b.geojson", place: "features[0].geometry", rule: "geometry_type" });
    const negative = { type: "Feature", geometry: { type: "Point", coordinates: [120, 30] }, properties: { persons: -1 } };
    expect(rejection(() => parseCoverageFiles({ districts, areas, buildings: fc("b.geojson", [negative]) }))).toMatchObject({ place: "features[0].properties.persons", rule: "count_type" });
  });

  it("refuses a district file whose feature has no code, and an empty county file", () => {
    const areas = fc("a.geojson", [area({ code: "001", district: "330199101001" })]);
    expect(rejection(() => parseCoverageFiles({ districts: fc("d.geojson", [{ type: "Feature", geometry: square(120, 30, 1), properties: null }]), areas }))).toMatchObject({
      file: "d.geojson",
      place: "features[0].properties.code",
      rule: "required",
    });
    expect(rejection(() => parseCoverageFiles({ districts, areas, county: fc("c.geojson", []) }))).toMatchObject({ file: "c.geojson", rule: "required" });
  });
});
