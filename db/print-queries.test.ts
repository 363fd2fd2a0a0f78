import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "./client";
import { E, N, W, rect, seedEditTownship } from "./edit-test-fixture";
import { loadDistrictSheet, loadSmallAreaSheet, smallAreasOf } from "./print-queries";
import { tinyAt } from "./seed/tiny-township-fixture";

let db: Db;
const id = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).pluck().get(...params) as number;
const area = (district: string, code: string) => id("SELECT sa.id FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? AND sa.code = ?", district, code);
const districtId = (code: string) => id("SELECT id FROM districts WHERE code = ?", code);

beforeAll(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
  const c = db.$client;
  // a virtual area in W holding one unit of the building at (250, 100), which stands in W-002
  c.prepare("INSERT INTO small_areas (district_id, code, name, is_virtual, status) VALUES (?, '901', '集体户', 1, 'confirmed')").run(districtId(W));
  const w250 = id("SELECT id FROM buildings WHERE small_area_id = ? AND number = 1", area(W, "002"));
  c.prepare("INSERT INTO housing_units (building_id, small_area_id, unit_number, households, persons) VALUES (?, ?, '201', 4, 9)").run(w250, area(W, "901"));
  c.prepare("UPDATE buildings SET use = 'school', name = '小学', name_en = 'Primary School' WHERE id = ?").run(w250);
  const user = (name: string, role: string) => Number(c.prepare("INSERT INTO users (username, display_name, role) VALUES (?, ?, ?)").run(name, name.toUpperCase(), role).lastInsertRowid);
  const assign = (userId: number, role: string, districtId: number | null, smallAreaId: number | null) =>
    c.prepare("INSERT INTO assignments (user_id, role, district_id, small_area_id) VALUES (?, ?, ?, ?)").run(userId, role, districtId, smallAreaId);
  assign(user("wang", "guide"), "guide", districtId(W), null);
  assign(user("li", "guide"), "guide", districtId(W), null);
  assign(user("zhao", "guide"), "guide", districtId(E), null);
  assign(user("chen", "enumerator"), "enumerator", null, area(W, "001"));
  const road = { type: "LineString", coordinates: [tinyAt(-50, 150), tinyAt(850, 150)] };
  const [minLon, minLat, maxLon, maxLat] = [...tinyAt(-50, 150), ...tinyAt(850, 150)];
  c.prepare("INSERT INTO reference_features (kind, subkind, name, name_en, width_m, geometry, min_lon, min_lat, max_lon, max_lat) VALUES ('road', 'main_road', '主路', 'Main Road', 12, ?, ?, ?, ?, ?)")
    .run(JSON.stringify(road), minLon, minLat, maxLon, maxLat);
});

describe("loadSmallAreaSheet", () => {
  it("names the place in the sheet's language and lists the area's buildings with their counts", () => {
    const sheet = loadSmallAreaSheet(db, area(W, "002"), "zh")!;
    expect(sheet.place).toEqual({
      censusName: "第八次全国人口普查（示范）",
      county: { code: "440101", name: "示范县" },
      township: { code: "440101001", name: "小镇" },
      district: { code: W, name: "西村" },
    });
    expect(sheet.area).toMatchObject({ code: "002", fullCode: `${W}002`, districtCode: W, isVirtual: false, state: "draft", households: 2, persons: 6 });
    expect(sheet.area.geometry).toEqual(rect(200, 0, 400, 400));
    // the unit assigned to the virtual area does not count here
    expect(sheet.buildings.map((b) => [b.number, b.use, b.name, b.housingUnits, b.households, b.persons])).toEqual([
      [1, "school", "小学", 1, 1, 3],
      [2, "residential", null, 1, 1, 3],
    ]);
    expect(sheet.guides).toEqual(["LI", "WANG"]);
    expect(sheet.enumerators).toEqual([]);
    expect(sheet.districtGeometry).toEqual(rect(0, 0, 400, 400));
    expect(sheet.references.map((r) => [r.kind, r.name, r.widthM])).toEqual([["road", "主路", 12]]);
  });

  it("finds the neighbours in any district and the other buildings around, not the area's own", () => {
    const sheet = loadSmallAreaSheet(db, area(W, "001"), "en")!;
    expect(sheet.place.district.name).toBe("West");
    expect(sheet.place.township.name).toBe("Tiny Town");
    expect(sheet.enumerators).toEqual(["CHEN"]);
    expect(sheet.neighbours.map((n) => n.fullCode)).toEqual([`${W}002`, `${E}001`]);
    expect(sheet.neighbours[0]).toMatchObject({ households: 2, persons: 6, state: "draft" });
    expect(sheet.buildings.map((b) => b.number)).toEqual([1, 2]);
    // W-002's two buildings; not E's (600 m east) nor N's (700 m north): outside the surroundings
    expect(sheet.otherBuildings).toHaveLength(2);
    expect(sheet.references[0].name).toBe("Main Road");
  });

  it("gives a virtual area the buildings whose units are assigned to it, counting those units", () => {
    const sheet = loadSmallAreaSheet(db, area(W, "901"), "en")!;
    expect(sheet.area).toMatchObject({ code: "901", name: "集体户", isVirtual: true, geometry: null, state: "confirmed", households: 4, persons: 9 });
    expect(sheet.buildings.map((b) => [b.number, b.name, b.housingUnits, b.households, b.persons])).toEqual([[1, "Primary School", 1, 4, 9]]);
    expect(sheet.neighbours.map((n) => n.fullCode)).toContain(`${W}002`);
  });

  it("is null for a small area that does not exist", () => {
    expect(loadSmallAreaSheet(db, 9999, "zh")).toBeNull();
  });
});

describe("loadDistrictSheet", () => {
  it("lists every small area with totals, the districts around and the buildings", () => {
    const sheet = loadDistrictSheet(db, districtId(W), "zh")!;
    expect(sheet.place.district).toEqual({ code: W, name: "西村" });
    expect(sheet.guides).toEqual(["LI", "WANG"]);
    expect(sheet.areas.map((a) => [a.code, a.isVirtual, a.households, a.persons])).toEqual([["001", false, 2, 6], ["002", false, 2, 6], ["901", true, 4, 9]]);
    expect(sheet.neighbourDistricts.map((d) => [d.code, d.name])).toEqual([[E, "东村"]]);
    expect(sheet.buildings).toHaveLength(4);
    expect(sheet.references).toHaveLength(1);
    expect(loadDistrictSheet(db, 9999, "zh")).toBeNull();
  });
});

describe("smallAreasOf", () => {
  it("orders the small areas of a township or district by district code, then code", () => {
    const township = id("SELECT id FROM admin_units WHERE level = 'township'");
    expect(smallAreasOf(db, { type: "township", id: township })).toEqual([area(W, "001"), area(W, "002"), area(W, "901"), area(E, "001")]);
    expect(smallAreasOf(db, { type: "district", id: districtId(E) })).toEqual([area(E, "001")]);
    expect(smallAreasOf(db, { type: "district", id: districtId(N) })).toEqual([]);
  });
});
