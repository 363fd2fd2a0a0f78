import type { MultiPolygon, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { ISSUE_KINDS } from "@/lib/coverage/types";
import { pointInPolygon } from "@/lib/geo/point-in-polygon";
import { generateSyntheticCounty } from "./synthetic-county";

const key = (a: Position, b: Position) => `${a[0]},${a[1]}>${b[0]},${b[1]}`;

function addRings(counts: Map<string, number>, geometry: Polygon | MultiPolygon, reversed = false): void {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  for (const ring of polys.flat()) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const s = reversed ? key(ring[k + 1], ring[k]) : key(ring[k], ring[k + 1]);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
  }
}

/** Directed segments that are not cancelled by the same segment in the opposite direction. */
function unmatched(counts: Map<string, number>): string[] {
  return [...counts.entries()]
    .filter(([s, n]) => {
      const [a, b] = s.split(">");
      return (counts.get(`${b}>${a}`) ?? 0) !== n;
    })
    .map(([s]) => s);
}

describe("generateSyntheticCounty", () => {
  const county = generateSyntheticCounty({ seed: 7, districts: 16, buildings: 4000 });

  it("is deterministic for a seed and differs between seeds", () => {
    const again = generateSyntheticCounty({ seed: 7, districts: 16, buildings: 4000 });
    expect(JSON.stringify(again.input)).toBe(JSON.stringify(county.input));
    expect(again.truth).toEqual(county.truth);
    expect(again.hardCases).toEqual(county.hardCases);
    const other = generateSyntheticCounty({ seed: 8, districts: 16, buildings: 4000 });
    expect(JSON.stringify(other.input.smallAreas)).not.toBe(JSON.stringify(county.input.smallAreas));
  });

  it("has the requested sizes and ~40 vertices per small area", () => {
    expect(county.input.districts).toHaveLength(16);
    expect(county.input.buildings).toHaveLength(4000);
    const territorial = county.input.smallAreas.filter((a) => a.geometry);
    expect(territorial.length).toBeGreaterThanOrEqual(16 * 8);
    expect(county.stats.vertices / territorial.length).toBeGreaterThan(36);
    expect(county.stats.vertices / territorial.length).toBeLessThan(48);
  });

  it("tiles exactly without defects: small areas tile each district, districts tile the county", () => {
    const clean = generateSyntheticCounty({ seed: 3, districts: 16, buildings: 1000, defectsPerKind: 0, virtualAreas: 0 });
    expect(clean.truth).toHaveLength(0);
    for (const d of clean.input.districts) {
      const counts = new Map<string, number>();
      for (const a of clean.input.smallAreas) if (a.district === d.code && a.geometry) addRings(counts, a.geometry);
      addRings(counts, d.geometry, true);
      expect(unmatched(counts)).toEqual([]);
    }
    const counts = new Map<string, number>();
    for (const d of clean.input.districts) addRings(counts, d.geometry);
    addRings(counts, clean.input.container!, true);
    expect(unmatched(counts)).toEqual([]);
  });

  it("tiles exactly in the districts that have no injected defect or hard case", () => {
    const touched = new Set([...county.truth.flatMap((t) => t.districts), ...county.hardCases.flatMap((h) => h.districts)]);
    const untouched = county.input.districts.filter((d) => !touched.has(d.code));
    expect(untouched.length).toBeGreaterThan(0);
    for (const d of untouched) {
      const counts = new Map<string, number>();
      for (const a of county.input.smallAreas) if (a.district === d.code && a.geometry) addRings(counts, a.geometry);
      addRings(counts, d.geometry, true);
      expect(unmatched(counts)).toEqual([]);
    }
  });

  it("injects at least one defect of every kind but outside_township, and every hard case", () => {
    const kinds = new Set(county.truth.map((t) => t.kind));
    for (const k of ISSUE_KINDS) if (k !== "outside_township") expect(kinds, k).toContain(k);
    expect(new Set(county.hardCases.map((h) => h.kind))).toEqual(new Set(["float_noise", "t_junction", "hole", "virtual_area"]));
    const variants = new Set(county.truth.filter((t) => t.kind === "invalid_geometry").map((t) => t.variant));
    expect(variants).toContain("bow-tie");
    const big = generateSyntheticCounty({ seed: 7, districts: 64, buildings: 1000, defectsPerKind: 10 });
    const perKind = new Map<string, number>();
    for (const t of big.truth) perKind.set(t.kind, (perKind.get(t.kind) ?? 0) + 1);
    for (const k of ISSUE_KINDS) if (k !== "outside_township") expect(perKind.get(k), k).toBeGreaterThanOrEqual(10);
    expect(new Set(big.truth.filter((t) => t.kind === "invalid_geometry").map((t) => t.variant))).toEqual(new Set(["bow-tie", "unclosed", "nan"]));
  });

  it("places ordinary buildings inside exactly one small area of their district", () => {
    const extras = new Set(county.truth.filter((t) => t.kind.endsWith("_building")).map((t) => `${t.bbox![0]},${t.bbox![1]}`));
    const invalid = new Set(county.truth.filter((t) => t.kind === "invalid_geometry").flatMap((t) => t.smallAreas.map((c) => `${t.district}/${c}`)));
    const buildings = county.input.buildings!;
    for (let k = 0; k < buildings.length; k += 7) {
      const p = buildings[k].geometry.coordinates as Position;
      if (extras.has(`${p[0]},${p[1]}`)) continue;
      const district = county.input.districts[county.buildingDistricts[k]].code;
      const containing = county.input.smallAreas.filter((a) => {
        if (a.district !== district || !a.geometry || invalid.has(`${a.district}/${a.code}`)) return false;
        const polys = a.geometry.type === "Polygon" ? [a.geometry.coordinates] : a.geometry.coordinates;
        return polys.some((coordinates) => pointInPolygon(p, { type: "Polygon", coordinates }));
      });
      const inInvalid = county.input.smallAreas.some((a) => a.district === district && invalid.has(`${a.district}/${a.code}`));
      if (containing.length === 0 && inInvalid) continue;
      expect(containing, `building ${k}`).toHaveLength(1);
    }
  });
});
