import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Polygon } from "geojson";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { seedEditTownship, W } from "@/db/edit-test-fixture";
import { runNumber, runRenumber } from "./number-command";

const dir = mkdtempSync(join(tmpdir(), "tessera-number-"));
const dbPath = join(dir, "number.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs `fn` and returns what it printed to stdout, with its return value. */
function captured(fn: () => number): { code: number; stdout: string } {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  const code = fn();
  return { code, stdout: lines.join("\n") };
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

const square = (x: number, y: number): Polygon => {
  const at = (i: number, j: number) => [120 + i / 1000, 30 + j / 1000];
  return { type: "Polygon", coordinates: [[at(x, y), at(x + 1, y), at(x + 1, y + 1), at(x, y + 1), at(x, y)]] };
};
function fixture(name: string, features: Array<{ geometry: unknown; properties: Record<string, unknown> }>): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ type: "FeatureCollection", features: features.map((f) => ({ type: "Feature", ...f })) }));
  return path;
}

const D = "330199101001";
// a 3×3 grid listed row by row from the south-west: the rule numbers it NW, N, NE, E, SE, S, SW, W, centre
const grid = fixture("grid.geojson", Array.from({ length: 9 }, (_, i) => ({ geometry: square(i % 3, Math.floor(i / 3)), properties: { district: D } })));
const houses = fixture("houses.geojson", [
  { geometry: { type: "Point", coordinates: [120.0005, 30.0025] }, properties: {} },
  { geometry: { type: "Point", coordinates: [120.0025, 30.0025] }, properties: { number: 5 } },
]);

describe("tessera number", () => {
  it("prints the features with code and number set as JSON", () => {
    const { code, stdout } = captured(() => runNumber({ areas: grid, buildings: houses, json: true }));
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.areas.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(["007", "006", "005", "008", "009", "004", "001", "002", "003"]);
    expect(out.buildings.features.map((f: { properties: unknown }) => f.properties)).toEqual([
      { district: D, smallArea: "001", number: 1 },
      { number: 1, district: D, smallArea: "003" },
    ]);
  });

  it("prints a table of old and new codes and numbers, and a summary", () => {
    const { stdout } = captured(() => runNumber({ areas: grid, buildings: houses, json: false }));
    expect(stdout).toMatch(/^feature +district +old code +code$/m);
    expect(stdout).toMatch(/^6 +330199101001 +- +001$/m);
    expect(stdout).toMatch(/^1 +330199101001 +003 +5 +1$/m);
    expect(stdout).toMatch(/Numbered 9 small areas in 1 district \(9 codes changed\) and 2 buildings \(2 numbers changed\)\./);
  });

  it("names the file, the feature and the rule of bad input", () => {
    const bad = fixture("bad.geojson", [{ geometry: square(0, 0), properties: { district: D } }, { geometry: square(1, 0), properties: { district: D, virtual: "yes" } }]);
    expect(errorOf(() => runNumber({ areas: bad, json: false }))).toBe(`${bad}: features[1].properties.virtual: virtual must be true or false (or 1/0), not "yes" [rule virtual_type]`);
    expect(errorOf(() => runNumber({ json: false }))).toMatch(/number needs --areas/);
    expect(errorOf(() => runNumber({ areas: join(dir, "none.geojson"), json: false }))).toMatch(/cannot read .*none\.geojson \(ENOENT\)/);
  });
});

describe("tessera renumber", () => {
  beforeAll(() => {
    const db = openDatabase(dbPath);
    seedEditTownship(db);
    // W's halves swapped behind the rule's back: the west one (at the north-west corner) should be 001
    db.$client.exec("UPDATE small_areas SET code = '#' WHERE code = '001' AND district_id = 1; UPDATE small_areas SET code = '001' WHERE code = '002' AND district_id = 1; UPDATE small_areas SET code = '002' WHERE code = '#'");
    db.$client.close();
  });
  const codes = () => {
    const db = openDatabase(dbPath);
    try {
      return db.$client.prepare("SELECT id, code FROM small_areas WHERE district_id = 1 ORDER BY id").all();
    } finally {
      db.$client.close();
    }
  };

  it("shows what would change with --dry-run and writes nothing", () => {
    const before = codes();
    const { code, stdout } = captured(() => runRenumber({ district: W, dbPath, dryRun: true, json: true }));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ districtCode: W, dryRun: true, changeId: null, smallAreas: [{ oldCode: "002", newCode: "001" }, { oldCode: "001", newCode: "002" }] });
    expect(codes()).toEqual(before);
  });

  it("renumbers the district in the database, then finds nothing left to do", () => {
    const { stdout } = captured(() => runRenumber({ district: W, dbPath, dryRun: false, json: false }));
    expect(stdout).toMatch(new RegExp(`District ${W}: 2 small-area codes and 4 building numbers changed \\(change [0-9a-f-]{36}\\)\\.`));
    expect(codes()).toEqual([{ id: 1, code: "001" }, { id: 2, code: "002" }]);
    expect(captured(() => runRenumber({ district: W, dbPath, dryRun: false, json: false })).stdout).toMatch(/already follows the rule/);
  });

  it("refuses bad use with a message", () => {
    expect(errorOf(() => runRenumber({ dbPath, dryRun: true, json: false }))).toMatch(/renumber needs --district/);
    expect(errorOf(() => runRenumber({ district: "12", dbPath, dryRun: true, json: false }))).toMatch(/12-digit district code, not "12"/);
    expect(errorOf(() => runRenumber({ district: "440101001999", dbPath, dryRun: true, json: false }))).toBe(`no district 440101001999 in ${dbPath}`);
    expect(errorOf(() => runRenumber({ district: W, dbPath: join(dir, "none.db"), dryRun: true, json: false }))).toMatch(/no database at/);
  });

  it("exits 2 through the command line, with the message on stderr", () => {
    const bad = fixture("bad-code.geojson", [{ geometry: square(0, 0), properties: { district: true } }]);
    const result = spawnSync(process.execPath, ["--import", "tsx", "bin/tessera.ts", "number", "--areas", bad], { encoding: "utf8", env: { ...process.env, TESSERA_DB: "" } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`tessera: ${bad}: features[0].properties.district: a code must be a string of digits (or a non-negative integer), not true [rule code_type]`);
  }, 30_000);
});
