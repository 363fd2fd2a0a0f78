import { describe, expect, it } from "vitest";
import { numberingFrame, orderAreasOnGround, orderBuildingsOnGround, type GroundPoint, type GroundSegment, type GroundShape } from "./numbering";

/** A rectangle (metres) as a closed counter-clockwise ring. */
const rect = (w: number, s: number, e: number, n: number): GroundPoint[] => [[w, s], [e, s], [e, n], [w, n], [w, s]];
const segmentsOf = (ring: GroundPoint[]): GroundSegment[] => ring.slice(1).map((p, i) => [ring[i], p]);
const frameOf = (ring: GroundPoint[]) => {
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  return numberingFrame([(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2], segmentsOf(ring));
};

interface Item {
  name: string;
  shape: GroundShape;
}
const area = (name: string, ring: GroundPoint[]): Item => ({ name, shape: { point: [(ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2], rings: [ring] } });
const names = (items: Item[]) => items.map((i) => i.name);

/** Deterministic shuffle (a fixed permutation per seed). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Moves every coordinate by up to ±amount (deterministic pseudo-noise), keeping shared vertices shared. */
function jitter(items: Item[], amount: number, seed: number): Item[] {
  const moved = new Map<string, GroundPoint>();
  let s = seed;
  const noise = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648 - 0.5) * 2 * amount;
  };
  const move = (p: GroundPoint): GroundPoint => {
    const key = `${p[0]},${p[1]}`;
    if (!moved.has(key)) moved.set(key, [p[0] + noise(), p[1] + noise()]);
    return moved.get(key)!;
  };
  return items.map((i) => ({ name: i.name, shape: { point: move(i.shape.point), rings: i.shape.rings.map((r) => r.map(move)) } }));
}

// A 300 m × 300 m district of nine 100 m squares, named by compass position.
const GRID_NAMES = [["NW", "N", "NE"], ["W", "C", "E"], ["SW", "S", "SE"]];
const grid: Item[] = GRID_NAMES.flatMap((row, r) => row.map((name, c) => area(name, rect(c * 100, 200 - r * 100, c * 100 + 100, 300 - r * 100))));
const gridFrame = frameOf(rect(0, 0, 300, 300));
const DOCUMENTED = ["NW", "N", "NE", "E", "SE", "S", "SW", "W", "C"];

describe("numbering small areas: north-west corner first, clockwise, outside in", () => {
  it("numbers a 3×3 grid NW, N, NE, E, SE, S, SW, W, then the centre", () => {
    expect(names(orderAreasOnGround(gridFrame, grid, (i) => i.shape))).toEqual(DOCUMENTED);
  });

  it("gives the same order under tiny coordinate noise (≈ 0.1 mm, i.e. 1e-9°), for many noise patterns", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const noisy = jitter(grid, 1e-4, seed);
      const frame = numberingFrame(jitter([area("x", rect(0, 0, 300, 300))], 1e-4, seed + 99)[0].shape.point, segmentsOf(rect(0, 0, 300, 300)));
      expect(names(orderAreasOnGround(frame, noisy, (i) => i.shape))).toEqual(DOCUMENTED);
    }
  });

  it("does not depend on the order of the input", () => {
    for (let seed = 1; seed <= 20; seed++) expect(names(orderAreasOnGround(gridFrame, shuffled(grid, seed), (i) => i.shape))).toEqual(DOCUMENTED);
  });

  it("starts with the area at the north-west corner for halves and strips, whatever their centroids' bearings", () => {
    const halves = [area("east", rect(150, 0, 300, 300)), area("west", rect(0, 0, 150, 300))];
    expect(names(orderAreasOnGround(gridFrame, halves, (i) => i.shape))).toEqual(["west", "east"]);
    const stacked = [area("south", rect(0, 0, 300, 150)), area("north", rect(0, 150, 300, 300))];
    expect(names(orderAreasOnGround(gridFrame, stacked, (i) => i.shape))).toEqual(["north", "south"]);
    const strips = [area("middle", rect(100, 0, 200, 300)), area("east", rect(200, 0, 300, 300)), area("west", rect(0, 0, 100, 300))];
    expect(names(orderAreasOnGround(gridFrame, strips, (i) => i.shape))).toEqual(["west", "middle", "east"]);
  });

  it("peels rings from the outside in: a 4×4 grid gives its 12 outer squares, then the inner 2×2 clockwise", () => {
    const cells: Item[] = [];
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) cells.push(area(`${r}${c}`, rect(c * 100, 300 - r * 100, c * 100 + 100, 400 - r * 100)));
    const order = names(orderAreasOnGround(frameOf(rect(0, 0, 400, 400)), cells, (i) => i.shape));
    expect(order).toEqual(["00", "01", "02", "03", "13", "23", "33", "32", "31", "30", "20", "10", "11", "12", "22", "21"]);
  });

  it("starts at the corner of a wide district too (the hand points at the corner, not due north-west)", () => {
    const wide: Item[] = GRID_NAMES.flatMap((row, r) => row.map((name, c) => area(name, rect(c * 400, 200 - r * 100, c * 400 + 400, 300 - r * 100))));
    expect(names(orderAreasOnGround(frameOf(rect(0, 0, 1200, 300)), wide, (i) => i.shape))).toEqual(DOCUMENTED);
  });
});

