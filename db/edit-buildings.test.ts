import { beforeEach, describe, expect, it } from "vitest";
import { deleteBuilding, editBuilding, moveBuilding, placeBuilding } from "@/lib/edits/ops/building";
import { editHousingUnit, fillHousingUnits } from "@/lib/edits/ops/housing-units";
import type { OpResult } from "@/lib/edits/refusals";
import type { BuildingEntity, Change, EditSnapshot, HousingUnitEntity } from "@/lib/edits/types";
import { openDatabase, type Db } from "./client";
import { writeChange } from "./edit-mutations";
import { getBuildingForEdit, getBuildingsNear, getEditSnapshot } from "./edit-queries";
import { E, findEntities, seedEditTownship, W, expectRefusal } from "./edit-test-fixture";
import { getSmallAreaDetail } from "./queries";
import { tinyAt } from "./seed/tiny-township-fixture";

let db: Db;

beforeEach(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
});

function changeOf(result: OpResult<Change>): Change {
  if (!result.ok) throw new Error(`refused: ${result.reason} ${result.place ?? ""}`);
  return result.change;
}

const refusal = expectRefusal;

/** What the building panel works on: the areas of the township and one building with its units. */
function snapshotWith(buildingId?: number): EditSnapshot {
  const areas = getEditSnapshot(db);
  return { ...areas, ...(buildingId === undefined ? { buildings: [], housingUnits: [] } : getBuildingForEdit(db, buildingId)!) };
}

const totals = (smallAreaId: number) => {
  const detail = getSmallAreaDetail(db, smallAreaId)!;
  return { buildings: detail.buildings, housingUnits: detail.housingUnits, households: detail.households, persons: detail.persons };
};
const row = (id: number) => db.$client.prepare("SELECT district_id, small_area_id, version, min_lon, max_lon FROM buildings WHERE id = ?").get(id) as { district_id: number | null; small_area_id: number | null; version: number; min_lon: number; max_lon: number } | undefined;
const unitIds = (buildingId: number) => (db.$client.prepare("SELECT id FROM housing_units WHERE building_id = ? ORDER BY id").all(buildingId) as Array<{ id: number }>).map((r) => r.id);
const logRows = () => db.$client.prepare("SELECT entity_type, entity_id, op, label FROM change_log ORDER BY id").all() as Array<{ entity_type: string; entity_id: number; op: string; label: string }>;

/** Places a point building at (east, north) metres and returns its real id. */
function place(east: number, north: number): number {
  const written = writeChange(db, changeOf(placeBuilding(snapshotWith(), { position: tinyAt(east, north) })), null);
  return written.idMap["building/-1"];
}

