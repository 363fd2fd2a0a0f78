import { beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "./client";
import { insertBuildings, type NewBuilding } from "./insert-buildings";

let db: Db;
beforeEach(() => {
  db = openDatabase(":memory:");
});

const count = (table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const hasTrigger = () => !!db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'buildings_rtree_insert'").get();

const building = (lon: number, lat: number, extra: Partial<NewBuilding> = {}): NewBuilding => ({
  districtId: null,
  smallAreaId: null,
  number: null,
  use: "residential",
  geometry: { type: "Polygon", coordinates: [[[lon, lat], [lon + 0.0001, lat], [lon + 0.0001, lat + 0.0001], [lon, lat + 0.0001], [lon, lat]]] },
  ...extra,
});

describe("insertBuildings", () => {
  it("writes every row with its bbox, indexes them in the R*Tree and keeps the trigger for later writes", () => {
    const progress: number[] = [];
    const rows = Array.from({ length: 25 }, (_, k) => building(120 + k * 0.001, 30, { number: k + 1 }));
    rows.push({ ...building(0, 0), geometry: { type: "Point", coordinates: [121, 31] }, use: "school", name: "中心小学", nameEn: "Central School" });
    const result = insertBuildings(db, rows, { onProgress: (n) => progress.push(n), progressEvery: 10 });
    expect(result).toEqual({ inserted: 26, firstId: 1 });
    expect(progress).toEqual([10, 20, 26]);
    expect(count("buildings_rtree")).toBe(26);
    const school = db.$client.prepare("SELECT r.min_lon, r.max_lat, b.name FROM buildings b JOIN buildings_rtree r ON r.id = b.id WHERE b.use = 'school'").get();
    expect(school).toEqual({ min_lon: expect.closeTo(121, 5), max_lat: expect.closeTo(31, 5), name: "中心小学" });
    expect(hasTrigger()).toBe(true);
    db.$client.prepare("INSERT INTO buildings (use, geometry, min_lon, min_lat, max_lon, max_lat) VALUES ('shop', '{}', 1, 1, 1, 1)").run();
    expect(count("buildings_rtree")).toBe(27);
  });

  it("writes nothing when a row is bad, and names the row", () => {
    insertBuildings(db, [building(120, 30)]);
    const bad = [building(120, 30), { ...building(120, 30), geometry: { type: "Point" as const, coordinates: [120, Number.NaN] } }];
    expect(() => insertBuildings(db, bad)).toThrowError("rows[1].geometry");
    expect(() => insertBuildings(db, [building(120, 30), building(120, 30, { smallAreaId: 999 })])).toThrowError(/FOREIGN KEY/);
    expect(count("buildings")).toBe(1);
    expect(count("buildings_rtree")).toBe(1);
    expect(hasTrigger()).toBe(true);
  });

  it("accepts an empty list", () => {
    expect(insertBuildings(db, [])).toEqual({ inserted: 0, firstId: null });
    expect(hasTrigger()).toBe(true);
  });
});
