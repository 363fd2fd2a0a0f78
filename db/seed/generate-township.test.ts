import { booleanClockwise, booleanIntersects, booleanPointInPolygon, kinks } from "@turf/turf";
import type { Point, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { formatSmallAreaCode, isDistrictCode, isSmallAreaCode } from "@/lib/domain/codes";
import { orderBuildingsClockwise, orderSmallAreasClockwise } from "@/lib/geo/clockwise-order";
import { ringAreaM2 } from "@/lib/geo/ring-area";
import { generateDemoTownship } from "./generate-township";
import type { DemoTownship } from "./types";

const demo = generateDemoTownship(1);
const others = [generateDemoTownship(2), generateDemoTownship(3)];

const households = (b: DemoTownship["buildings"][number]) => b.units.reduce((s, u) => s + u.households, 0);
const ptKey = (p: Position) => `${p[0]},${p[1]}`;
/** Local metres around the township (equirectangular), for distances on the ground in checks. */
const M_LAT = 111_194.93;
const M_LON = M_LAT * Math.cos((30.3 * Math.PI) / 180);
const toM = (p: Position): [number, number] => [(p[0] - 120.1) * M_LON, (p[1] - 30.3) * M_LAT];

function pointSegDist(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
}
function segsCross(a: [number, number], b: [number, number], c: [number, number], d: [number, number]): boolean {
  const o = (p: number[], q: number[], r: number[]) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}
function segSegDist(a: [number, number], b: [number, number], c: [number, number], d: [number, number]): number {
  if (segsCross(a, b, c, d)) return 0;
  return Math.min(pointSegDist(a, c, d), pointSegDist(b, c, d), pointSegDist(c, a, b), pointSegDist(d, a, b));
}

/**
 * Checks, independently of how the generator built them, that `parts` tile `whole` exactly: the directed
 * segments of the parts plus the reversed outline of the whole cancel pairwise (each segment once, its exact
 * reverse once: no gap, no overlap, no T-junction), and the areas add up.
 */
function expectExactPartition(whole: Polygon, parts: Polygon[]) {
  const count = new Map<string, number>();
  const add = (a: Position, b: Position) => {
    const k = `${ptKey(a)}>${ptKey(b)}`;
    count.set(k, (count.get(k) ?? 0) + 1);
  };
  for (const part of parts) {
    const ring = part.coordinates[0];
    for (let i = 0; i + 1 < ring.length; i++) add(ring[i], ring[i + 1]);
  }
  const outer = whole.coordinates[0];
  for (let i = 0; i + 1 < outer.length; i++) add(outer[i + 1], outer[i]);
  const unmatched: string[] = [];
  for (const [k, n] of count) {
    const [a, b] = k.split(">");
    if (n !== 1 || count.get(`${b}>${a}`) !== 1) unmatched.push(`${k} ×${n}`);
  }
  expect(unmatched).toEqual([]);
  const sum = parts.reduce((s, p) => s + ringAreaM2(p.coordinates[0]), 0);
  const area = ringAreaM2(outer);
  expect(area).toBeGreaterThan(0);
  expect(Math.abs(sum - area) / area).toBeLessThan(1e-9);
}

function expectValidRing(polygon: Polygon) {
  expect(polygon.coordinates).toHaveLength(1);
  const ring = polygon.coordinates[0];
  expect(ring.length).toBeGreaterThanOrEqual(4);
  expect(ring[ring.length - 1]).toEqual(ring[0]);
  expect(new Set(ring.slice(0, -1).map(ptKey)).size).toBe(ring.length - 1); // no repeated vertex
  expect(booleanClockwise(ring)).toBe(false);
  expect(kinks(polygon).features).toHaveLength(0);
}

describe("generateDemoTownship", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateDemoTownship(1)).toEqual(demo);
    expect(JSON.stringify(others[0])).not.toEqual(JSON.stringify(demo));
    expect(others[0].township.geometry).not.toEqual(demo.township.geometry);
  });

  it("has the admin units, codes and names of the demo", () => {
    expect(demo.county).toMatchObject({ code: "330199", nameZh: "示范县", nameEn: "Shifan County" });
    expect(demo.township).toMatchObject({ code: "330199101", nameZh: "青石镇", nameEn: "Qingshi Town" });
    const suffixes = demo.districts.map((d) => d.code.slice(9)).sort();
    expect(suffixes).toEqual(["001", "002", "201", "202", "203", "204", "205", "206"]);
    for (const d of demo.districts) {
      expect(isDistrictCode(d.code)).toBe(true);
      expect(d.code.startsWith(demo.township.code)).toBe(true);
      expect(d.kind).toBe(d.code.slice(9, 10) === "0" ? "community" : "village");
      expect(d.nameZh).toMatch(d.kind === "community" ? /社区$/ : /村$/);
      expect(d.nameEn.length).toBeGreaterThan(0);
    }
    // the county contains the township
    const county = demo.county.geometry;
    expect(demo.township.geometry.coordinates[0].every((p) => booleanPointInPolygon(p, county))).toBe(true);
  });

  it("has counts in range and exactly one village without small areas", () => {
    for (const t of [demo, ...others]) {
      expect(t.districts).toHaveLength(8);
      expect(t.smallAreas.length).toBeGreaterThanOrEqual(50);
      expect(t.smallAreas.length).toBeLessThanOrEqual(70);
      expect(t.buildings.length).toBeGreaterThanOrEqual(3500);
      expect(t.buildings.length).toBeLessThanOrEqual(4500);
      const without = t.districts.filter((d) => !d.hasSmallAreas);
      expect(without).toHaveLength(1);
      expect(without[0].kind).toBe("village");
      expect(t.smallAreas.filter((sa) => sa.districtCode === without[0].code)).toHaveLength(0);
      for (const d of t.districts.filter((x) => x.hasSmallAreas)) {
        const n = t.smallAreas.filter((sa) => sa.districtCode === d.code).length;
        expect(n).toBeGreaterThanOrEqual(5);
        expect(n).toBeLessThanOrEqual(12);
      }
    }
  });

  it("numbers small areas 001..n per district with well-formed codes", () => {
    for (const d of demo.districts) {
      const codes = demo.smallAreas.filter((sa) => sa.districtCode === d.code).map((sa) => sa.code);
      for (const c of codes) expect(isSmallAreaCode(c, false)).toBe(true);
      expect(codes).toEqual(codes.map((_, i) => String(i + 1).padStart(3, "0")));
    }
  });

  it("numbers small areas and buildings by the numbering rule (north-west corner first, clockwise), on the geometry it outputs", () => {
    for (const t of [demo, ...others]) {
      for (const d of t.districts.filter((x) => x.hasSmallAreas)) {
        const sas = t.smallAreas.filter((sa) => sa.districtCode === d.code);
        expect(orderSmallAreasClockwise(d.geometry, sas, (sa) => sa.geometry).map((sa) => sa.code)).toEqual(sas.map((_, i) => formatSmallAreaCode(i + 1)));
        for (const sa of sas) {
          const inSa = t.buildings.filter((b) => b.smallAreaFullCode === `${sa.districtCode}${sa.code}`);
          expect(orderBuildingsClockwise(sa.geometry, inSa, (b) => b.geometry).map((b) => b.number)).toEqual(inSa.map((_, i) => i + 1));
        }
      }
    }
  });

  it("has closed, simple, counter-clockwise rings everywhere", () => {
    for (const t of [demo, ...others]) {
      expectValidRing(t.county.geometry);
      expectValidRing(t.township.geometry);
      for (const d of t.districts) expectValidRing(d.geometry);
      for (const sa of t.smallAreas) expectValidRing(sa.geometry);
    }
    for (const b of demo.buildings) {
      const ring = b.geometry.coordinates[0];
      expect(ring).toHaveLength(5);
      expect(ring[4]).toEqual(ring[0]);
      expect(booleanClockwise(ring)).toBe(false);
    }
  });

  it("tiles each district exactly with its small areas, and the township with its districts", () => {
    for (const t of [demo, ...others]) {
      for (const d of t.districts.filter((x) => x.hasSmallAreas)) {
        expectExactPartition(
          d.geometry,
          t.smallAreas.filter((sa) => sa.districtCode === d.code).map((sa) => sa.geometry),
        );
      }
      expectExactPartition(
        t.township.geometry,
        t.districts.map((d) => d.geometry),
      );
    }
  });

  it("is a township of about 4 km × 3 km near lon 120.10, lat 30.30", () => {
    const ring = demo.township.geometry.coordinates[0].map(toM);
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(3700);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(4300);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(2700);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(3300);
    const areaKm2 = ringAreaM2(demo.township.geometry.coordinates[0]) / 1e6;
    expect(areaKm2).toBeGreaterThan(10);
    expect(areaKm2).toBeLessThan(12.5);
  });

  it("puts every building inside exactly the small area it names, numbered 1..n", () => {
    const saByFull = new Map(demo.smallAreas.map((sa) => [`${sa.districtCode}${sa.code}`, sa]));
    const districtByCode = new Map(demo.districts.map((d) => [d.code, d]));
    const numbers = new Map<string, number[]>();
    const misplaced: string[] = [];
    for (const [idx, b] of demo.buildings.entries()) {
      const d = districtByCode.get(b.districtCode)!;
      const corners = b.geometry.coordinates[0].slice(0, -1);
      if (b.smallAreaFullCode === null) {
        expect(d.hasSmallAreas).toBe(false);
        expect(b.number).toBeNull();
        if (!corners.every((p) => booleanPointInPolygon(p, d.geometry, { ignoreBoundary: true }))) misplaced.push(`#${idx}`);
        continue;
      }
      expect(b.smallAreaFullCode.startsWith(b.districtCode)).toBe(true);
      const sa = saByFull.get(b.smallAreaFullCode);
      expect(sa).toBeDefined();
      const containing = demo.smallAreas.filter(
        (x) => x.districtCode === b.districtCode && corners.every((p) => booleanPointInPolygon(p, x.geometry, { ignoreBoundary: true })),
      );
      if (containing.length !== 1 || containing[0] !== sa) misplaced.push(`#${idx} ${b.smallAreaFullCode}`);
      // no building edge crosses the small area's boundary
      const ring = sa!.geometry.coordinates[0].map(toM);
      const fp = b.geometry.coordinates[0].map(toM);
      for (let i = 0; i < 4; i++) {
        for (let k = 0; k + 1 < ring.length; k++) {
          if (segSegDist(fp[i], fp[i + 1], ring[k], ring[k + 1]) < 1) misplaced.push(`#${idx} touches its boundary`);
        }
      }
      numbers.set(b.smallAreaFullCode, [...(numbers.get(b.smallAreaFullCode) ?? []), b.number!]);
    }
    expect(misplaced).toEqual([]);
    for (const sa of demo.smallAreas) {
      const list = (numbers.get(`${sa.districtCode}${sa.code}`) ?? []).slice().sort((a, b) => a - b);
      expect(list.length).toBeGreaterThan(0);
      expect(list).toEqual(list.map((_, i) => i + 1));
    }
    expect(demo.buildings.some((b) => b.smallAreaFullCode === null)).toBe(true);
  });

  it("has no overlapping buildings", () => {
    const cell = 0.001; // degrees, ~100 m
    const grid = new Map<string, number[]>();
    const boxes = demo.buildings.map((b) => {
      const ring = b.geometry.coordinates[0];
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    });
    boxes.forEach((bb, i) => {
      for (let gx = Math.floor(bb[0] / cell); gx <= Math.floor(bb[2] / cell); gx++) {
        for (let gy = Math.floor(bb[1] / cell); gy <= Math.floor(bb[3] / cell); gy++) {
          const k = `${gx},${gy}`;
          grid.set(k, [...(grid.get(k) ?? []), i]);
        }
      }
    });
    const overlapping = new Set<string>();
    let compared = 0;
    for (const ids of grid.values()) {
      for (let a = 0; a < ids.length; a++) {
        for (let b = a + 1; b < ids.length; b++) {
          const [p, q] = [boxes[ids[a]], boxes[ids[b]]];
          if (p[0] > q[2] || q[0] > p[2] || p[1] > q[3] || q[1] > p[3]) continue;
          compared++;
          if (booleanIntersects(demo.buildings[ids[a]].geometry, demo.buildings[ids[b]].geometry)) overlapping.add(`${ids[a]}/${ids[b]}`);
        }
      }
    }
    expect(compared).toBeGreaterThan(0); // sheds sit close to their houses: the check is exercised
    expect([...overlapping]).toEqual([]);
  });

  it("keeps buildings off roads and the river, out of ponds and fields", () => {
    const lines = demo.referenceFeatures.filter((r) => r.geometry.type === "LineString");
    expect(lines.length).toBeGreaterThan(5);
    const segs: { a: [number, number]; b: [number, number]; half: number }[] = [];
    for (const r of lines) {
      const pts = (r.geometry as { coordinates: Position[] }).coordinates.map(toM);
      for (let i = 0; i + 1 < pts.length; i++) segs.push({ a: pts[i], b: pts[i + 1], half: (r.widthM ?? 0) / 2 });
    }
    const ponds = demo.referenceFeatures.filter((r) => r.kind === "water").map((r) => r.geometry as Polygon);
    const fields = demo.referenceFeatures.filter((r) => r.kind === "farmland").map((r) => r.geometry as Polygon);
    const areaBoxes = new Map<Polygon, number[]>();
    for (const poly of [...ponds, ...fields]) {
      const ring = poly.coordinates[0].map(toM);
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      areaBoxes.set(poly, [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
    }
    const bad: string[] = [];
    for (const [idx, b] of demo.buildings.entries()) {
      const fp = b.geometry.coordinates[0].map(toM);
      const minX = Math.min(...fp.map((p) => p[0]));
      const maxX = Math.max(...fp.map((p) => p[0]));
      const minY = Math.min(...fp.map((p) => p[1]));
      const maxY = Math.max(...fp.map((p) => p[1]));
      for (const s of segs) {
        if (Math.max(s.a[0], s.b[0]) < minX - 20 || Math.min(s.a[0], s.b[0]) > maxX + 20) continue;
        if (Math.max(s.a[1], s.b[1]) < minY - 20 || Math.min(s.a[1], s.b[1]) > maxY + 20) continue;
        for (let i = 0; i < 4; i++) if (segSegDist(fp[i], fp[i + 1], s.a, s.b) <= s.half) bad.push(`#${idx} on a road or river`);
      }
      const near = (poly: Polygon) => {
        const bb = areaBoxes.get(poly)!;
        return !(bb[2] < minX || bb[0] > maxX || bb[3] < minY || bb[1] > maxY);
      };
      for (const pond of ponds) if (near(pond) && booleanIntersects(b.geometry, pond)) bad.push(`#${idx} in a pond`);
      for (const f of fields) if (near(f) && booleanIntersects(b.geometry, f)) bad.push(`#${idx} in a field`);
    }
    expect(bad).toEqual([]);
  });

  it("sizes small areas around 80 households, with a few too small and a few too large", () => {
    for (const t of [demo, ...others]) {
      const perSa = new Map<string, number>();
      for (const b of t.buildings) if (b.smallAreaFullCode) perSa.set(b.smallAreaFullCode, (perSa.get(b.smallAreaFullCode) ?? 0) + households(b));
      const values = t.smallAreas.map((sa) => perSa.get(`${sa.districtCode}${sa.code}`) ?? 0);
      const inBand = values.filter((v) => v >= 60 && v <= 100).length;
      expect(inBand / values.length).toBeGreaterThanOrEqual(0.8);
      expect(values.filter((v) => v < 50).length).toBeGreaterThanOrEqual(2);
      expect(values.filter((v) => v > 120).length).toBeGreaterThanOrEqual(2);
      expect(values.filter((v) => v > 120).length).toBeLessThanOrEqual(4);
    }
  });

  it("has plausible housing units", () => {
    const units = demo.buildings.flatMap((b) => b.units);
    const total = units.reduce((s, u) => s + u.households, 0);
    const persons = units.reduce((s, u) => s + u.persons, 0);
    expect(persons / total).toBeGreaterThan(2.5);
    expect(persons / total).toBeLessThan(3.8);
    for (const u of units) {
      if (u.status === "vacant") expect([u.households, u.persons]).toEqual([0, 0]);
      else expect(u.households).toBeGreaterThanOrEqual(1);
      expect(u.households).toBeLessThanOrEqual(2);
    }
    const byStatus = (s: string) => units.filter((u) => u.status === s).length;
    for (const s of ["vacant", "away", "collective"]) {
      expect(byStatus(s)).toBeGreaterThan(0);
      expect(byStatus(s) / units.length).toBeLessThan(0.04);
    }
    const community = new Set(demo.districts.filter((d) => d.kind === "community").map((d) => d.code));
    const blocks = demo.buildings.filter((b) => community.has(b.districtCode) && b.use === "residential");
    expect(blocks.length).toBeGreaterThan(20);
    for (const b of blocks) {
      expect(b.units.length).toBeGreaterThanOrEqual(12);
      expect(b.units.length).toBeLessThanOrEqual(36);
    }
    const houses = demo.buildings.filter((b) => !community.has(b.districtCode) && b.use === "residential" && b.units.every((u) => u.status !== "collective"));
    expect(houses.filter((b) => b.units.length === 1).length / houses.length).toBeGreaterThan(0.8);
  });

  it("has named landmarks at their buildings, and roads and a river along boundaries", () => {
    const landmarks = demo.referenceFeatures.filter((r) => r.kind === "landmark");
    for (const subkind of ["school", "factory", "shop", "office"]) {
      expect(landmarks.filter((l) => l.subkind === subkind).length).toBeGreaterThan(0);
    }
    expect(landmarks.filter((l) => l.subkind === "shop").length).toBeGreaterThanOrEqual(3);
    expect(landmarks.some((l) => l.nameZh === "青石中心小学" && l.nameEn === "Qingshi Central Primary School")).toBe(true);
    for (const l of landmarks) {
      expect(l.geometry.type).toBe("Point");
      expect(l.nameZh).toBeTruthy();
      const at = demo.buildings.filter((b) => b.nameZh === l.nameZh && booleanPointInPolygon(l.geometry as Point, b.geometry));
      expect(at).toHaveLength(1);
    }

    const roads = demo.referenceFeatures.filter((r) => r.kind === "road");
    const main = roads.filter((r) => r.subkind === "main_road");
    expect(main).toHaveLength(1);
    expect(main[0].widthM).toBe(12);
    expect(main[0].nameZh).toBe("青石大道");
    expect(roads.filter((r) => r.subkind === "secondary_road" && r.nameZh).length).toBeGreaterThanOrEqual(3);
    expect(roads.filter((r) => r.subkind === "lane").every((r) => r.widthM === 4)).toBe(true);
    expect(demo.referenceFeatures.filter((r) => r.kind === "farmland").length).toBeGreaterThan(20);
    expect(demo.referenceFeatures.filter((r) => r.kind === "water" && r.subkind === "pond").length).toBeGreaterThan(3);

    // the river follows a district boundary: each of its segments separates two districts
    const river = demo.referenceFeatures.filter((r) => r.kind === "river");
    expect(river).toHaveLength(1);
    expect(river[0]).toMatchObject({ nameZh: "青溪", widthM: 25 });
    const districtSegs = new Map<string, string>();
    for (const d of demo.districts) {
      const ring = d.geometry.coordinates[0];
      for (let i = 0; i + 1 < ring.length; i++) districtSegs.set(`${ptKey(ring[i])}>${ptKey(ring[i + 1])}`, d.code);
    }
    const coords = (river[0].geometry as { coordinates: Position[] }).coordinates;
    for (let i = 0; i + 1 < coords.length; i++) {
      const left = districtSegs.get(`${ptKey(coords[i])}>${ptKey(coords[i + 1])}`);
      const right = districtSegs.get(`${ptKey(coords[i + 1])}>${ptKey(coords[i])}`);
      expect(left).toBeDefined();
      expect(right).toBeDefined();
      expect(left).not.toBe(right);
    }
    // the main road runs along small-area boundaries (it is never inside one small area)
    const saSegs = new Set<string>();
    for (const sa of demo.smallAreas) {
      const ring = sa.geometry.coordinates[0];
      for (let i = 0; i + 1 < ring.length; i++) saSegs.add(`${ptKey(ring[i])}>${ptKey(ring[i + 1])}`);
    }
    for (const d of demo.districts.filter((x) => !x.hasSmallAreas)) {
      const ring = d.geometry.coordinates[0];
      for (let i = 0; i + 1 < ring.length; i++) saSegs.add(`${ptKey(ring[i])}>${ptKey(ring[i + 1])}`);
    }
    const mc = (main[0].geometry as { coordinates: Position[] }).coordinates;
    for (let i = 0; i + 1 < mc.length; i++) {
      const fwd = saSegs.has(`${ptKey(mc[i])}>${ptKey(mc[i + 1])}`);
      const back = saSegs.has(`${ptKey(mc[i + 1])}>${ptKey(mc[i])}`);
      expect(fwd || back).toBe(true);
    }
  });
});
