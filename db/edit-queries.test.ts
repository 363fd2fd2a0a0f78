import { beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "./client";
import { getEditSnapshot, loadEditEntities } from "./edit-queries";
import { E, N, seedEditTownship, W } from "./edit-test-fixture";
import { tinyAt } from "./seed/tiny-township-fixture";

let db: Db;

beforeEach(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
});

describe("getEditSnapshot", () => {
  it("loads everything, or the view and every area that can share a boundary with it", () => {
    const all = getEditSnapshot(db);
    expect(all.districts.map((d) => d.code)).toEqual([W, E, N]);
    expect(all.smallAreas).toHaveLength(3);
    const [w, s] = tinyAt(50, 50);
    const [e, n] = tinyAt(60, 60);
    const view = getEditSnapshot(db, [w, s, e, n]);
    expect(view.districts.map((d) => d.code)).toEqual([W, E]);
    expect(view.smallAreas.map((a) => a.code)).toEqual(["001", "002", "001"]);
    const [fw, fs] = tinyAt(2000, 2000);
    expect(getEditSnapshot(db, [fw, fs, fw + 0.001, fs + 0.001])).toEqual({ districts: [], smallAreas: [] });
  });

  it("loads entities by type and id, leaving out those that do not exist", () => {
    const loaded = loadEditEntities(db, [{ type: "district", id: 1 }, { type: "small_area", id: 2 }, { type: "small_area", id: 99 }]);
    expect(loaded.districts.map((d) => [d.id, d.code, d.version])).toEqual([[1, W, 1]]);
    expect(loaded.smallAreas.map((a) => [a.id, a.code, a.districtId, a.isVirtual])).toEqual([[2, "002", 1, false]]);
  });
});
