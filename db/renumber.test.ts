import { beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "./client";
import { E, findEntities, seedEditTownship, W, expectRefusal } from "./edit-test-fixture";
import { applyRenumber, previewRenumber } from "./renumber";
import { seedDemo } from "./seed";
import { generateDemoTownship } from "./seed/generate-township";

let db: Db;

beforeEach(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
});

const refusal = expectRefusal;

/** Swaps the codes of W's two small areas behind the rule's back (west gets 002, east 001). */
function swapWestCodes(): { west: number; east: number } {
  const { smallArea } = findEntities(db);
  const [west, east] = [smallArea(W, "001").id, smallArea(W, "002").id];
  const set = db.$client.prepare("UPDATE small_areas SET code = ? WHERE id = ?");
  set.run("#", west);
  set.run("001", east);
  set.run("002", west);
  return { west, east };
}

const rows = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as Array<Record<string, unknown>>;
const buildingsOf = (smallAreaId: number) => rows("SELECT id, number, version FROM buildings WHERE small_area_id = ? ORDER BY id", smallAreaId);

describe("renumbering a district (in-memory SQLite, real migrations)", () => {
  it("previews old → new codes and numbers: only what changes, small areas by the rule, buildings within each", () => {
    const { west, east } = swapWestCodes();
    const preview = previewRenumber(db, W);
    expect(preview.districtCode).toBe(W);
    expect(preview.smallAreas).toEqual([{ id: west, oldCode: "002", newCode: "001" }, { id: east, oldCode: "001", newCode: "002" }]);
    // in the west half, the building at 300 m north is nearer the north-west corner's side of the sweep than the one at 100 m
    const [w100, w190] = buildingsOf(west).map((b) => b.id as number);
    const [w250, w300] = buildingsOf(east).map((b) => b.id as number);
    expect(preview.buildings).toEqual([
      { id: w190, smallAreaCode: "001", oldNumber: 2, newNumber: 1 },
      { id: w100, smallAreaCode: "001", oldNumber: 1, newNumber: 2 },
      { id: w300, smallAreaCode: "002", oldNumber: 2, newNumber: 1 },
      { id: w250, smallAreaCode: "002", oldNumber: 1, newNumber: 2 },
    ]);
    expect(previewRenumber(db, E)).toEqual({ districtCode: E, smallAreas: [], buildings: [] });
  });

  it("applies the preview in one transaction: ids kept, versions bumped, one change id in the log, nothing left to do", () => {
    const { west, east } = swapWestCodes();
    const unitsBefore = rows("SELECT id, building_id FROM housing_units ORDER BY id");
    const versions = rows("SELECT id, version FROM small_areas WHERE id IN (?, ?) ORDER BY id", west, east);
    const preview = previewRenumber(db, W);
    const applied = applyRenumber(db, W, 7, preview);
    expect(applied).toMatchObject({ ...preview, changeId: expect.any(String) });

    expect(rows("SELECT id, code, version FROM small_areas WHERE id IN (?, ?) ORDER BY id", west, east)).toEqual(
      versions.map((v) => ({ id: v.id, code: v.id === west ? "001" : "002", version: (v.version as number) + 1 })),
    );
    expect(buildingsOf(west).map((b) => [b.number, b.version])).toEqual([[2, 2], [1, 2]]);
    expect(rows("SELECT id, building_id FROM housing_units ORDER BY id")).toEqual(unitsBefore);

    const log = rows("SELECT change_id, user_id, label, entity_type, entity_id, op, base_version, before, after FROM change_log ORDER BY id");
    expect(log).toHaveLength(6);
    expect(new Set(log.map((r) => r.change_id))).toEqual(new Set([applied.changeId]));
    expect(log.every((r) => r.label === "renumber" && r.op === "put" && r.user_id === 7)).toBe(true);
    expect(log.map((r) => r.entity_type)).toEqual(["small_area", "small_area", "building", "building", "building", "building"]);
    expect(JSON.parse(log[0].after as string)).toMatchObject({ id: west, code: "001", version: (versions[0].version as number) + 1 });
    expect(JSON.parse(log[2].before as string)).toEqual({ number: 2, version: 1 });

    expect(previewRenumber(db, W)).toEqual({ districtCode: W, smallAreas: [], buildings: [] });
    expect(applyRenumber(db, W, 7).changeId).toBeNull();
    expect(rows("SELECT count(*) AS n FROM change_log")[0].n).toBe(6);
  });

  it("refuses a preview the user saw when the numbers have moved on since (409 with the current preview), writing nothing", () => {
    const seen = previewRenumber(db, W);
    swapWestCodes();
    const before = rows("SELECT id, code, version FROM small_areas ORDER BY id");
    const error = refusal(() => applyRenumber(db, W, null, seen));
    expect([error.status, error.reason]).toEqual([409, "stale_version"]);
    expect(error.current).toEqual(previewRenumber(db, W));
    expect(rows("SELECT id, code, version FROM small_areas ORDER BY id")).toEqual(before);
    expect(rows("SELECT count(*) AS n FROM change_log")[0].n).toBe(0);
  });

  it("accepts the same preview listed in another order, and refuses unknown districts and forbidden records", () => {
    swapWestCodes();
    const preview = previewRenumber(db, W);
    const shuffled = { smallAreas: [...preview.smallAreas].reverse(), buildings: [...preview.buildings].reverse() };
    expect(refusal(() => applyRenumber(db, "440101001999", null)).status).toBe(404);
    const forbidden = refusal(() => applyRenumber(db, W, null, shuffled, { canEdit: (e) => e.type === "district" }));
    expect([forbidden.status, forbidden.reason]).toEqual([403, "forbidden"]);
    expect(rows("SELECT count(*) AS n FROM change_log")[0].n).toBe(0);
    expect(applyRenumber(db, W, null, shuffled).smallAreas).toHaveLength(2);
  });

  it("keeps a virtual small area's code and numbers its buildings in it", () => {
    const district = findEntities(db).district(W);
    db.$client.prepare("INSERT INTO small_areas (district_id, code, is_virtual) VALUES (?, '901', 1)").run(district.id);
    const virtual = (rows("SELECT id FROM small_areas WHERE code = '901'")[0].id) as number;
    db.$client.prepare("UPDATE buildings SET small_area_id = ?, number = NULL WHERE id IN (SELECT id FROM buildings WHERE district_id = ? ORDER BY id LIMIT 1)").run(virtual, district.id);
    const preview = previewRenumber(db, W);
    expect(preview.smallAreas).toEqual([]);
    expect(preview.buildings.find((b) => b.smallAreaCode === "901")).toMatchObject({ oldNumber: null, newNumber: 1 });
  });
});

describe("renumbering the demo township", () => {
  it("changes nothing: the seed numbers by the same rule", async () => {
    const demo = openDatabase(":memory:");
    await seedDemo(demo, ":memory:");
    for (const d of generateDemoTownship(1).districts) expect(previewRenumber(demo, d.code)).toEqual({ districtCode: d.code, smallAreas: [], buildings: [] });
  }, 30_000);
});
