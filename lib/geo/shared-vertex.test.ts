import type { MultiPolygon, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { addVertexOnEdges, deleteVertex, findVertex, insertVertexOnSegment, moveVertex, samePosition } from "./shared-vertex";
import { segmentsCross } from "./segments-cross";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: "Polygon", coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const ring = (g: Polygon | MultiPolygon | null) => (g?.type === "Polygon" ? g.coordinates[0] : g?.coordinates[0][0]);

// west = [0,1]×[0,2]; the east side is split at y = 1 into south-east and north-east: (1, 1) is a T-junction
const west = square(0, 0, 1, 2);
const southEast = square(1, 0, 2, 1);
const northEast = square(1, 1, 2, 2);
const areas = deepFreeze([west, southEast, northEast, null]);

describe("samePosition and findVertex", () => {
  it("match within the tolerance on both axes, and list each vertex once (not the closing position)", () => {
    expect(samePosition([1, 1], [1 + 1e-10, 1 - 1e-10])).toBe(true);
    expect(samePosition([1, 1], [1 + 1e-8, 1])).toBe(false);
    expect(findVertex(areas, [0, 0])).toEqual([{ geometry: 0, polygon: 0, ring: 0, index: 0 }]);
    expect(findVertex(areas, [1, 1]).map((o) => o.geometry)).toEqual([1, 2]);
    expect(findVertex(areas, [0.5, 0.5])).toEqual([]);
  });
});

describe("moveVertex", () => {
  it("moves every copy, the closing position included, and keeps untouched geometries as they are", () => {
    const moved = moveVertex(areas, [1, 0], [1.2, -0.1]);
    expect(ring(moved[1])).toEqual([[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]].map((p) => (p[0] === 1 && p[1] === 0 ? [1.2, -0.1] : p)));
    expect(moved[2]).toBe(northEast);
    const corner = moveVertex(areas, [0, 0], [-0.5, -0.5]);
    expect(ring(corner[0])?.[0]).toEqual([-0.5, -0.5]);
    expect(ring(corner[0])?.[4]).toEqual([-0.5, -0.5]);
  });

  it("moves a vertex of a MultiPolygon part", () => {
    const multi: MultiPolygon = deepFreeze({ type: "MultiPolygon", coordinates: [southEast.coordinates, square(5, 5, 6, 6).coordinates] });
    const [moved] = moveVertex([multi], [6, 6], [6.5, 6.5]);
    expect((moved as MultiPolygon).coordinates[1][0][2]).toEqual([6.5, 6.5]);
    expect((moved as MultiPolygon).coordinates[0]).toBe(multi.coordinates[0]);
  });
});

describe("addVertexOnEdges", () => {
  it("heals a T-junction: the straight edge that passes through the point gets it", () => {
    const healed = addVertexOnEdges(areas, [1, 1]);
    expect(ring(healed[0])).toEqual([[0, 0], [1, 0], [1, 1], [1, 2], [0, 2], [0, 0]]);
    expect(healed[1]).toBe(southEast);
    expect(addVertexOnEdges(areas, [1, 1 + 5e-10])[0]).not.toBe(west);
  });
});

describe("insertVertexOnSegment", () => {
  it("inserts into every ring with the edge, in either direction", () => {
    const { geometries, found } = insertVertexOnSegment(areas, [[1, 1], [2, 1]], [1.5, 1.2]);
    expect(found).toBe(true);
    expect(ring(geometries[1])).toEqual([[1, 0], [2, 0], [2, 1], [1.5, 1.2], [1, 1], [1, 0]]);
    expect(ring(geometries[2])).toEqual([[1, 1], [1.5, 1.2], [2, 1], [2, 2], [1, 2], [1, 1]]);
    expect(geometries[0]).toBe(west);
  });

  it("on an edge with a T-junction, heals it and inserts into the piece under the midpoint on both sides", () => {
    // west's edge (1,0)–(1,2): midpoint (1,1) is the T-junction itself, so the piece after it, (1,1)–(1,2)
    const { geometries } = insertVertexOnSegment(areas, [[1, 0], [1, 2]], [0.8, 1.5]);
    expect(ring(geometries[0])).toEqual([[0, 0], [1, 0], [1, 1], [0.8, 1.5], [1, 2], [0, 2], [0, 0]]);
    expect(ring(geometries[2])).toEqual([[1, 1], [2, 1], [2, 2], [1, 2], [0.8, 1.5], [1, 1]]);
    expect(geometries[1]).toBe(southEast);
    // a point on the segment picks its own piece
    const low = insertVertexOnSegment(areas, [[1, 0], [1, 2]], [1, 0.25]).geometries;
    expect(ring(low[1])).toEqual([[1, 0], [2, 0], [2, 1], [1, 1], [1, 0.25], [1, 0]]);
    expect(ring(low[0])).toEqual([[0, 0], [1, 0], [1, 0.25], [1, 1], [1, 2], [0, 2], [0, 0]]);
  });

  it("reports an edge no ring has", () => {
    expect(insertVertexOnSegment(areas, [[0, 0], [2, 2]], [1, 1.2]).found).toBe(false);
    expect(insertVertexOnSegment(areas, [[0, 0], [0, 0]], [1, 1.2]).found).toBe(false);
  });
});

describe("deleteVertex", () => {
  it("deletes a vertex two rings share along one boundary from both", () => {
    const bent = deepFreeze([
      { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1.3, 1], [1, 2], [0, 2], [0, 0]]] },
      { type: "Polygon", coordinates: [[[1, 0], [2, 0], [2, 2], [1, 2], [1.3, 1], [1, 0]]] },
    ] satisfies Polygon[]);
    const result = deleteVertex(bent, [1.3, 1]);
    expect(result.ok && result.geometries.map(ring)).toEqual([
      [[0, 0], [1, 0], [1, 2], [0, 2], [0, 0]],
      [[1, 0], [2, 0], [2, 2], [1, 2], [1, 0]],
    ]);
  });

  it("gives rings along the same boundary the nearer neighbour first, so all get the same new edge", () => {
    // the district has (0,0)–(1,1)–(0,2) on its east side; its small area meets it at (0.5,0.5) on that edge
    const district: Polygon = { type: "Polygon", coordinates: [[[-1, 0], [0, 0], [1, 1], [0, 2], [-1, 2], [-1, 0]]] };
    const north: Polygon = { type: "Polygon", coordinates: [[[-1, 0.5], [0.5, 0.5], [1, 1], [0, 2], [-1, 2], [-1, 0.5]]] };
    const result = deleteVertex(deepFreeze([district, north]), [1, 1]);
    expect(result.ok && result.geometries.map(ring)).toEqual([
      [[-1, 0], [0, 0], [0.5, 0.5], [0, 2], [-1, 2], [-1, 0]],
      [[-1, 0.5], [0.5, 0.5], [0, 2], [-1, 2], [-1, 0.5]],
    ]);
  });

  it("refuses a junction, a missing vertex and a ring left with two vertices", () => {
    expect(deleteVertex(areas, [1, 1])).toEqual({ ok: false, problem: "vertex_at_junction" });
    expect(deleteVertex(areas, [3, 3])).toEqual({ ok: false, problem: "vertex_not_found" });
    const triangle: Polygon = { type: "Polygon", coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] };
    expect(deleteVertex([triangle], [1, 0])).toEqual({ ok: false, problem: "too_few_vertices" });
  });
});

describe("segmentsCross", () => {
  it("counts only a crossing inside both segments", () => {
    expect(segmentsCross([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
    expect(segmentsCross([0, 0], [1, 1], [1, 1], [2, 0])).toBe(false); // shared end
    expect(segmentsCross([0, 0], [2, 0], [1, 0], [1, 1])).toBe(false); // touching
    expect(segmentsCross([0, 0], [2, 0], [1, 0], [3, 0])).toBe(false); // along each other
    expect(segmentsCross([0, 0], [2, 0], [1, -1e-12], [1, 1], 1e-9)).toBe(false); // within tolerance: touching
  });
});

it("never modifies its input (frozen fixtures) and hands back new positions", () => {
  const to: Position = [1.5, 1.5];
  const moved = moveVertex(areas, [1, 1], to);
  expect(() => insertVertexOnSegment(areas, [[1, 0], [1, 2]], [0.5, 1.5])).not.toThrow();
  expect(() => deleteVertex(areas, [2, 2])).not.toThrow();
  expect(ring(moved[1])?.[3]).toEqual(to);
  expect(ring(moved[1])?.[3]).not.toBe(to);
});
