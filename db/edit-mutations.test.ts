import { beforeEach, describe, expect, it } from "vitest";
import type { AreaEntity, Change, EditableEntity, Put, SmallAreaEntity } from "@/lib/edits/types";
import { openDatabase, type Db } from "./client";
import { writeChange, type WriteChangeOptions } from "./edit-mutations";
import { BUILDINGS, E, findEntities, N, rect, seedEditTownship, W, expectRefusal } from "./edit-test-fixture";
import { tinyAt } from "./seed/tiny-township-fixture";

let db: Db;

beforeEach(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
});

const update = (entity: EditableEntity, fields: Partial<EditableEntity>): Put => ({ entity: { ...entity, ...fields } as EditableEntity, baseVersion: entity.version });
const change = (label: Change["label"], puts: Put[], deletes: Change["deletes"] = []): Change => ({ label, puts, deletes });

const refusal = expectRefusal;

/** Everything an edit may change, without versions and timestamps. */
function contents(d: Db) {
  const c = d.$client;
  return {
    districts: c.prepare("SELECT id, code, geometry, min_lon, max_lon FROM districts ORDER BY id").all(),
    smallAreas: c.prepare("SELECT id, district_id, code, name, is_virtual, geometry, status, notes, min_lon, min_lat, max_lon, max_lat FROM small_areas ORDER BY id").all(),
    rtree: c.prepare("SELECT * FROM small_areas_rtree ORDER BY id").all(),
    buildings: c.prepare("SELECT id, district_id, small_area_id FROM buildings ORDER BY id").all(),
  };
}

const logRows = () => db.$client.prepare("SELECT entity_type, entity_id, op, base_version, change_id, label, before, after FROM change_log ORDER BY id").all() as Array<Record<string, unknown>>;
const buildingArea = (at: readonly [number, number]) => {
  const [lon, lat] = tinyAt(at[0], at[1]);
  const row = db.$client.prepare("SELECT small_area_id, district_id FROM buildings WHERE min_lon < ? AND max_lon > ? AND min_lat < ? AND max_lat > ?").get(lon, lon, lat, lat) as { small_area_id: number | null; district_id: number | null };
  return row;
};

/** Moves the shared edge of W's small areas from 200 m to `east` m. */
function moveSharedEdge(east: number): Change {
  const { smallArea } = findEntities(db);
  return change("move_vertex", [update(smallArea(W, "001"), { geometry: rect(0, 0, east, 400) }), update(smallArea(W, "002"), { geometry: rect(east, 0, 400, 400) })]);
}