describe("numbering buildings: north-west first, clockwise, outer ring before inner", () => {
  const smallArea = rect(0, 0, 100, 100);
  const frame = frameOf(smallArea);
  const house = (name: string, x: number, y: number, half = 3): Item => ({ name, shape: { point: [x, y], rings: [rect(x - half, y - half, x + half, y + half)] } });

  it("numbers a 3×3 block of houses like the grid of areas, the middle house last", () => {
    const houses = GRID_NAMES.flatMap((row, r) => row.map((name, c) => house(name, 20 + c * 30, 80 - r * 30)));
    expect(names(orderBuildingsOnGround(frame, houses, (i) => i.shape))).toEqual(DOCUMENTED);
    for (let seed = 1; seed <= 20; seed++) {
      expect(names(orderBuildingsOnGround(frame, jitter(shuffled(houses, seed), 1e-4, seed), (i) => i.shape))).toEqual(DOCUMENTED);
    }
  });

  it("numbers buildings in a ring around a courtyard clockwise from the north-west one", () => {
    // 12 blocks round a courtyard, listed clockwise from the north-west corner
    const ring: Array<[number, number]> = [[15, 85], [38, 85], [62, 85], [85, 85], [85, 62], [85, 38], [85, 15], [62, 15], [38, 15], [15, 15], [15, 38], [15, 62]];
    const blocks = ring.map(([x, y], i) => house(`b${i + 1}`, x, y, 6));
    const expected = blocks.map((b) => b.name);
    for (let seed = 1; seed <= 20; seed++) {
      expect(names(orderBuildingsOnGround(frame, jitter(shuffled(blocks, seed), 1e-4, seed), (i) => i.shape))).toEqual(expected);
    }
  });

  it("numbers blocks inside a ring after the ring (an empty band separates them), and spread-out houses as one ring", () => {
    const ringOf = [[15, 85], [50, 85], [85, 85], [85, 50], [85, 15], [50, 15], [15, 15], [15, 50]].map(([x, y], i) => house(`r${i + 1}`, x, y));
    const inner = [house("inner-se", 60, 44), house("inner-nw", 40, 56)];
    expect(names(orderBuildingsOnGround(frame, [...inner, ...ringOf], (i) => i.shape))).toEqual([...ringOf.map((h) => h.name), "inner-nw", "inner-se"]);
    // relative depths 0.76, 0.64, 0.56, 0.50, 0.40: no empty band, so one ring in the order of the hand
    const spread = [house("e", 28, 25), house("c", 70, 78), house("a", 12, 86), house("d", 82, 35), house("b", 40, 70)];
    expect(names(orderBuildingsOnGround(frame, spread, (i) => i.shape))).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("puts the corner building first when its footprint lies under the hand at the start, even if its centre is west of it", () => {
    const corner = house("corner", 8, 90, 5); // centre a little south-west of the diagonal, footprint across it
    const east = house("east", 50, 90);
    expect(names(orderBuildingsOnGround(frame, [east, corner], (i) => i.shape))).toEqual(["corner", "east"]);
  });

  it("numbers points (no footprint) by their bearing, ties nearer first", () => {
    const points = [
      { name: "far", shape: { point: [5, 95] as GroundPoint, rings: [] } },
      { name: "near", shape: { point: [12, 88] as GroundPoint, rings: [] } },
      { name: "north", shape: { point: [50, 95] as GroundPoint, rings: [] } },
    ];
    // "near" and "far" lie on the diagonal to the corner: one ring (no empty band), nearer first
    expect(names(orderBuildingsOnGround(frame, points, (i) => i.shape))).toEqual(["near", "far", "north"]);
  });
});
