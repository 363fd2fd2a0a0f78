import { describe, expect, it } from "vitest";
import { flatRingAreaM2 } from "@/lib/geo/ring-area";
import { generateSyntheticCounty } from "./bench/synthetic-county";
import { flattenArea } from "./flat-geometry";
import { measureParts } from "./shape";

describe("measureParts", () => {
  it("measures each part's area exactly as flatRingAreaM2 does (outer minus holes)", () => {
    const { input } = generateSyntheticCounty({ seed: 4, districts: 4, buildings: 10 });
    for (const a of input.smallAreas) {
      const flat = flattenArea(a.geometry);
      if (!flat) continue;
      const parts = measureParts(flat);
      flat.parts.forEach((part, p) => {
        const expected = part.reduce((s, r, k) => s + (k === 0 ? 1 : -1) * Math.abs(flatRingAreaM2(flat.rings[r])), 0);
        expect(parts[p].areaM2).toBe(expected);
      });
    }
  });
});
