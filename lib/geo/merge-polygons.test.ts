import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { checkGeometryValidity } from "@/lib/coverage/validity";
import { mergePolygons } from "./merge-polygons";
import { isRingCounterClockwise, polygonAreaM2 } from "./ring-area";

const p = (x: number, y: number): Position => [120 + x / 1000, 30 + y / 1000];
const polygon = (...rings: Array<Array<[number, number]>>): Polygon => ({
  type: "Polygon",
  coordinates: rings.map((ring) => [...ring, ring[0]].map(([x, y]) => p(x, y))),
});
const rect = (x0: number, y0: number, x1: number, y1: number) => polygon([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);
const key = (q: Position) => `${q[0]},${q[1]}`;

function expectSameArea(merged: Polygon, parts: Polygon[]) {
  const sum = parts.reduce((s, part) => s + polygonAreaM2(part), 0);
  expect(Math.abs(polygonAreaM2(merged) - sum) / sum).toBeLessThan(1e-12);
  expect(checkGeometryValidity(merged)).toEqual([]);
  expect(isRingCounterClockwise(merged.coordinates[0])).toBe(true);
}

describe("mergePolygons", () => {
  it("joins two squares sharing an edge and keeps every vertex, collinear ones included", () => {
    const parts = [rect(0, 0, 5, 5), rect(5, 0, 10, 5)];
    const result = mergePolygons(parts);
    if (!result.ok) throw new Error(result.reason);
    const ring = result.polygon.coordinates[0];
    expect(ring).toHaveLength(7);
    expect(new Set(ring.map(key))).toEqual(new Set(parts.flatMap((part) => part.coordinates[0].map(key))));
    expectSameArea(result.polygon, parts);
  });

  it("nodes a T-junction before cancelling the shared edge", () => {
    const parts = [rect(0, 0, 5, 10), rect(5, 0, 10, 4), rect(5, 4, 10, 10)];
    const result = mergePolygons(parts);
    if (!result.ok) throw new Error(result.reason);
    expectSameArea(result.polygon, parts);
    // the junction vertex (5, 4) lies inside the result now and is gone; (10, 4) stays for the neighbour
    const keys = result.polygon.coordinates[0].map(key);
    expect(keys).toContain(key(p(10, 4)));
    expect(keys).not.toContain(key(p(5, 4)));
  });

  it("keeps a hole when the parts ring round it", () => {
    const parts = [rect(0, 0, 3, 1), rect(2, 1, 3, 3), rect(0, 2, 2, 3), rect(0, 1, 1, 2)];
    const result = mergePolygons(parts);
    if (!result.ok) throw new Error(result.reason);
    expect(result.polygon.coordinates).toHaveLength(2);
    expect(isRingCounterClockwise(result.polygon.coordinates[1])).toBe(false);
    expectSameArea(result.polygon, parts);
  });

  it("writes a hole that touches the outer ring at a point as a hole", () => {
    const parts = [rect(0, 0, 1, 3), rect(1, 2, 3, 3), rect(1, 0, 3, 1), polygon([[2, 1], [3, 1], [2, 2]])];
    const result = mergePolygons(parts);
    if (!result.ok) throw new Error(result.reason);
    expect(result.polygon.coordinates).toHaveLength(2);
    expectSameArea(result.polygon, parts);
  });

  it("fills a hole with the part that covers it", () => {
    const donut = polygon([[0, 0], [3, 0], [3, 3], [0, 3]], [[1, 1], [1, 2], [2, 2], [2, 1]]);
    const result = mergePolygons([donut, rect(1, 1, 2, 2)]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.polygon.coordinates).toHaveLength(1);
    expect(result.polygon.coordinates[0]).toHaveLength(5);
  });

  it("gives the same outline whatever the order of the parts", () => {
    const parts = [rect(0, 0, 2, 2), rect(2, 0, 4, 2), rect(4, 0, 6, 2)];
    const a = mergePolygons(parts), b = mergePolygons([...parts].reverse());
    if (!a.ok || !b.ok) throw new Error("refused");
    expect(new Set(a.polygon.coordinates[0].map(key))).toEqual(new Set(b.polygon.coordinates[0].map(key)));
    expectSameArea(a.polygon, parts);
  });

  it("refuses parts that only touch at a point or do not touch", () => {
    expect(mergePolygons([rect(0, 0, 1, 1), rect(1, 1, 2, 2)])).toEqual({ ok: false, reason: "merge_not_adjacent" });
    expect(mergePolygons([rect(0, 0, 1, 1), rect(3, 0, 4, 1)])).toEqual({ ok: false, reason: "merge_not_adjacent" });
    expect(mergePolygons([rect(0, 0, 1, 1), rect(1, 0, 2, 1), rect(5, 5, 6, 6)])).toEqual({ ok: false, reason: "merge_not_adjacent" });
  });
});
