import type { MultiPolygon, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { nodePointsOnGeometry, nodePointsOnRing } from "./node-points";

const p = (x: number, y: number): Position => [120 + x / 1000, 30 + y / 1000];
const square = [p(0, 0), p(10, 0), p(10, 10), p(0, 10)];

describe("nodePointsOnRing", () => {
  it("inserts points lying on edges in order along each edge, with their own coordinates", () => {
    const onEdge: Position = [p(7, 0)[0], p(7, 0)[1] + 1e-13];
    const out = nodePointsOnRing(square, [p(10, 5), onEdge, p(3, 0)]);
    expect(out).toEqual([p(0, 0), p(3, 0), onEdge, p(10, 0), p(10, 5), p(10, 10), p(0, 10)]);
    expect(out[2]).toBe(onEdge);
  });

  it("leaves points at vertices, off the edges or beyond the tolerance alone, returning the same ring", () => {
    const out = nodePointsOnRing(square, [p(0, 0), p(5, 5), [p(5, 0)[0], p(5, 0)[1] + 1e-10], p(20, 0)]);
    expect(out).toBe(square);
    expect(nodePointsOnRing(square, [[p(5, 0)[0], p(5, 0)[1] + 1e-10]], 1e-9)).toHaveLength(5);
  });
});

describe("nodePointsOnGeometry", () => {
  it("nodes every ring of a MultiPolygon and counts the vertices added", () => {
    const multi: MultiPolygon = { type: "MultiPolygon", coordinates: [[[...square, square[0]]], [[p(20, 0), p(30, 0), p(30, 10), p(20, 0)]]] };
    const { geometry, inserted } = nodePointsOnGeometry(multi, [p(5, 10), p(25, 0)]);
    expect(inserted).toBe(2);
    expect(geometry.coordinates[0][0]).toHaveLength(6);
    expect(geometry.coordinates[1][0]).toEqual([p(20, 0), p(25, 0), p(30, 0), p(30, 10), p(20, 0)]);
  });

  it("returns the input itself when nothing lies on its edges", () => {
    const polygon: Polygon = { type: "Polygon", coordinates: [[...square, square[0]]] };
    expect(nodePointsOnGeometry(polygon, [p(5, 5)])).toEqual({ geometry: polygon, inserted: 0 });
    expect(nodePointsOnGeometry(polygon, [p(5, 5)]).geometry).toBe(polygon);
  });
});
