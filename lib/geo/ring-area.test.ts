import { describe, expect, it } from "vitest";
import { isRingCounterClockwise, polygonAreaM2, ringAreaM2 } from "./ring-area";

const ccw = [[120, 30], [120.01, 30], [120.01, 30.01], [120, 30.01], [120, 30]];

describe("ring orientation and area", () => {
  it("tells a counter-clockwise ring (RFC 7946 outer ring) from a clockwise one, open or closed", () => {
    expect(isRingCounterClockwise(ccw)).toBe(true);
    expect(isRingCounterClockwise(ccw.slice(0, -1))).toBe(true);
    expect(isRingCounterClockwise([...ccw].reverse())).toBe(false);
  });
  it("signs the area like the orientation", () => {
    expect(ringAreaM2(ccw)).toBeGreaterThan(0);
    expect(ringAreaM2([...ccw].reverse())).toBeLessThan(0);
    expect(polygonAreaM2({ type: "Polygon", coordinates: [[...ccw].reverse()] })).toBeCloseTo(ringAreaM2(ccw), 6);
  });
});
