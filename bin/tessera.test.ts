import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { generateDemoTownship } from "@/db/seed/generate-township";
import type { Polygon } from "geojson";

const dir = mkdtempSync(join(tmpdir(), "tessera-cli-"));
const dbPath = join(dir, "cli.db");

function tessera(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/tessera.ts", ...args], { encoding: "utf8", env: { ...process.env, TESSERA_DB: "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  const db = openDatabase(dbPath);
  await seedDemo(db, dbPath, { imagery: false });
  db.$client.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tessera CLI", () => {
  it("lists the hierarchy as JSON with codes and counts", () => {
    const { code, stdout } = tessera("list", "--json", "--db", dbPath);
    expect(code).toBe(0);
    const [county] = JSON.parse(stdout);
    const town = generateDemoTownship(1);
    expect(county.code).toBe("330199");
    expect(county.children[0].children).toHaveLength(town.districts.length);
    expect(county.counts.smallAreas).toBe(town.smallAreas.length);
    expect(county.counts.buildings).toBe(town.buildings.length);
  }, 30_000);

  it("prints a readable tree", () => {
    const { code, stdout } = tessera("list", "--db", dbPath);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^330199 {2}示范县 Shifan County/m);
    expect(stdout).toMatch(/^ {4}330199101001 {2}\S+ .+small areas/m);
  }, 30_000);

  it("refuses to seed a database that holds data, unless forced", () => {
    const { code, stdout } = tessera("seed", "--db", dbPath);
    expect(code).toBe(0);
    expect(stdout).toMatch(/already holds data/);
  }, 30_000);

  it("exits 2 with a message on stderr for bad use", () => {
    const unknown = tessera("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const missing = tessera("list", "--db", join(dir, "nope", "none.db"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no database at/);
    const badFlag = tessera("list", "--colour");
    expect(badFlag.code).toBe(2);
  }, 30_000);
});

/** A lon/lat rectangle as a GeoJSON polygon. */
function rectangle(west: number, south: number, east: number, north: number): Polygon {
  return { type: "Polygon", coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
}

/** Writes a FeatureCollection fixture into the temp dir and returns its path. */
function fixture(name: string, features: Array<{ geometry: Polygon | null; properties: Record<string, unknown> }>): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ type: "FeatureCollection", features: features.map((f) => ({ type: "Feature", ...f })) }));
  return path;
}

describe("tessera check", () => {
  const district = "330199101001";
  const districts = fixture("districts.geojson", [{ geometry: rectangle(120, 30, 120.01, 30.01), properties: { code: district } }]);
  // two small areas that tile the district, and the same two with a 0.0001° (≈ 9.6 m) strip between them
  const clean = fixture("areas.geojson", [
    { geometry: rectangle(120, 30, 120.005, 30.01), properties: { code: "001", district } },
    { geometry: rectangle(120.005, 30, 120.01, 30.01), properties: { code: "002", district } },
  ]);
  const withGap = fixture("areas-gap.geojson", [
    { geometry: rectangle(120, 30, 120.005, 30.01), properties: { code: "001", district } },
    { geometry: rectangle(120.0051, 30, 120.01, 30.01), properties: { code: "002", district } },
  ]);

  it("exits 0 on a district its small areas tile", () => {
    const { code, stdout, stderr } = tessera("check", "--districts", districts, "--areas", clean);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Clean: no issues \(1 district, 2 small areas, 0 buildings checked in \d+ ms\)\.$/m);
  }, 30_000);

  it("exits 1 and prints the gap as JSON with its district, small areas, area, geometry and message", () => {
    const { code, stdout } = tessera("check", "--districts", districts, "--areas", withGap, "--json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.summary).toMatchObject({ issues: 1, errors: 1, warnings: 0, byKind: { gap: 1 } });
    const [gap] = report.issues;
    expect(Object.keys(gap).sort()).toEqual(["areaM2", "district", "geometry", "kind", "message", "severity", "smallAreas"]);
    expect(gap).toMatchObject({ kind: "gap", severity: "error", district, smallAreas: ["001", "002"] });
    // 0.0001° of longitude × 0.01° of latitude at 30°N ≈ 9.64 m × 1,109 m
    expect(gap.areaM2).toBeGreaterThan(10_500);
    expect(gap.areaM2).toBeLessThan(10_900);
    expect(gap.geometry.type).toMatch(/Polygon/);
    expect(gap.message).toMatch(/^District 330199101001: 10,\d{3}(\.\d)? m² covered by no small area \(next to 001, 002\)$/);
  }, 30_000);

  it("prints a readable table, in Chinese with --lang zh", () => {
    const { code, stdout } = tessera("check", "--districts", districts, "--areas", withGap, "--lang", "zh");
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^kind\s+severity\s+district\s+small areas\s+area m²\s+message$/);
    expect(lines[1]).toMatch(/^gap\s+error\s+330199101001\s+001, 002\s+10\d{3}\.\d\s+普查区 330199101001：.+不属于任何小区/);
    expect(lines[2]).toMatch(/^1 issue \(1 error, 0 warnings\): gap 1/);
  }, 30_000);

  it("exits 2 on bad input, naming the file, the feature and the rule", () => {
    const bad = fixture("areas-bad.geojson", [
      { geometry: rectangle(120, 30, 120.005, 30.01), properties: { code: "001", district } },
      { geometry: rectangle(120.005, 30, 120.01, 30.01), properties: { code: true, district } },
    ]);
    const result = tessera("check", "--districts", districts, "--areas", bad);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${bad}: features[1].properties.code:`);
    expect(result.stderr).toContain("[rule code_type]");
    const missing = tessera("check", "--districts", districts);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--districts and --areas/);
  }, 30_000);

  it("checks the seeded database: the demo township has no gaps or overlaps; one district alone", () => {
    const whole = tessera("check", "--db", dbPath, "--json");
    const report = JSON.parse(whole.stdout);
    expect(whole.code).toBe(report.summary.issues > 0 ? 1 : 0);
    for (const kind of ["gap", "overlap", "outside_district", "district_gap", "district_overlap", "outside_township", "invalid_geometry"]) {
      expect(report.summary.byKind[kind] ?? 0, kind).toBe(0);
    }
    const one = tessera("check", "--db", dbPath, "--district", "330199101001");
    expect(one.stdout).toMatch(/\(1 district, \d+ small areas, \d+ buildings checked in \d+ ms\)/);
    const unknown = tessera("check", "--db", dbPath, "--district", "330199101999");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no district 330199101999/);
  }, 60_000);
});
