import type { Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { metresPerDegree } from "./metres-per-degree";
import { snapPosition, snapRing, snapTargetsOf } from "./snap";

// a small area 0.001° (≈ 96 m × 111 m) at 30° N; 1 m east ≈ 1.04e-5°, 1 m north ≈ 9.04e-6°
const [mx, my] = metresPerDegree(30);
const east = (m: number) => m / mx;
const north = (m: number) => m / my;
const area: Polygon = { type: "Polygon", coordinates: [[[120, 30], [120.001, 30], [120.001, 30.001], [120, 30.001], [120, 30]]] };
const targets = snapTargetsOf([area]);

describe("snapPosition", () => {
  it("snaps to the nearest vertex within the tolerance in metres", () => {
    const r = snapPosition([120.001 + east(3), 30 + north(2)], targets, { metres: 5 });
    expect(r.kind).toBe("vertex");
    expect(r.position).toEqual([120.001, 30]);
    expect(r.distanceM).toBeCloseTo(Math.hypot(3, 2), 3);
  });

  it("prefers a vertex within the tolerance to a nearer edge (as QGIS)", () => {
    // 4 m north of the vertex and 0.5 m east of the edge it ends
    const r = snapPosition([120.001 + east(0.5), 30 + north(4)], targets, { metres: 5 });
    expect(r).toMatchObject({ kind: "vertex", position: [120.001, 30] });
  });

  it("snaps onto the nearest point of an edge when no vertex is within reach", () => {
    const r = snapPosition([120.0005, 30 - north(3)], targets, { metres: 5 });
    expect(r.kind).toBe("edge");
    expect(r.position[0]).toBeCloseTo(120.0005, 12);
    expect(r.position[1]).toBeCloseTo(30, 12);
    expect(r.distanceM).toBeCloseTo(3, 6);
    expect(r.segment).toEqual([[120, 30], [120.001, 30]]);
  });

  it("leaves the point alone when nothing is within reach, and measures the tolerance on the ground", () => {
    const p: Position = [120.0005, 30 - north(6)];
    expect(snapPosition(p, targets, { metres: 5 })).toEqual({ position: p, kind: "none", distanceM: 0 });
    // 4 m east of the west edge: within 5 m; 4 m is more degrees of longitude than of latitude at 30° N
    expect(snapPosition([120 - east(4), 30.0005], targets, { metres: 5 }).kind).toBe("edge");
    expect(snapPosition(p, targets, { metres: 0 }).kind).toBe("none");
  });

  it("takes a tolerance in degrees per axis", () => {
    expect(snapPosition([120.001 + 2e-5, 30 + 1e-5], targets, { x: 3e-5, y: 3e-5 }).kind).toBe("vertex");
    expect(snapPosition([120.001 + 2e-5, 30 + 1e-5], targets, { x: 1e-5, y: 3e-5 }).kind).toBe("none");
  });
});

describe("snapTargetsOf", () => {
  it("collects rings and lines, optionally only those near a box", () => {
    const line = { type: "LineString" as const, coordinates: [[121, 31], [121.1, 31]] };
    expect(snapTargetsOf([area, line, null, { type: "Point", coordinates: [0, 0] }])).toHaveLength(2);
    expect(snapTargetsOf([area, line], [120.0009, 29.9999, 120.0011, 30.0001])).toEqual([area.coordinates[0]]);
  });
});

describe("snapRing", () => {
  it("snaps every vertex of a drawn ring, drops repeats and closes it", () => {
    const drawn: Position[] = [
      [120.001 + east(1), 30 + north(1)], // → the vertex (120.001, 30)
      [120.001 + east(2), 30 + north(-1)], // → the same vertex: dropped
      [120.002, 30],
      [120.0015, 30.0005],
      [120.001 + east(2), 30.0008], // → onto the east edge
    ];
    const ring = snapRing(drawn, targets, { metres: 3 });
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual([120.001, 30]);
    expect(ring[3][0]).toBeCloseTo(120.001, 12);
    expect(ring[3][1]).toBeCloseTo(30.0008, 12);
    expect(ring[4]).toEqual(ring[0]);
  });
});
