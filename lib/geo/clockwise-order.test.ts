import type { Point, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { orderBuildingsClockwise, orderSmallAreasClockwise } from "./clockwise-order";

/** A lon/lat rectangle near 120° E, 30° N, from grid units of 0.001° (≈ 96 m east, 111 m north). */
function cell(x0: number, y0: number, x1: number, y1: number, noise: (p: Position) => Position = (p) => p): Polygon {
  const at = (x: number, y: number) => noise([120 + x / 1000, 30 + y / 1000]);
  return { type: "Polygon", coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]] };
}

/** ±1e-9° of deterministic noise per distinct position (shared vertices stay shared). */
function noiseOf(seed: number): (p: Position) => Position {
  const moved = new Map<string, Position>();
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648), (s / 2147483648 - 0.5) * 2e-9);
  return (p) => {
    const key = `${p[0]},${p[1]}`;
    if (!moved.has(key)) moved.set(key, [p[0] + next(), p[1] + next()]);
    return moved.get(key)!;
  };
}

const NAMES = [["NW", "N", "NE"], ["W", "C", "E"], ["SW", "S", "SE"]];
const DOCUMENTED = ["NW", "N", "NE", "E", "SE", "S", "SW", "W", "C"];
const grid = (noise?: (p: Position) => Position) => NAMES.flatMap((row, r) => row.map((name, c) => ({ name, geometry: cell(c, 2 - r, c + 1, 3 - r, noise) })));

describe("orderSmallAreasClockwise (lon/lat)", () => {
  it("numbers a 3×3 grid of 0.001° squares NW-clockwise, the centre last", () => {
    expect(orderSmallAreasClockwise(cell(0, 0, 3, 3), grid(), (a) => a.geometry).map((a) => a.name)).toEqual(DOCUMENTED);
  });

  it("is stable under 1e-9° noise of every vertex, and without the district's own outline", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const noise = noiseOf(seed);
      const areas = grid(noise);
      expect(orderSmallAreasClockwise(cell(0, 0, 3, 3, noise), areas, (a) => a.geometry).map((a) => a.name)).toEqual(DOCUMENTED);
      expect(orderSmallAreasClockwise(null, [...areas].reverse(), (a) => a.geometry).map((a) => a.name)).toEqual(DOCUMENTED);
    }
  });

  it("takes MultiPolygon small areas and districts", () => {
    const west = cell(0, 0, 1, 3), east = cell(2, 0, 3, 3);
    const ends = { name: "ends", geometry: { type: "MultiPolygon" as const, coordinates: [west.coordinates, east.coordinates] } };
    const middle = { name: "middle", geometry: cell(1, 0, 2, 3) };
    expect(orderSmallAreasClockwise(cell(0, 0, 3, 3), [middle, ends], (a) => a.geometry).map((a) => a.name)).toEqual(["ends", "middle"]);
  });
});

describe("orderBuildingsClockwise (lon/lat)", () => {
  const smallArea = cell(0, 0, 3, 3);
  const houses = NAMES.flatMap((row, r) => row.map((name, c) => ({ name, geometry: cell(c + 0.3, 2.3 - r, c + 0.7, 2.7 - r) })));

  it("numbers a 3×3 block of footprints NW-clockwise, the middle one last, also as points", () => {
    expect(orderBuildingsClockwise(smallArea, houses, (b) => b.geometry).map((b) => b.name)).toEqual(DOCUMENTED);
    const points = houses.map((h) => ({ name: h.name, geometry: { type: "Point", coordinates: [(h.geometry.coordinates[0][0][0] + h.geometry.coordinates[0][2][0]) / 2, (h.geometry.coordinates[0][0][1] + h.geometry.coordinates[0][2][1]) / 2] } as Point }));
    expect(orderBuildingsClockwise(smallArea, points, (b) => b.geometry).map((b) => b.name)).toEqual(DOCUMENTED);
  });

  it("numbers the buildings of a virtual small area (no territory) round their own bounding box", () => {
    expect(orderBuildingsClockwise(null, [...houses].reverse(), (b) => b.geometry).map((b) => b.name)).toEqual(DOCUMENTED);
    expect(orderBuildingsClockwise(null, [], (b: { geometry: Polygon }) => b.geometry)).toEqual([]);
  });
});
