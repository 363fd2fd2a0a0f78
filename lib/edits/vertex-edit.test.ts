import { describe, expect, it } from "vitest";
import type { Polygon } from "geojson";
import { diffVertexEdit } from "./vertex-edit";

const square: Polygon = { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };

describe("diffVertexEdit", () => {
  it("names a dragged vertex, including the first (closing) one", () => {
    const moved: Polygon = { type: "Polygon", coordinates: [[[0, 0], [1.2, 0], [1, 1], [0, 1], [0, 0]]] };
    expect(diffVertexEdit(square, moved)).toEqual({ kind: "move", from: [1, 0], to: [1.2, 0] });
    const first: Polygon = { type: "Polygon", coordinates: [[[-0.1, 0], [1, 0], [1, 1], [0, 1], [-0.1, 0]]] };
    expect(diffVertexEdit(square, first)).toEqual({ kind: "move", from: [0, 0], to: [-0.1, 0] });
  });

  it("names an inserted vertex with the edge it was inserted on, also when dragged off it", () => {
    const inserted: Polygon = { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1.3, 0.5], [1, 1], [0, 1], [0, 0]]] };
    expect(diffVertexEdit(square, inserted)).toEqual({ kind: "insert", segment: [[1, 0], [1, 1]], at: [1.3, 0.5] });
    const onClosingEdge: Polygon = { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0.5], [0, 0]]] };
    expect(diffVertexEdit(square, onClosingEdge)).toEqual({ kind: "insert", segment: [[0, 1], [0, 0]], at: [0, 0.5] });
  });

  it("names a deleted vertex", () => {
    const pentagon: Polygon = { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1.5, 0.5], [1, 1], [0, 1], [0, 0]]] };
    expect(diffVertexEdit(pentagon, square)).toEqual({ kind: "delete", at: [1.5, 0.5] });
  });

  it("returns null for no change or changes in two rings", () => {
    expect(diffVertexEdit(square, square)).toBeNull();
    const two: Polygon = { type: "Polygon", coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[0.5, 0.5], [0.5, 1], [1, 1], [0.5, 0.5]]] };
    const both: Polygon = { type: "Polygon", coordinates: [[[0, 0], [2.1, 0], [2, 2], [0, 2], [0, 0]], [[0.6, 0.5], [0.5, 1], [1, 1], [0.6, 0.5]]] };
    expect(diffVertexEdit(two, both)).toBeNull();
  });
});