describe("writeChange (in-memory SQLite, real migrations)", () => {
  it("updates geometry: versions bump, one log row per entity, bbox and R*Tree follow, buildings re-assigned", () => {
    const { smallArea } = findEntities(db);
    const [a1, a2] = [smallArea(W, "001"), smallArea(W, "002")];
    expect(buildingArea(BUILDINGS.w190).small_area_id).toBe(a1.id);

    const result = writeChange(db, moveSharedEdge(180), null);

    expect(result.entities.map((e) => [e.id, e.version])).toEqual([[a1.id, 2], [a2.id, 2]]);
    expect((result.entities[0] as AreaEntity).geometry).toEqual(rect(0, 0, 180, 400));
    expect(buildingArea(BUILDINGS.w190).small_area_id).toBe(a2.id);
    expect(buildingArea(BUILDINGS.w100).small_area_id).toBe(a1.id);
    const [west] = tinyAt(180, 0);
    const box = db.$client.prepare("SELECT max_lon FROM small_areas WHERE id = ?").get(a1.id) as { max_lon: number };
    expect(box.max_lon).toBe(west);
    // the R*Tree follows: the point 190 m east is now only in the bbox of 002
    const [lon, lat] = tinyAt(190, 200);
    const hit = db.$client.prepare("SELECT id FROM small_areas_rtree WHERE min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?").all(lon, lon, lat, lat) as Array<{ id: number }>;
    expect(hit.map((h) => h.id)).toEqual([a2.id]);

    const log = logRows();
    expect(log).toHaveLength(2);
    expect(new Set(log.map((r) => r.change_id))).toEqual(new Set([result.changeId]));
    expect(log.map((r) => [r.entity_type, r.entity_id, r.op, r.base_version, r.label])).toEqual([
      ["small_area", a1.id, "put", 1, "move_vertex"], ["small_area", a2.id, "put", 1, "move_vertex"],
    ]);
    expect(JSON.parse(log[0].before as string).geometry).toEqual(rect(0, 0, 200, 400));
    expect(JSON.parse(log[0].after as string).version).toBe(2);
    expect(result.inverse.puts.map((p) => [p.entity.id, p.baseVersion, (p.entity as AreaEntity).geometry])).toEqual([[a1.id, 2, a1.geometry], [a2.id, 2, a2.geometry]]);
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("creates with temporary ids: idMap, real ids in the entities, the inverse deletes them", () => {
    const { smallArea } = findEntities(db);
    const a2 = smallArea(W, "002");
    const created: SmallAreaEntity = { ...a2, id: -1, version: 0, code: "003", geometry: rect(200, 200, 400, 400), name: "北片" };
    const result = writeChange(db, change("split_small_area", [update(a2, { geometry: rect(200, 0, 400, 200) }), { entity: created, baseVersion: null }]), null);

    const realId = result.idMap["small_area/-1"];
    expect(realId).toBeGreaterThan(a2.id);
    expect(result.entities[1]).toMatchObject({ id: realId, version: 1, code: "003", name: "北片", districtId: a2.districtId });
    expect(buildingArea(BUILDINGS.w300).small_area_id).toBe(realId);
    expect(buildingArea(BUILDINGS.w250).small_area_id).toBe(a2.id);
    expect(result.inverse.deletes).toEqual([{ type: "small_area", id: realId, baseVersion: 1 }]);
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("deletes a small area (its buildings and units lose it; a gap is allowed) and the inverse re-creates it with its id", () => {
    const { smallArea } = findEntities(db);
    const a2 = smallArea(W, "002");
    const b = db.$client.prepare("SELECT id FROM buildings WHERE small_area_id = ? LIMIT 1").get(a2.id) as { id: number };
    db.$client.prepare("UPDATE housing_units SET small_area_id = ? WHERE building_id = ?").run(a2.id, b.id);

    const result = writeChange(db, change("delete_small_area", [], [{ type: "small_area", id: a2.id, baseVersion: 1 }]), null);
    expect(result.deleted).toEqual([{ type: "small_area", id: a2.id }]);
    expect(buildingArea(BUILDINGS.w250).small_area_id).toBeNull();
    expect(db.$client.prepare("SELECT small_area_id, version FROM housing_units WHERE building_id = ?").get(b.id)).toEqual({ small_area_id: null, version: 2 });
    expect(result.issues.map((i) => i.kind)).toContain("gap");
    expect(logRows().map((r) => [r.op, r.after])).toEqual([["delete", "null"]]);

    const back = writeChange(db, result.inverse, null);
    expect(back.entities).toEqual([{ ...a2, version: 2 }]);
    expect(buildingArea(BUILDINGS.w250).small_area_id).toBe(a2.id);
    expect(back.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("refuses a stale version with 409 and the stored copies, and writes nothing", () => {
    writeChange(db, moveSharedEdge(180), null);
    const before = contents(db);
    const { smallArea } = findEntities(db);
    const stale = change("edit_attributes", [{ entity: { ...smallArea(W, "001"), version: 1, name: "x" }, baseVersion: 1 }]);
    const refused = refusal(() => writeChange(db, stale, null));
    expect(refused).toMatchObject({ status: 409, reason: "stale_version", place: `small_area/${smallArea(W, "001").id}` });
    expect(refused.current).toEqual([smallArea(W, "001")]);
    expect(contents(db)).toEqual(before);
    expect(logRows()).toHaveLength(2);
  });

  it("refuses a missing entity with 404", () => {
    expect(refusal(() => writeChange(db, change("delete_small_area", [], [{ type: "small_area", id: 999, baseVersion: 1 }]), null))).toMatchObject({ status: 404, reason: "not_found", place: "small_area/999" });
  });

  it("writes nothing of a Change whose second entity is stale", () => {
    const before = contents(db);
    const { smallArea } = findEntities(db);
    const edit = moveSharedEdge(180);
    edit.puts[1] = { ...edit.puts[1], baseVersion: 7, entity: { ...edit.puts[1].entity, version: 7 } };
    expect(refusal(() => writeChange(db, edit, null))).toMatchObject({ status: 409, place: `small_area/${smallArea(W, "002").id}` });
    expect(contents(db)).toEqual(before);
    expect(logRows()).toEqual([]);
  });

  it("refuses invalid geometry with 422 naming the place and the rule", () => {
    const { smallArea } = findEntities(db);
    const bowTie = { type: "Polygon" as const, coordinates: [[tinyAt(0, 0), tinyAt(200, 400), tinyAt(200, 0), tinyAt(0, 400), tinyAt(0, 0)]] };
    const refused = refusal(() => writeChange(db, change("move_vertex", [update(smallArea(W, "001"), { geometry: bowTie })]), null));
    expect(refused).toMatchObject({ status: 422, reason: "self_intersection", place: "puts[0].entity.geometry.coordinates[0]" });
    expect(refused.at).toHaveLength(2);
    const open = { type: "Polygon" as const, coordinates: [[tinyAt(0, 0), tinyAt(200, 0), tinyAt(200, 400)]] };
    expect(refusal(() => writeChange(db, change("move_vertex", [update(smallArea(W, "001"), { geometry: open })]), null))).toMatchObject({ reason: "too_few_vertices", place: "puts[0].entity.geometry.coordinates[0]" });
    expect(logRows()).toEqual([]);
  });

  it("refuses a Change that would make small areas overlap, or leave the district, and writes nothing", () => {
    const before = contents(db);
    const { smallArea } = findEntities(db);
    const grow = refusal(() => writeChange(db, change("move_vertex", [update(smallArea(W, "001"), { geometry: rect(0, 0, 250, 400) })]), null));
    expect(grow).toMatchObject({ status: 422, reason: "would_overlap" });
    expect(grow.place).toMatch(/^small_area\//);
    const out = refusal(() => writeChange(db, change("move_vertex", [update(smallArea(W, "001"), { geometry: rect(-50, 0, 200, 400) })]), null));
    expect(out).toMatchObject({ status: 422, reason: "outside_district", place: `small_area/${smallArea(W, "001").id}` });
    expect(contents(db)).toEqual(before);
    expect(logRows()).toEqual([]);
  });

  it("refuses a district boundary moved over its neighbour", () => {
    const { district } = findEntities(db);
    const refused = refusal(() => writeChange(db, change("move_vertex", [update(district(E), { geometry: rect(380, 0, 800, 400) })]), null));
    expect(refused).toMatchObject({ status: 422, reason: "would_overlap" });
    expect(refused.place).toMatch(/^district\//);
  });

  it("moves a shared district boundary with the small areas that follow it, and buildings change district", () => {
    const { district, smallArea } = findEntities(db);
    const result = writeChange(db, change("move_vertex", [
      update(district(W), { geometry: rect(0, 0, 300, 400) }), update(smallArea(W, "002"), { geometry: rect(200, 0, 300, 400) }),
      update(district(E), { geometry: rect(300, 0, 800, 400) }), update(smallArea(E, "001"), { geometry: rect(300, 0, 800, 400) }),
    ]), null);
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(buildingArea(BUILDINGS.w300)).toEqual({ district_id: district(E).id, small_area_id: smallArea(E, "001").id });
  });

  it("checks codes: form, free in the district, swaps allowed", () => {
    const { smallArea, district } = findEntities(db);
    const a1 = smallArea(W, "001"), a2 = smallArea(W, "002");
    expect(refusal(() => writeChange(db, change("assign_code", [update(a1, { code: "002" })]), null))).toMatchObject({ status: 422, reason: "code_taken", place: "puts[0].entity.code" });
    expect(refusal(() => writeChange(db, change("assign_code", [update(a1, { code: "900" })]), null))).toMatchObject({ reason: "bad_code" });
    expect(refusal(() => writeChange(db, change("assign_code", [update(district(N), { code: E })]), null))).toMatchObject({ reason: "code_taken" });
    expect(refusal(() => writeChange(db, change("assign_code", [update(district(N), { code: "440101002003" })]), null))).toMatchObject({ reason: "bad_code" });
    const swapped = writeChange(db, change("assign_code", [update(a1, { code: "002" }), update(a2, { code: "001" })]), null);
    expect(swapped.entities.map((e) => (e as AreaEntity).code)).toEqual(["002", "001"]);
    // a virtual small area has no territory and a 900+ code
    const virtual: SmallAreaEntity = { ...a1, id: -1, version: 0, code: "901", isVirtual: true, geometry: null };
    const made = writeChange(db, change("draw_small_area", [{ entity: virtual, baseVersion: null }]), null);
    expect(made.entities[0]).toMatchObject({ code: "901", isVirtual: true, geometry: null });
    expect(db.$client.prepare("SELECT min_lon FROM small_areas WHERE id = ?").get(made.idMap["small_area/-1"])).toEqual({ min_lon: null });
  });

  it("refuses deleting a district that keeps small areas, and malformed Changes", () => {
    const { district, smallArea } = findEntities(db);
    expect(refusal(() => writeChange(db, change("delete_district", [], [{ type: "district", id: district(W).id, baseVersion: 1 }]), null))).toMatchObject({ reason: "district_not_empty", place: "deletes[0]" });
    const a1 = smallArea(W, "001");
    expect(refusal(() => writeChange(db, change("edit_attributes", [update(a1, { name: "a" }), update(a1, { name: "b" })]), null))).toMatchObject({ reason: "invalid", place: "puts[1].entity.id" });
    expect(refusal(() => writeChange(db, change("edit_attributes", [{ entity: { ...a1, version: 0 }, baseVersion: 1 }]), null))).toMatchObject({ place: "puts[0].entity.version" });
    expect(refusal(() => writeChange(db, change("draw_small_area", [{ entity: { ...a1, id: 5000, code: "009" }, baseVersion: null }]), null))).toMatchObject({ reason: "invalid", place: "puts[0].entity.id" });
    expect(refusal(() => writeChange(db, change("draw_small_area", [{ entity: { ...a1, id: -1, districtId: -4, code: "009" }, baseVersion: null }]), null))).toMatchObject({ place: "puts[0].entity.districtId" });
  });

  it("deletes an empty district; its buildings lie in no district until one covers them", () => {
    const { district } = findEntities(db);
    const result = writeChange(db, change("delete_district", [], [{ type: "district", id: district(N).id, baseVersion: 1 }]), null);
    expect(buildingArea(BUILDINGS.n700)).toEqual({ district_id: null, small_area_id: null });
    writeChange(db, result.inverse, null);
    expect(buildingArea(BUILDINGS.n700)).toEqual({ district_id: district(N).id, small_area_id: null });
  });

  it("asks permission per record and refuses with 403", () => {
    const { smallArea } = findEntities(db);
    const onlyW001: WriteChangeOptions = { canEdit: (e) => e.type === "small_area" && e.code === "001" && e.districtId === smallArea(W, "001").districtId };
    const refused = refusal(() => writeChange(db, moveSharedEdge(180), null, onlyW001));
    expect(refused).toMatchObject({ status: 403, reason: "forbidden", place: `small_area/${smallArea(W, "002").id}` });
    expect(logRows()).toEqual([]);
  });

  it("applies a Change, then its inverse: the database holds what it held (versions moved on)", () => {
    const start = contents(db);
    const { smallArea } = findEntities(db);
    const a2 = smallArea(W, "002");
    const split = change("split_small_area", [update(a2, { geometry: rect(200, 0, 400, 200) }), { entity: { ...a2, id: -1, version: 0, code: "003", geometry: rect(200, 200, 400, 400) }, baseVersion: null }]);
    const forward = writeChange(db, split, 7);
    const renamed = writeChange(db, change("assign_code", [update(smallArea(W, "001"), { code: "005", name: "西片", notes: "河边" })]), 7);
    writeChange(db, renamed.inverse, 7);
    writeChange(db, forward.inverse, 7);
    const end = contents(db);
    expect(end).toEqual(start);
    expect(findEntities(db).smallArea(W, "002").version).toBe(3);
    expect(findEntities(db).smallArea(W, "001").version).toBe(3);
    expect(new Set(logRows().map((r) => r.change_id)).size).toBe(4);
  });
});