describe("building and housing-unit edits through writeChange", () => {
  it("places a building: district and small area derived, bbox and R*Tree written, version 1, one log row", () => {
    const { smallArea, district } = findEntities(db);
    const a1 = smallArea(W, "001");
    const before = totals(a1.id);
    const change = changeOf(placeBuilding(snapshotWith(), { position: tinyAt(50, 50), floors: 3 }));
    // the client's guess is ignored: the server derives where the building lies
    (change.puts[0].entity as BuildingEntity).smallAreaId = smallArea(E, "001").id;
    const written = writeChange(db, change, null);
    const id = written.idMap["building/-1"];
    expect(written.entities).toEqual([{ ...change.puts[0].entity, id, version: 1, districtId: district(W).id, smallAreaId: a1.id }]);
    expect(row(id)).toMatchObject({ district_id: district(W).id, small_area_id: a1.id, version: 1, min_lon: tinyAt(50, 50)[0], max_lon: tinyAt(50, 50)[0] });
    expect(getBuildingsNear(db, [...tinyAt(45, 45), ...tinyAt(55, 55)] as [number, number, number, number]).map((b) => b.id)).toEqual([id]);
    expect(totals(a1.id)).toEqual({ ...before, buildings: before.buildings + 1 });
    expect(logRows()).toEqual([{ entity_type: "building", entity_id: id, op: "put", label: "place_building" }]);
    expect(written.issues.every((i) => i.district === W)).toBe(true);
    expect(written.inverse).toEqual({ label: "place_building", puts: [], deletes: [{ type: "building", id, baseVersion: 1 }] });
  });

  it("fills 12 units: the small area's totals include them; a unit override moves them, within the district only", () => {
    const { smallArea } = findEntities(db);
    const [a1, a2] = [smallArea(W, "001"), smallArea(W, "002")];
    const id = place(50, 50);
    const before = totals(a1.id);
    const filled = writeChange(db, changeOf(fillHousingUnits(snapshotWith(id), { buildingId: id, count: 12, status: "occupied", households: 1, personsPerUnit: 3 })), null);
    expect(filled.entities).toHaveLength(12);
    expect(filled.entities.map((e) => (e as HousingUnitEntity).unitNumber)).toEqual(Array.from({ length: 12 }, (_, k) => String(k + 1)));
    expect(filled.entities.every((e) => e.version === 1 && e.id > 0 && (e as HousingUnitEntity).buildingId === id)).toBe(true);
    expect(totals(a1.id)).toEqual({ buildings: before.buildings, housingUnits: before.housingUnits + 12, households: before.households + 12, persons: before.persons + 36 });
    expect(filled.issues.map((i) => i.district).every((d) => d === W)).toBe(true);

    const unitId = filled.entities[0].id;
    writeChange(db, changeOf(editHousingUnit(snapshotWith(id), { id: unitId, smallAreaId: a2.id, households: 2 })), null);
    expect(totals(a1.id).households).toBe(before.households + 11);
    // the op refuses an area of another district; the server refuses it too when a client sends it anyway
    expect(editHousingUnit(snapshotWith(id), { id: unitId, smallAreaId: smallArea(E, "001").id })).toMatchObject({ ok: false, place: "smallAreaId" });
    const assignTo = (smallAreaId: number): Change => ({
      label: "edit_housing_unit", puts: [{ entity: { ...getBuildingForEdit(db, id)!.housingUnits[0], smallAreaId }, baseVersion: 2 }], deletes: [],
    });
    expect(refusal(() => writeChange(db, assignTo(smallArea(E, "001").id), null))).toMatchObject({ status: 422, reason: "invalid", place: "puts[0].entity.smallAreaId" });
    expect(refusal(() => writeChange(db, assignTo(9999), null))).toMatchObject({ status: 422, place: "puts[0].entity.smallAreaId" });
    expect(totals(a2.id).households).toBeGreaterThanOrEqual(2);
  });

  it("places a building and fills its units in one Change: the units' building id is mapped from the temporary one", () => {
    const { smallArea } = findEntities(db);
    const placed = changeOf(placeBuilding(snapshotWith(), { position: tinyAt(300, 50) }));
    const fill = changeOf(fillHousingUnits({ ...snapshotWith(), buildings: [placed.puts[0].entity as BuildingEntity] }, { buildingId: -1, count: 3, households: 1 }));
    expect(fill.puts[0].entity.id).toBe(-2);
    const written = writeChange(db, { label: "place_building", puts: [...placed.puts, ...fill.puts], deletes: [] }, null);
    const id = written.idMap["building/-1"];
    expect(row(id)?.small_area_id).toBe(smallArea(W, "002").id);
    expect(written.entities.slice(1).map((u) => (u as HousingUnitEntity).buildingId)).toEqual([id, id, id]);
    expect(unitIds(id)).toEqual(written.entities.slice(1).map((u) => u.id));
  });

  it("moves a building across a boundary: re-derived, its version bumped once; a building outside every district is allowed", () => {
    const { smallArea, district } = findEntities(db);
    const id = place(150, 50);
    const moved = writeChange(db, changeOf(moveBuilding(snapshotWith(id), { id, to: tinyAt(250, 50) })), null);
    expect(moved.entities[0]).toMatchObject({ id, version: 2, districtId: district(W).id, smallAreaId: smallArea(W, "002").id });
    expect(row(id)).toMatchObject({ small_area_id: smallArea(W, "002").id, version: 2, min_lon: tinyAt(250, 50)[0] });
    writeChange(db, changeOf(moveBuilding(snapshotWith(id), { id, to: tinyAt(500, 50) })), null);
    expect(row(id)).toMatchObject({ district_id: district(E).id, small_area_id: smallArea(E, "001").id, version: 3 });
    const outside = writeChange(db, changeOf(moveBuilding(snapshotWith(id), { id, to: tinyAt(500, 500) })), null);
    expect(outside.entities[0]).toMatchObject({ districtId: null, smallAreaId: null, version: 4 });
    expect(outside.issues).toEqual(outside.issues.filter((i) => i.district === E));
  });

  it("re-derives a footprint's place from its centroid when it is edited, and keeps numbers", () => {
    const { smallArea } = findEntities(db);
    const seeded = getBuildingForEdit(db, 1)!.buildings[0];
    expect(seeded.geometry.type).toBe("Polygon");
    const moved = writeChange(db, changeOf(moveBuilding(snapshotWith(1), { id: 1, to: tinyAt(300, 120) })), null);
    expect(moved.entities[0]).toMatchObject({ id: 1, number: seeded.number, smallAreaId: smallArea(W, "002").id, version: 2 });
  });

  it("deletes a building with its units; the inverse brings both back with the same ids", () => {
    const { smallArea } = findEntities(db);
    const a1 = smallArea(W, "001");
    const id = place(50, 50);
    writeChange(db, changeOf(fillHousingUnits(snapshotWith(id), { buildingId: id, count: 4, households: 1, personsPerUnit: 2 })), null);
    const before = { totals: totals(a1.id), units: unitIds(id), building: getBuildingForEdit(db, id)! };

    const deleted = writeChange(db, changeOf(deleteBuilding(snapshotWith(id), { id })), null);
    expect(deleted.deleted).toEqual([...before.units.map((u) => ({ type: "housing_unit", id: u })), { type: "building", id }]);
    expect(row(id)).toBeUndefined();
    expect(unitIds(id)).toEqual([]);
    expect(totals(a1.id)).toEqual({ buildings: before.totals.buildings - 1, housingUnits: before.totals.housingUnits - 4, households: before.totals.households - 4, persons: before.totals.persons - 8 });

    const back = writeChange(db, deleted.inverse, null);
    expect(unitIds(id)).toEqual(before.units);
    expect(totals(a1.id)).toEqual(before.totals);
    const restored = getBuildingForEdit(db, id)!;
    expect(restored.buildings[0]).toEqual({ ...before.building.buildings[0], version: 2 });
    expect(restored.housingUnits).toEqual(before.building.housingUnits.map((u) => ({ ...u, version: 2 })));
    expect(back.entities.map((e) => `${e.type}/${e.id}`)).toEqual([...before.units.map((u) => `housing_unit/${u}`), `building/${id}`]);
  });

  it("refuses deleting a building but not its units (nothing written)", () => {
    const refused = refusal(() => writeChange(db, { label: "delete_building", puts: [], deletes: [{ type: "building", id: 1, baseVersion: 1 }] }, null));
    expect(refused).toMatchObject({ status: 422, reason: "invalid", place: "deletes[0]" });
    expect(row(1)).toBeDefined();
    expect(logRows()).toEqual([]);
  });

  it("refuses a stale version with 409 and the stored copy", () => {
    const snapshot = snapshotWith(1);
    writeChange(db, changeOf(editBuilding(snapshot, { id: 1, floors: 5 })), null);
    const refused = refusal(() => writeChange(db, changeOf(editBuilding(snapshot, { id: 1, floors: 6 })), null));
    expect(refused).toMatchObject({ status: 409, reason: "stale_version", place: "building/1" });
    expect(refused.current).toEqual([expect.objectContaining({ type: "building", id: 1, floors: 5, version: 2 })]);
    const unit = snapshot.housingUnits![0];
    writeChange(db, changeOf(editHousingUnit(snapshot, { id: unit.id, persons: 4 })), null);
    expect(refusal(() => writeChange(db, changeOf(editHousingUnit(snapshot, { id: unit.id, persons: 5 })), null))).toMatchObject({ status: 409, place: `housing_unit/${unit.id}` });
  });

  it("refuses bad input with 422 naming the place, never a value", () => {
    const [building] = getBuildingForEdit(db, 1)!.buildings;
    const [unit] = getBuildingForEdit(db, 1)!.housingUnits;
    const put = (entity: BuildingEntity | HousingUnitEntity): Change => ({ label: "edit_building", puts: [{ entity, baseVersion: 1 }], deletes: [] });
    const cases: Array<[BuildingEntity | HousingUnitEntity, string, string]> = [
      [{ ...building, floors: 0 }, "invalid", "puts[0].entity.floors"],
      [{ ...building, floors: 201 }, "invalid", "puts[0].entity.floors"],
      [{ ...building, use: "castle" as BuildingEntity["use"] }, "invalid", "puts[0].entity.use"],
      [{ ...building, use: "restricted", name: "某监狱" }, "invalid", "puts[0].entity.name"],
      [{ ...building, geometry: { type: "Point", coordinates: [500, 20] } }, "invalid_coordinates", "puts[0].entity.geometry.coordinates"],
      [{ ...building, geometry: { type: "Polygon", coordinates: [[tinyAt(0, 0), tinyAt(10, 10), tinyAt(10, 0), tinyAt(0, 10), tinyAt(0, 0)]] } }, "self_intersection", "puts[0].entity.geometry.coordinates[0]"],
      [{ ...unit, households: -1 }, "invalid", "puts[0].entity.households"],
      [{ ...unit, status: "vacant", households: 1 }, "invalid", "puts[0].entity.households"],
      [{ ...unit, unitNumber: " " }, "invalid", "puts[0].entity.unitNumber"],
    ];
    for (const [entity, reason, place] of cases) {
      const refused = refusal(() => writeChange(db, put(entity), null));
      expect(refused, place).toMatchObject({ status: 422, reason, place });
      expect(refused.message).toBe(`${reason} at ${place}`);
    }
    expect(refusal(() => writeChange(db, { label: "fill_housing_units", puts: [{ entity: { ...unit, id: -1, version: 0, buildingId: 999 }, baseVersion: null }], deletes: [] }, null)))
      .toMatchObject({ status: 404, reason: "not_found", place: "building/999" });
    expect(refusal(() => writeChange(db, { label: "fill_housing_units", puts: [{ entity: { ...unit, id: -1, version: 0, buildingId: -5 }, baseVersion: null }], deletes: [] }, null)))
      .toMatchObject({ status: 422, place: "puts[0].entity.buildingId" });
    expect(logRows()).toEqual([]);
  });

  it("assigns collective quarters to a virtual small area of the building's district", () => {
    const { smallArea } = findEntities(db);
    const w = findEntities(db).district(W);
    const virtual = writeChange(db, { label: "draw_small_area", puts: [{ entity: { ...smallArea(W, "001"), id: -1, version: 0, code: "900", isVirtual: true, geometry: null }, baseVersion: null }], deletes: [] }, null);
    const virtualId = virtual.idMap["small_area/-1"];
    const [unit] = getBuildingForEdit(db, 1)!.housingUnits;
    const written = writeChange(db, changeOf(editHousingUnit(snapshotWith(1), { id: unit.id, status: "collective", households: 1, persons: 300, smallAreaId: virtualId })), null);
    expect(written.entities[0]).toMatchObject({ smallAreaId: virtualId, persons: 300 });
    expect(totals(virtualId)).toMatchObject({ housingUnits: 1, persons: 300 });
    expect(w.id).toBe(getSmallAreaDetail(db, virtualId)!.district.id);
  });
});
