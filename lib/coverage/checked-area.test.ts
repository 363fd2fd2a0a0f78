import type { MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { generateSyntheticCounty } from "./bench/synthetic-county";
import { checkAndFlattenArea } from "./checked-area";
import { flattenArea, recycleFlatStorage, type FlatArea } from "./flat-geometry";
import { checkGeometryValidity } from "./validity";

const plain = (flat: FlatArea | null) => (flat ? { rings: flat.rings.map((r) => [...r]), parts: flat.parts, bbox: flat.bbox } : null);

function expectSameAsSeparate(geometry: Polygon | MultiPolygon | null): void {
  recycleFlatStorage();
  const fused = checkAndFlattenArea(geometry);
  const problems = checkGeometryValidity(geometry);
  const flat = flattenArea(geometry);
  expect(fused.problems).toEqual(problems);
  expect(plain(fused.flat)).toEqual(plain(flat));
}

describe("checkAndFlattenArea", () => {
  it("gives what checkGeometryValidity and flattenArea give, on every geometry of a synthetic county", () => {
    const { input } = generateSyntheticCounty({ seed: 3, districts: 16, buildings: 100 });
    for (const d of input.districts) expectSameAsSeparate(d.geometry);
    for (const a of input.smallAreas) expectSameAsSeparate(a.geometry);
  });

  it("gives the same on clockwise, repeated, unclosed, bow-tie, short and holed rings", () => {
    const cases: Array<Polygon | MultiPolygon | null> = [
      null,
      { type: "Polygon", coordinates: [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]] },
      { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0], [0, 0]]] },
      { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] },
      { type: "Polygon", coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] },
      { type: "Polygon", coordinates: [[[0, 0], [1, 0], [0, 0]]] },
      { type: "Polygon", coordinates: [[[0, 0], [NaN, 0], [1, 1], [0, 0]]] },
      { type: "MultiPolygon", coordinates: [[[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] },
      { type: "MultiPolygon", coordinates: [[[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]], [[[5, 5], [6, 5], [200, 6], [5, 5]]]] },
    ];
    for (const c of cases) expectSameAsSeparate(c);
  });
});
