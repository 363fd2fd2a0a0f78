import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { assignBuildings, type IndexedArea } from "./buildings";
import { flattenArea } from "./flat-geometry";
import type { CheckBuilding } from "./types";

const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: "Polygon",
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

const areas: IndexedArea[] = [
  { key: "001", flat: flattenArea(square(120, 30, 120.01, 30.01))! },
  { key: "002", flat: flattenArea(square(120.01, 30, 120.02, 30.01))! },
];

const at = (id: number, x: number, y: number): CheckBuilding => ({ id, geometry: { type: "Point", coordinates: [x, y] }, households: 1, persons: 3 });

describe("assignBuildings", () => {
  it("gives each building the index of the one area it is counted in, -1 outside every area", () => {
    const buildings = [at(1, 120.005, 30.005), at(2, 120.015, 30.002), at(3, 121, 31), at(4, 120.01, 30.005), at(5, 120.001, 30.009)];
    const result = assignBuildings(areas, buildings, 0.5);
    // building 4 sits on the shared edge: ambiguous, and still counted where the even-odd test puts it
    expect([...result.areaOf]).toEqual([0, 1, -1, 0, 0]);
    expect(result.totals.get("001")).toEqual({ buildings: 3, households: 3, persons: 9 });
    expect(result.unassigned.map((u) => u.building.id)).toEqual([3]);
    expect(result.ambiguous.map((a) => a.building.id)).toEqual([4]);
  });

  it("leaves every building at -1 without areas", () => {
    expect([...assignBuildings([], [at(1, 120, 30)], 0.5).areaOf]).toEqual([-1]);
  });
});
