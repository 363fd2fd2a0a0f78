import { beforeEach, describe, expect, it } from "vitest";
import type { Bbox } from "@/lib/geo/bbox";
import { parseBuildingImport } from "@/lib/io/building-import";
import { openDatabase, type Db } from "./client";
import { reassignBuildings } from "./edit-derive";
import { E, findEntities, N, seedEditTownship, W } from "./edit-test-fixture";
import { getTownshipBboxes, importBuildings, ImportRefused } from "./import-buildings";
import { getSmallAreaDetail } from "./queries";
import { tinyAt } from "./seed/tiny-township-fixture";

let db: Db;
beforeEach(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
});

const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
const state = () => ({
  buildings: count("SELECT count(*) FROM buildings"),
  rtree: count("SELECT count(*) FROM buildings_rtree"),
  units: count("SELECT count(*) FROM housing_units"),
  log: count("SELECT count(*) FROM change_log"),
  trigger: count("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'buildings_rtree_insert'"),
});
const totals = (districtCode: string, code: string) => {
  const d = getSmallAreaDetail(db, findEntities(db).smallArea(districtCode, code).id)!;
  return { buildings: d.buildings, housingUnits: d.housingUnits, households: d.households, persons: d.persons };
};
const at = (e: number, n: number) => tinyAt(e, n).join(",");

/** A CSV of buildings at (east, north) metres in the edit township. */
function csv(...lines: string[]) {
  const bytes = new TextEncoder().encode(["经度,纬度,用途,单元数,户数,人数", ...lines].join("\n"));
  return parseBuildingImport(bytes, { townships: getTownshipBboxes(db) });
}

