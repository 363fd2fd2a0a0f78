/**
 * A hand-made township for the tests of the edit write and its routes, small enough to reason about in
 * metres: district W (0–400 m east, 0–400 m north) split at 200 m into small areas 001 and 002, district E
 * (400–800 m) with one small area, and district N (600–800 m north), apart and not yet divided.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Polygon, Position } from "geojson";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import type { Db } from "./client";
import { getDb, openDatabase } from "./client";
import { WriteRefused } from "./mutations";
import { getEditSnapshot } from "./edit-queries";
import { insertTownship } from "./seed/insert-township";
import { tinyAt } from "./seed/tiny-township-fixture";
import type { DemoBuilding, DemoTownship } from "./seed/types";
import type { DistrictEntity, SmallAreaEntity } from "@/lib/edits/types";

export const W = "440101001001";
export const E = "440101001002";
export const N = "440101001003";

/** Used by the tests to draw: a rectangle from (e0, n0) to (e1, n1) metres, counter-clockwise from the south-west. */
export function rect(e0: number, n0: number, e1: number, n1: number): Polygon {
  const ring: Position[] = [tinyAt(e0, n0), tinyAt(e1, n0), tinyAt(e1, n1), tinyAt(e0, n1), tinyAt(e0, n0)];
  return { type: "Polygon", coordinates: [ring] };
}

function building(districtCode: string, area: string | null, east: number, north: number, number: number | null): DemoBuilding {
  return {
    districtCode, smallAreaFullCode: area ? `${districtCode}${area}` : null, number, use: "residential", nameZh: null, nameEn: null, floors: 2,
    geometry: rect(east - 3, north - 3, east + 3, north + 3),
    units: [{ unitNumber: "101", floor: 1, entrance: "1", status: "occupied", households: 1, persons: 3 }],
  };
}

/** The buildings by name: where they stand (metres) tells which small area holds them. */
export const BUILDINGS = { w100: [100, 100], w190: [190, 300], w250: [250, 100], w300: [300, 300], e600: [600, 200], n700: [700, 700] } as const;

function editTownship(): DemoTownship {
  const b = BUILDINGS;
  return {
    county: { code: "440101", nameZh: "示范县", nameEn: "Demo County", geometry: rect(-500, -500, 1300, 1300) },
    township: { code: "440101001", nameZh: "小镇", nameEn: "Tiny Town", geometry: rect(0, 0, 800, 800) },
    districts: [
      { code: W, nameZh: "西村", nameEn: "West", kind: "village", geometry: rect(0, 0, 400, 400), hasSmallAreas: true },
      { code: E, nameZh: "东村", nameEn: "East", kind: "village", geometry: rect(400, 0, 800, 400), hasSmallAreas: true },
      { code: N, nameZh: "北村", nameEn: "North", kind: "village", geometry: rect(600, 600, 800, 800), hasSmallAreas: false },
    ],
    smallAreas: [
      { districtCode: W, code: "001", geometry: rect(0, 0, 200, 400) },
      { districtCode: W, code: "002", geometry: rect(200, 0, 400, 400) },
      { districtCode: E, code: "001", geometry: rect(400, 0, 800, 400) },
    ],
    buildings: [
      building(W, "001", ...b.w100, 1), building(W, "001", ...b.w190, 2), building(W, "002", ...b.w250, 1),
      building(W, "002", ...b.w300, 2), building(E, "001", ...b.e600, 1), building(N, null, ...b.n700, null),
    ],
    referenceFeatures: [],
  };
}

/** Used by the tests' setup: writes the township into an empty (migrated) database. */
export function seedEditTownship(db: Db): void {
  insertTownship(db, editTownship(), null);
}

/** Used by the tests to find what they edit: a district by code, a small area by district code and code. */
export function findEntities(db: Db) {
  const snapshot = getEditSnapshot(db);
  const district = (code: string): DistrictEntity => snapshot.districts.find((d) => d.code === code)!;
  const smallArea = (districtCode: string, code: string): SmallAreaEntity =>
    snapshot.smallAreas.find((a) => a.code === code && a.districtId === district(districtCode).id)!;
  return { snapshot, district, smallArea };
}

/** Used by db tests: runs `fn`, expects it to throw `WriteRefused`, and returns the refusal to inspect. */
export function expectRefusal(fn: () => unknown): WriteRefused {
  try {
    fn();
  } catch (error) {
    if (error instanceof WriteRefused) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/**
 * Used by the command-line tests (`tessera import`, `export`, `print`): a temporary folder with a database file
 * seeded with the small edit township (`extra` adds to it), removed after the file's tests; console spies are
 * restored after each test. Returns the folder and the database path the commands are given.
 */
export function setUpCommandDatabase(name: string, extra?: (db: Db) => void): { dir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), `tessera-${name}-`));
  const dbPath = join(dir, `${name}.db`);
  beforeAll(() => {
    const db = openDatabase(dbPath);
    seedEditTownship(db);
    extra?.(db);
    db.$client.close();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, dbPath };
}

/**
 * Used by route tests: points the app's database (`getDb`, through TESSERA_DB) at a fresh file seeded with
 * the small edit township for the tests of one file, and puts everything back afterwards.
 */
export function setUpEditTownshipDatabase(name: string): void {
  const folder = mkdtempSync(join(tmpdir(), `tessera-${name}-`));
  const previous = process.env.TESSERA_DB;
  beforeAll(() => {
    process.env.TESSERA_DB = join(folder, `${name}.db`);
    seedEditTownship(getDb());
  });
  afterAll(() => {
    getDb().$client.close();
    if (previous === undefined) delete process.env.TESSERA_DB;
    else process.env.TESSERA_DB = previous;
    rmSync(folder, { recursive: true, force: true });
  });
}
