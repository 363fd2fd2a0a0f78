import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_COVERAGE_SETTINGS } from "@/lib/coverage/settings";
import { openDatabase, type Db } from "./client";
import { getCoverageInput, getCoverageSettings } from "./coverage-queries";
import { seedDemo } from "./seed";
import { generateDemoTownship } from "./seed/generate-township";

let db: Db;
const town = generateDemoTownship(1);
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

beforeAll(async () => {
  db = openDatabase(":memory:");
  await seedDemo(db, ":memory:");
});

describe("coverage input from the database (in-memory SQLite, real migrations)", () => {
  it("reads the whole township: outline, districts, small areas, buildings with unit totals", () => {
    const input = getCoverageInput(db)!;
    expect(input.container).toEqual(town.township.geometry);
    expect(input.districts.map((d) => d.code)).toEqual(town.districts.map((d) => d.code).sort());
    expect(input.districts[0].geometry.type).toBe("Polygon");
    expect(input.smallAreas).toHaveLength(town.smallAreas.length);
    const first = town.smallAreas[0];
    expect(input.smallAreas.find((a) => a.district === first.districtCode && a.code === first.code)).toEqual({
      code: first.code,
      district: first.districtCode,
      isVirtual: false,
      geometry: first.geometry,
    });
    const buildings = input.buildings!;
    expect(buildings).toHaveLength(town.buildings.length);
    expect(sum(buildings.map((b) => b.households))).toBe(sum(town.buildings.flatMap((b) => b.units.map((u) => u.households))));
    expect(sum(buildings.map((b) => b.persons))).toBe(sum(town.buildings.flatMap((b) => b.units.map((u) => u.persons))));
    // assignedTo is the full code of the building's small area, or null where none is drawn yet
    expect(buildings.map((b) => b.assignedTo ?? null).sort()).toEqual(town.buildings.map((b) => b.smallAreaFullCode).sort());
    // buildings are named as people name them: number within the small area, else the record id
    const numbered = town.buildings.filter((b) => b.smallAreaFullCode && b.number !== null).map((b) => `${b.smallAreaFullCode!.slice(-3)}-${b.number}`);
    expect(buildings.filter((b) => !String(b.id).startsWith("#")).map((b) => String(b.id)).sort()).toEqual(numbered.sort());
  });

  it("reads one district without the township outline; null for an unknown district", () => {
    const district = town.districts.find((d) => d.hasSmallAreas)!;
    const input = getCoverageInput(db, { districtCode: district.code })!;
    expect(input.container).toBeNull();
    expect(input.districts).toEqual([{ code: district.code, geometry: district.geometry }]);
    expect(input.smallAreas.map((a) => a.code)).toEqual(town.smallAreas.filter((a) => a.districtCode === district.code).map((a) => a.code).sort());
    expect(input.buildings).toHaveLength(town.buildings.filter((b) => b.districtCode === district.code).length);
    expect(getCoverageInput(db, { districtCode: "999999999999" })).toBeNull();
  });

  it("takes tolerances and the size band from the census row", () => {
    expect(getCoverageSettings(db)).toEqual({ ...DEFAULT_COVERAGE_SETTINGS, minDefectAreaM2: 1, sliverWidthM: 2, minHouseholds: 50, maxHouseholds: 120, minPersons: 150, maxPersons: 380 });
    db.$client.prepare("UPDATE censuses SET min_defect_area_m2 = 5, max_households = 100").run();
    try {
      expect(getCoverageSettings(db)).toMatchObject({ minDefectAreaM2: 5, maxHouseholds: 100, sliverAreaM2: DEFAULT_COVERAGE_SETTINGS.sliverAreaM2 });
    } finally {
      db.$client.prepare("UPDATE censuses SET min_defect_area_m2 = 1, max_households = 120").run();
    }
  });
});