describe("importBuildings", () => {
  it("writes buildings and their units in one go, derives district and small area, and logs one summary row", () => {
    const before = { w1: totals(W, "001"), w2: totals(W, "002"), e1: totals(E, "001") };
    const parsed = csv(`${at(100, 50)},住宅,3,7,20`, `${at(300, 50)},商住,,2,5`, `${at(500, 100)},学校,0,0,0`, `${at(700, 700)},住宅,1,1,2`, `${at(900, 900)},住宅,1,1,1`);
    expect(parsed.badRows).toBe(0);
    expect(parsed.warnings).toEqual([{ line: 6, field: "coordinates", rule: "outside_townships" }]);
    const progress: Array<[number, number]> = [];
    const result = importBuildings(db, parsed, { onProgress: (done, total) => progress.push([done, total]), progressEvery: 2 });
    expect(result).toEqual({ inserted: 5, skipped: 0, units: 6, changeId: expect.any(String) });
    expect(progress).toEqual([[2, 5], [4, 5], [5, 5]]);
    expect(totals(W, "001")).toEqual({ buildings: before.w1.buildings + 1, housingUnits: before.w1.housingUnits + 3, households: before.w1.households + 7, persons: before.w1.persons + 20 });
    expect(totals(W, "002")).toEqual({ buildings: before.w2.buildings + 1, housingUnits: before.w2.housingUnits + 1, households: before.w2.households + 2, persons: before.w2.persons + 5 });
    expect(totals(E, "001")).toMatchObject({ buildings: before.e1.buildings + 1, households: before.e1.households });
    const { district } = findEntities(db);
    const placed = db.$client.prepare("SELECT district_id, small_area_id, number, version FROM buildings WHERE id > 6 ORDER BY id").all();
    expect(placed.slice(3)).toEqual([
      { district_id: district(N).id, small_area_id: null, number: null, version: 1 },
      { district_id: null, small_area_id: null, number: null, version: 1 },
    ]);
    expect(db.$client.prepare("SELECT unit_number, status, households, persons FROM housing_units WHERE building_id = 7 ORDER BY id").all()).toEqual([
      { unit_number: "1", status: "occupied", households: 3, persons: 7 },
      { unit_number: "2", status: "occupied", households: 2, persons: 7 },
      { unit_number: "3", status: "occupied", households: 2, persons: 6 },
    ]);
    const log = db.$client.prepare("SELECT change_id, label, entity_type, entity_id, op, after FROM change_log").all() as Array<{ after: string }>;
    expect(log).toEqual([{ change_id: result.changeId, label: "import_buildings", entity_type: "import", entity_id: 7, op: "put", after: expect.any(String) }]);
    expect(JSON.parse(log[0].after)).toEqual({ layer: "buildings", buildings: 5, housingUnits: 6, skipped: 0, firstBuildingId: 7, lastBuildingId: 11, format: "csv", encoding: "utf-8" });
    expect(state()).toMatchObject({ buildings: 11, rtree: 11, trigger: 1 });
    // placed by the edit write's rule: re-deriving the whole township changes nothing
    expect(reassignBuildings(db, [[...tinyAt(-100, -100), ...tinyAt(1000, 1000)] as Bbox])).toBe(0);
  });

  it("imports nothing from a file with bad rows unless asked to skip them; then the good rows all go in", () => {
    const before = state();
    const parsed = csv(`${at(100, 50)},住宅,2,2,5`, `${at(110, 50)},castle,1,1,1`, `${at(120, 50)},住宅,1,1.5,1`, `${at(130, 50)},办公,,,`);
    expect(parsed).toMatchObject({ badRows: 2, rows: [{}, {}] });
    expect(() => importBuildings(db, parsed)).toThrow(ImportRefused);
    expect(state()).toEqual(before);
    expect(importBuildings(db, parsed, { skipBad: true })).toMatchObject({ inserted: 2, skipped: 2, units: 2 });
    expect(state()).toEqual({ ...before, buildings: before.buildings + 2, rtree: before.rtree + 2, units: before.units + 2, log: before.log + 1 });
  });

  it("rolls everything back when the write fails part-way", () => {
    const before = state();
    db.$client.exec("CREATE TEMP TRIGGER fail_third_unit BEFORE INSERT ON housing_units WHEN NEW.unit_number = '3' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const parsed = csv(`${at(100, 50)},住宅,2,2,5`, `${at(120, 50)},住宅,4,4,9`);
    expect(() => importBuildings(db, parsed)).toThrow(/disk full/);
    expect(state()).toEqual(before);
    db.$client.exec("DROP TRIGGER fail_third_unit");
    expect(importBuildings(db, parsed).inserted).toBe(2);
  });

  it("places a footprint by its centroid and leaves the buildings already there where they were", () => {
    const existing = () => db.$client.prepare("SELECT id, district_id, small_area_id FROM buildings WHERE id <= 6 ORDER BY id").all();
    const kept = existing();
    const square = [[190, 190], [210, 190], [210, 230], [190, 230], [190, 190]].map(([e, n]) => tinyAt(e + 20, n));
    const geojson = { type: "FeatureCollection", features: [{ type: "Feature", properties: { households: 3 }, geometry: { type: "Polygon", coordinates: [square] } }] };
    const parsed = parseBuildingImport(new TextEncoder().encode(JSON.stringify(geojson)), { townships: getTownshipBboxes(db) });
    const before = totals(W, "002");
    expect(importBuildings(db, parsed)).toMatchObject({ inserted: 1, units: 1 });
    expect(totals(W, "002")).toEqual({ buildings: before.buildings + 1, housingUnits: before.housingUnits + 1, households: before.households + 3, persons: before.persons });
    expect(existing()).toEqual(kept);
  });

  it("writes nothing and logs nothing when there is no good row", () => {
    const before = state();
    const parsed = csv(`${at(100, 50)},castle,1,1,1`);
    expect(importBuildings(db, parsed, { skipBad: true })).toEqual({ inserted: 0, skipped: 1, units: 0, changeId: null });
    expect(state()).toEqual(before);
  });

  it("knows the township bboxes", () => {
    const [box] = getTownshipBboxes(db);
    expect(box[0]).toBeCloseTo(tinyAt(0, 0)[0], 9);
    expect(box[3]).toBeCloseTo(tinyAt(800, 800)[1], 9);
  });
});
