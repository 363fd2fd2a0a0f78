import type { Polygon } from "geojson";
import { area, length, lineString, polygon as turfPolygon } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { haversineM, measureLine, measurePolygon, SQUARE_METRES_PER_MU } from "./measure";

const square: Polygon = { type: "Polygon", coordinates: [[[120, 30], [120.01, 30], [120.01, 30.01], [120, 30.01], [120, 30]]] };

describe("measurePolygon", () => {
  it("gives the area in m², km² and 亩 and the perimeter in metres, as turf does", () => {
    const m = measurePolygon(square);
    expect(m.areaM2).toBeCloseTo(area(turfPolygon(square.coordinates)), 0);
    expect(m.areaKm2).toBeCloseTo(m.areaM2 / 1e6, 12);
    expect(m.areaMu).toBeCloseTo(m.areaM2 / (10000 / 15), 9);
    expect(SQUARE_METRES_PER_MU).toBeCloseTo(666.67, 2);
    expect(m.perimeterM).toBeCloseTo(length(lineString(square.coordinates[0]), { units: "meters" }), 6);
    // 0.01° × 0.01° at 30° N: about 964 m × 1,112 m
    expect(m.areaM2).toBeGreaterThan(1.06e6);
    expect(m.areaM2).toBeLessThan(1.08e6);
  });

  it("subtracts holes, adds their length to the perimeter, sums MultiPolygon parts, and closes an open ring", () => {
    const hole = [[120.004, 30.004], [120.004, 30.006], [120.006, 30.006], [120.006, 30.004], [120.004, 30.004]];
    const withHole = measurePolygon({ type: "Polygon", coordinates: [square.coordinates[0], hole] });
    const holeOnly = measurePolygon({ type: "Polygon", coordinates: [hole] });
    const whole = measurePolygon(square);
    expect(withHole.areaM2).toBeCloseTo(whole.areaM2 - holeOnly.areaM2, 3);
    expect(withHole.perimeterM).toBeCloseTo(whole.perimeterM + holeOnly.perimeterM, 6);
    const twice = measurePolygon({ type: "MultiPolygon", coordinates: [square.coordinates, [hole]] });
    expect(twice.areaM2).toBeCloseTo(whole.areaM2 + holeOnly.areaM2, 3);
    const open = measurePolygon({ type: "Polygon", coordinates: [square.coordinates[0].slice(0, -1)] });
    expect(open.areaM2).toBeCloseTo(whole.areaM2, 6);
    expect(open.perimeterM).toBeCloseTo(whole.perimeterM, 6);
  });
});

describe("measureLine", () => {
  it("gives the length in metres of a LineString or a list of positions, as turf does", () => {
    const coordinates = [[120, 30], [120.01, 30], [120.01, 30.02]];
    const turfM = length(lineString(coordinates), { units: "meters" });
    expect(measureLine({ type: "LineString", coordinates }).lengthM).toBeCloseTo(turfM, 6);
    expect(measureLine(coordinates).lengthM).toBeCloseTo(turfM, 6);
    expect(measureLine([[120, 30]]).lengthM).toBe(0);
  });

  it("one degree of latitude is about 111.2 km", () => {
    expect(haversineM([120, 30], [120, 31])).toBeCloseTo(111_195, -1);
  });
});
