import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "./client";
import { E, N, rect, seedEditTownship, W } from "./edit-test-fixture";
import { exportData, findExportScope, type ExportScope } from "./export-queries";
import { insertReferenceRow } from "./export-test-fixture";

let db: Db;
let township: ExportScope;
beforeAll(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
  township = findExportScope(db, { township: "440101001" })!;
  insertReferenceRow(db, { kind: "road", subkind: "主路", name: "环村路", widthM: 8, geometry: { type: "LineString", coordinates: rect(0, 0, 300, 10).coordinates[0].slice(0, 2) } });
  insertReferenceRow(db, { kind: "landmark", subkind: "school", name: "北村小学", widthM: null, geometry: { type: "Point", coordinates: rect(700, 700, 701, 701).coordinates[0][0] } });
});
const all: ExportScope = { type: "all" };
const props = (data: ReturnType<typeof exportData>) => data.features.map((f) => f.properties);
const everywhere = () => true;

describe("findExportScope", () => {
  it("finds a district or township by code, or says there is none", () => {
    expect(findExportScope(db, {})).toEqual({ type: "all" });
    expect(findExportScope(db, { district: W })).toMatchObject({ type: "district", code: W });
    expect(township).toMatchObject({ type: "township", code: "440101001" });
    expect(findExportScope(db, { district: "440101001099" })).toBeNull();
    expect(findExportScope(db, { township: "440101002" })).toBeNull();
  });
});

describe("exportData", () => {
  it("districts: codes, names, township, kind, small-area count and totals", () => {
    const data = exportData(db, "districts", township, everywhere);
    expect(props(data)).toEqual([
      { code: W, name_zh: "西村", name_en: "West", township: "440101001", kind: "village", areas: 2, households: 4, persons: 12 },
      { code: E, name_zh: "东村", name_en: "East", township: "440101001", kind: "village", areas: 1, households: 1, persons: 3 },
      { code: N, name_zh: "北村", name_en: "North", township: "440101001", kind: "village", areas: 0, households: 0, persons: 0 },
    ]);
    expect(data.features[0].geometry?.type).toBe("Polygon");
    expect(data.fields.map((f) => f.name)).toEqual(Object.keys(props(data)[0]!));
    expect(data.unitValues).toBe(false);
  });

  it("small areas of one district: code, full code, state, totals, buildings", () => {
    const data = exportData(db, "small-areas", findExportScope(db, { district: W })!, everywhere);
    expect(props(data)).toEqual([
      { code: "001", full_code: `${W}001`, name: null, district: W, virtual: 0, state: "draft", households: 2, persons: 6, buildings: 2 },
      { code: "002", full_code: `${W}002`, name: null, district: W, virtual: 0, state: "draft", households: 2, persons: 6, buildings: 2 },
    ]);
  });

  it("buildings carry unit counts only when every one may show them", () => {
    const open = exportData(db, "buildings", all, everywhere);
    expect(open.features).toHaveLength(6);
    expect(open.fields.map((f) => f.name)).toEqual(["number", "use", "name", "floors", "district", "small_area", "units", "households", "persons"]);
    expect(props(open)[0]).toMatchObject({ number: 1, use: "residential", floors: 2, district: W, small_area: `${W}001`, units: 1, households: 1, persons: 3 });
    expect(open.unitValues).toBe(true);
    const westId = findExportScope(db, { district: W })!;
    const closed = exportData(db, "buildings", all, (districtId) => westId.type === "district" && districtId === westId.id);
    expect(closed.fields.map((f) => f.name)).toEqual(["number", "use", "name", "floors", "district", "small_area"]);
    expect(Object.keys(props(closed)[0]!)).not.toContain("households");
    expect(closed.unitValues).toBe(false);
  });

  it("housing units: a table at the building's point, refused unless every unit may be read", () => {
    const data = exportData(db, "housing-units", township, everywhere);
    expect(data.features).toHaveLength(6);
    expect(data.features[0]).toMatchObject({ geometry: { type: "Point" }, properties: { unit: "101", floor: 1, entrance: "1", status: "occupied", households: 1, persons: 3, building: 1, small_area: `${W}001`, district: W } });
    expect(data.unitValues).toBe(true);
    expect(exportData(db, "housing-units", township, () => false)).toMatchObject({ refused: true, features: [], unitValues: false });
  });

  it("reference features: kind, subkind, name, width, found by the scope's extent", () => {
    expect(props(exportData(db, "reference", all, everywhere))).toEqual([
      { kind: "road", subkind: "主路", name: "环村路", width_m: 8 },
      { kind: "landmark", subkind: "school", name: "北村小学", width_m: null },
    ]);
    expect(props(exportData(db, "reference", findExportScope(db, { district: W })!, everywhere)).map((p) => p!.name)).toEqual(["环村路"]);
  });
});
