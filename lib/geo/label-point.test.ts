import { describe, expect, it } from "vitest";
import type { Polygon } from "geojson";
import { booleanPointInPolygon } from "@turf/turf";
import { labelPoint } from "./label-point";

describe("labelPoint", () => {
  it("uses the centroid of a convex polygon", () => {
    const square: Polygon = { type: "Polygon", coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] };
    expect(labelPoint(square)).toEqual([1, 1]);
  });
  it("stays inside a U shape whose centroid falls outside", () => {
    const u: Polygon = { type: "Polygon", coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const p = labelPoint(u);
    expect(booleanPointInPolygon(p, u)).toBe(true);
  });
  it("stays out of a hole around the centroid", () => {
    const ring: Polygon = { type: "Polygon", coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]] };
    const p = labelPoint(ring);
    expect(booleanPointInPolygon(p, ring)).toBe(true);
  });
});
