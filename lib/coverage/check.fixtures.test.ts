import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { checkCoverage } from "./check";
import type { CoverageInput } from "./types";

// Turf-style fixtures: fixtures/in/NAME.geojson (one FeatureCollection, `layer` property per feature) →
// fixtures/out/NAME.json (the issues expected). Regenerate with REGEN=1 and review the diff.
const dir = join(__dirname, "fixtures");

function toInput(fc: FeatureCollection): CoverageInput {
  const layer = (name: string) => fc.features.filter((f: Feature) => f.properties?.layer === name);
  return {
    districts: layer("district").map((f) => ({ code: String(f.properties!.code), geometry: f.geometry as Polygon })),
    smallAreas: layer("small_area").map((f) => ({ code: String(f.properties!.code), district: String(f.properties!.district), isVirtual: !!f.properties!.virtual, geometry: f.geometry as Polygon | MultiPolygon })),
    buildings: layer("building").map((f) => ({ id: String(f.properties!.id), geometry: f.geometry as Point, households: Number(f.properties!.households ?? 0), persons: Number(f.properties!.persons ?? 0) })),
  };
}

function summarise(input: CoverageInput) {
  return checkCoverage(input)
    .issues.map((i) => ({ kind: i.kind, district: i.district, smallAreas: i.smallAreas, areaM2: Math.round(i.areaM2), ...(i.params.rule ? { rule: i.params.rule } : {}), ...(i.params.id ? { building: i.params.id } : {}) }))
    .sort((a, b) => `${a.kind}${a.smallAreas}${a.areaM2}`.localeCompare(`${b.kind}${b.smallAreas}${b.areaM2}`));
}

describe("coverage fixtures", () => {
  for (const file of readdirSync(join(dir, "in")).filter((f) => f.endsWith(".geojson")).sort()) {
    const name = file.replace(/\.geojson$/, "");
    const fc = JSON.parse(readFileSync(join(dir, "in", file), "utf8")) as FeatureCollection & { description: string };
    it(`${name}: ${fc.description}`, () => {
      const actual = summarise(toInput(fc));
      const outPath = join(dir, "out", `${name}.json`);
      if (process.env.REGEN) writeFileSync(outPath, JSON.stringify(actual, null, 2) + "\n");
      expect(actual).toEqual(JSON.parse(readFileSync(outPath, "utf8")));
    });
  }
});
