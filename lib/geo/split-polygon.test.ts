import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { checkCoverage } from "@/lib/coverage/check";
import { isRingCounterClockwise, polygonAreaM2 } from "./ring-area";
import { splitPolygonByLine } from "./split-polygon";

/** A position in a 10 × 10 grid of 0.001° cells near 120° E, 30° N; the same (x, y) always gives the same bits. */
const p = (x: number, y: number): Position => [120 + x / 1000, 30 + y / 1000];
const polygon = (...rings: Array<Array<[number, number]>>): Polygon => ({
  type: "Polygon",
  coordinates: rings.map((ring) => [...ring, ring[0]].map(([x, y]) => p(x, y))),
});
const square = polygon([[0, 0], [10, 0], [10, 10], [0, 10]]);
const key = (q: Position) => `${q[0]},${q[1]}`;

/** The pieces tile the original: areas add up, and the coverage engine finds no gap, overlap or piece outside. */
function expectExactTiling(original: Polygon, pieces: Polygon[]) {
  const sum = pieces.reduce((s, piece) => s + polygonAreaM2(piece), 0);
  expect(Math.abs(sum - polygonAreaM2(original)) / polygonAreaM2(original)).toBeLessThan(1e-12);
  const report = checkCoverage({
    districts: [{ code: "330199101201", geometry: original }],
    smallAreas: pieces.map((geometry, i) => ({ code: `00${i + 1}`, district: "330199101201", isVirtual: false, geometry })),
  });
  expect(report.issues.filter((i) => ["gap", "overlap", "outside_district", "invalid_geometry"].includes(i.kind))).toEqual([]);
  for (const piece of pieces) {
    const outer = piece.coordinates[0];
    expect(key(outer[0])).toBe(key(outer[outer.length - 1]));
    expect(isRingCounterClockwise(outer)).toBe(true);
  }
}

/** Every vertex of the original is in some piece bit-for-bit; the cut's positions are the same in both pieces. */
function expectVerticesKept(original: Polygon, pieces: Polygon[], cut: Position[]) {
  const inPieces = new Set(pieces.flatMap((piece) => piece.coordinates.flat().map(key)));
  for (const q of original.coordinates.flat()) expect(inPieces.has(key(q))).toBe(true);
  for (const piece of pieces) {
    const mine = new Set(piece.coordinates[0].map(key));
    for (const q of cut) expect(mine.has(key(q))).toBe(true);
  }
}

