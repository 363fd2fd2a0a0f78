import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { isRingCounterClockwise } from "./ring-area";
import { closeRing, openRing, polygonsOf, verticesOf, windRing } from "./rings";

const ccw: Position[] = [[0, 0], [1, 0], [1, 1], [0, 1]];

describe("ring helpers", () => {
  it("opens a closed ring, dropping repeated positions, and closes it again", () => {
    const open = openRing([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0]]);
    expect(open).toEqual(ccw);
    expect(closeRing(open)).toEqual([...ccw, [0, 0]]);
    expect(closeRing([])).toEqual([]);
  });

  it("winds rings either way without touching the input", () => {
    const cw = [...ccw].reverse();
    expect(isRingCounterClockwise(windRing(cw, true))).toBe(true);
    expect(windRing(ccw, true)).toEqual(ccw);
    expect(isRingCounterClockwise(windRing(ccw, false))).toBe(false);
    expect(ccw[1]).toEqual([1, 0]);
  });

  it("lists the polygons and vertices of a MultiPolygon", () => {
    const multi = { type: "MultiPolygon" as const, coordinates: [[closeRing(ccw)], [closeRing([[5, 5], [6, 5], [6, 6]])]] };
    expect(polygonsOf(multi)).toHaveLength(2);
    expect(verticesOf(multi)).toHaveLength(7);
  });
});
