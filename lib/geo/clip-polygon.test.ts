import type { MultiPolygon, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { clipToArea, largestPolygon, subtractAreas } from "./clip-polygon";
import { isRingCounterClockwise, polygonAreaM2 } from "./ring-area";
import { verticesOf } from "./rings";

const p = (x: number, y: number): Position => [120 + x / 1000, 30 + y / 1000];
const polygon = (ring: Array<[number, number]>): Polygon => ({ type: "Polygon", coordinates: [[...ring, ring[0]].map(([x, y]) => p(x, y))] });
const rect = (x0: number, y0: number, x1: number, y1: number) => polygon([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);
const keys = (g: Polygon | MultiPolygon) => new Set(verticesOf(g).map((q) => `${q[0]},${q[1]}`));

describe("clipToArea", () => {
  it("keeps the part inside the container, with the container's vertices bit-for-bit", () => {
    const container = rect(0, 0, 10, 10);
    const clipped = clipToArea(rect(5, 5, 15, 15), container);
    if (!clipped || clipped.type !== "Polygon") throw new Error("expected one polygon");
    expect(keys(clipped).has(`${p(10, 10)[0]},${p(10, 10)[1]}`)).toBe(true);
    expect(keys(clipped).has(`${p(5, 5)[0]},${p(5, 5)[1]}`)).toBe(true);
    expect(isRingCounterClockwise(clipped.coordinates[0])).toBe(true);
    expect(polygonAreaM2(clipped) / polygonAreaM2(rect(5, 5, 10, 10))).toBeCloseTo(1, 9);
  });

  it("snaps output vertices lying within 1e-9° of a container vertex onto it, before the drawn ones", () => {
    const container = rect(0, 0, 10, 10);
    const corner = p(10, 10);
    const nearCorner: Position = [corner[0] + 4e-10, corner[1] - 3e-10];
    const drawn: Polygon = { type: "Polygon", coordinates: [[p(5, 5), nearCorner, p(5, 8), p(5, 5)]] };
    const clipped = clipToArea(drawn, container)!;
    expect(clipped.coordinates).toEqual([[p(5, 5), corner, p(5, 8), p(5, 5)]]);
  });

  it("returns null when nothing is inside", () => {
    expect(clipToArea(rect(20, 20, 30, 30), rect(0, 0, 10, 10))).toBeNull();
  });
});

describe("subtractAreas", () => {
  it("takes neighbours away and shares their vertices bit-for-bit", () => {
    const neighbour = rect(0, 0, 10, 10);
    const rest = subtractAreas(rect(5, 2, 15, 8), [neighbour]);
    if (!rest || rest.type !== "Polygon") throw new Error("expected one polygon");
    expect(polygonAreaM2(rest) / polygonAreaM2(rect(10, 2, 15, 8))).toBeCloseTo(1, 9);
    const shared = [...keys(rest)].filter((k) => keys(neighbour).has(k));
    expect(shared).toEqual([]); // the cut points (10, 2) and (10, 8) are new vertices on the neighbour's edge
    expect(verticesOf(rest).filter((q) => q[0] === p(10, 0)[0])).toHaveLength(2);
  });

  it("returns the polygon itself with no others, and null when it is wholly covered", () => {
    expect(subtractAreas(rect(0, 0, 1, 1), [])).toEqual(rect(0, 0, 1, 1));
    expect(subtractAreas(rect(2, 2, 3, 3), [rect(0, 0, 10, 10)])).toBeNull();
  });

  it("gives a MultiPolygon when a neighbour cuts the shape in two, and largestPolygon picks the main part", () => {
    const rest = subtractAreas(rect(0, 0, 10, 2), [rect(3, -1, 4, 3)]);
    expect(rest?.type).toBe("MultiPolygon");
    const main = largestPolygon(rest!);
    expect(polygonAreaM2(main) / polygonAreaM2(rect(4, 0, 10, 2))).toBeCloseTo(1, 9);
  });
});