describe("splitPolygonByLine", () => {
  it("cuts a square in two along a straight line whose ends lie outside", () => {
    const line = [p(4, -2), p(6, 12)];
    const result = splitPolygonByLine(square, line);
    if (!result.ok) throw new Error(result.reason);
    expect(result.cut).toHaveLength(2);
    expect(result.cut[0][1]).toBe(p(0, 0)[1]);
    expectExactTiling(square, result.pieces);
    expectVerticesKept(square, result.pieces, result.cut);
  });

  it("follows a bent line and keeps its inner vertices in both pieces", () => {
    const line = [p(-1, 3), p(4, 5), p(6, 2), p(11, 7)];
    const result = splitPolygonByLine(square, line);
    if (!result.ok) throw new Error(result.reason);
    expect(result.cut.slice(1, -1)).toEqual([p(4, 5), p(6, 2)]);
    expectExactTiling(square, result.pieces);
    expectVerticesKept(square, result.pieces, result.cut);
  });

  it("passes exactly through existing vertices without adding new ones", () => {
    const result = splitPolygonByLine(square, [p(-1, -1), p(11, 11)]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.pieces.map((piece) => piece.coordinates[0].length)).toEqual([4, 4]);
    expect(result.cut).toEqual([p(0, 0), p(10, 10)]);
    expectExactTiling(square, result.pieces);
  });

  it("accepts ends snapped onto the boundary (on an edge and on a vertex)", () => {
    const result = splitPolygonByLine(square, [p(3, 0), p(5, 5), p(10, 10)]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.cut).toEqual([p(3, 0), p(5, 5), p(10, 10)]);
    expectExactTiling(square, result.pieces);
    expectVerticesKept(square, result.pieces, result.cut);
  });

  it("lets the line run along the boundary before it turns inside", () => {
    const result = splitPolygonByLine(square, [p(0, 0), p(5, 0), p(5, 10)]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.cut).toEqual([p(5, 0), p(5, 10)]);
    expectExactTiling(square, result.pieces);
  });

  it("writes counter-clockwise pieces from a clockwise input", () => {
    const clockwise: Polygon = { type: "Polygon", coordinates: [[...square.coordinates[0]].reverse()] };
    const result = splitPolygonByLine(clockwise, [p(5, -1), p(5, 11)]);
    if (!result.ok) throw new Error(result.reason);
    expectExactTiling(square, result.pieces);
  });

  it("keeps each hole in the piece that contains it", () => {
    const holed = polygon([[0, 0], [10, 0], [10, 10], [0, 10]], [[6, 4], [6, 6], [8, 6], [8, 4]]);
    const result = splitPolygonByLine(holed, [p(3, -1), p(3, 11)]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.pieces.map((piece) => piece.coordinates.length).sort()).toEqual([1, 2]);
    const withHole = result.pieces.find((piece) => piece.coordinates.length === 2)!;
    expect(isRingCounterClockwise(withHole.coordinates[1])).toBe(false);
    expectExactTiling(holed, result.pieces);
  });

  it("refuses a line that misses the polygon or stops inside it", () => {
    expect(splitPolygonByLine(square, [p(-5, -5), p(-1, 20)])).toMatchObject({ ok: false, reason: "split_line_does_not_cross" });
    expect(splitPolygonByLine(square, [p(-5, 5), p(5, 5)])).toMatchObject({ ok: false, reason: "split_line_does_not_cross", at: p(5, 5) });
    expect(splitPolygonByLine(square, [p(2, 2), p(8, 8)])).toMatchObject({ ok: false, reason: "split_line_does_not_cross" });
    expect(splitPolygonByLine(square, [p(0, 0), p(0, 10)])).toMatchObject({ ok: false, reason: "split_line_does_not_cross" });
  });

  it("refuses a line that would make more than two pieces", () => {
    const u = polygon([[0, 0], [10, 0], [10, 10], [7, 10], [7, 3], [3, 3], [3, 10], [0, 10]]);
    expect(splitPolygonByLine(u, [p(-1, 6), p(11, 6)])).toMatchObject({ ok: false, reason: "split_line_crosses_twice" });
    expect(splitPolygonByLine(square, [p(2, -1), p(2, 11), p(8, 11), p(8, -1)])).toMatchObject({ ok: false, reason: "split_line_crosses_twice" });
  });

  it("refuses a cut that touches the boundary from inside at a vertex", () => {
    const notched = polygon([[0, 0], [10, 0], [10, 10], [5, 6], [0, 10]]);
    expect(splitPolygonByLine(notched, [p(-1, 6), p(11, 6)])).toMatchObject({ ok: false, reason: "split_line_crosses_twice", at: p(5, 6) });
  });

  it("refuses a line through a hole", () => {
    const holed = polygon([[0, 0], [10, 0], [10, 10], [0, 10]], [[4, 4], [4, 6], [6, 6], [6, 4]]);
    expect(splitPolygonByLine(holed, [p(5, -1), p(5, 11)])).toMatchObject({ ok: false, reason: "split_line_crosses_twice" });
  });

  it("refuses a cut that crosses itself", () => {
    const line = [p(-1, 5), p(6, 5), p(6, 8), p(4, 8), p(4, 2), p(11, 2)];
    expect(splitPolygonByLine(square, line)).toMatchObject({ ok: false, reason: "self_intersection" });
  });
});
