import { describe, expect, it } from "vitest";
import { applyChange } from "./apply-change";
import { BUILDING_FIXTURE, deepFreeze, FIXTURE, fixtureSnapshot, fixtureWithBuildings, withoutVersions } from "./test-fixtures";
import type { BuildingEntity, Change, SmallAreaEntity } from "./types";

const snapshot = fixtureSnapshot();
const area = (id: number) => snapshot.smallAreas.find((s) => s.id === id)!;
const renamed = (id: number, name: string): Change => ({ label: "edit_attributes", puts: [{ entity: { ...area(id), name }, baseVersion: area(id).version }], deletes: [] });
const created: SmallAreaEntity = { ...area(FIXTURE.smallArea["001"]), id: -1, version: 0, code: "007" };

describe("applyChange", () => {
  it("stores a put as version + 1 without touching the input, and keeps the order", () => {
    const result = applyChange(snapshot, deepFreeze(renamed(11, "东片")));
    if (!result.ok) throw new Error(result.reason);
    const after = result.next.smallAreas.find((s) => s.id === 11)!;
    expect(after).toMatchObject({ name: "东片", version: area(11).version + 1 });
    expect(result.next.smallAreas.map((s) => s.id)).toEqual(snapshot.smallAreas.map((s) => s.id));
    expect(area(11).name).toBeNull();
  });

  it("returns an inverse that restores the entity, based on the version it wrote", () => {
    const result = applyChange(snapshot, renamed(11, "东片"));
    if (!result.ok) throw new Error(result.reason);
    expect(result.inverse.label).toBe("edit_attributes");
    expect(result.inverse.puts).toEqual([{ entity: { ...area(11), version: area(11).version + 1 }, baseVersion: area(11).version + 1 }]);
    const back = applyChange(result.next, result.inverse);
    if (!back.ok) throw new Error(back.reason);
    expect(withoutVersions(back.next)).toEqual(withoutVersions(snapshot));
    expect(back.next.smallAreas.find((s) => s.id === 11)!.version).toBe(area(11).version + 2);
  });

  it("refuses a stale base version, and a put or delete of something missing", () => {
    const stale: Change = { label: "edit_attributes", puts: [{ entity: area(11), baseVersion: area(11).version - 1 }], deletes: [] };
    expect(applyChange(snapshot, stale)).toMatchObject({ ok: false, reason: "stale_version", place: "small_area/11" });
    const staleDelete: Change = { label: "delete_small_area", puts: [], deletes: [{ type: "small_area", id: 11, baseVersion: 99 }] };
    expect(applyChange(snapshot, staleDelete)).toMatchObject({ ok: false, reason: "stale_version" });
    const missing: Change = { label: "edit_attributes", puts: [{ entity: { ...area(11), id: 99 }, baseVersion: 1 }], deletes: [] };
    expect(applyChange(snapshot, missing)).toMatchObject({ ok: false, reason: "not_found", place: "small_area/99" });
    expect(applyChange(snapshot, { label: "delete_district", puts: [], deletes: [{ type: "district", id: 99, baseVersion: 1 }] })).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("refuses a create whose id is taken", () => {
    const clash: Change = { label: "draw_small_area", puts: [{ entity: { ...created, id: 11 }, baseVersion: null }], deletes: [] };
    expect(applyChange(snapshot, clash)).toMatchObject({ ok: false, reason: "stale_version", place: "small_area/11" });
  });

  it("appends a created entity at version 1, and its inverse deletes it", () => {
    const result = applyChange(snapshot, { label: "draw_small_area", puts: [{ entity: created, baseVersion: null }], deletes: [] });
    if (!result.ok) throw new Error(result.reason);
    expect(result.next.smallAreas.at(-1)).toEqual({ ...created, version: 1 });
    expect(result.inverse).toEqual({ label: "draw_small_area", puts: [], deletes: [{ type: "small_area", id: -1, baseVersion: 1 }] });
    const back = applyChange(result.next, result.inverse);
    if (!back.ok) throw new Error(back.reason);
    expect(back.next).toEqual(snapshot);
  });

  it("deletes an entity, and its inverse re-creates it with its old id", () => {
    const result = applyChange(snapshot, { label: "delete_district", puts: [], deletes: [{ type: "district", id: 3, baseVersion: 1 }] });
    if (!result.ok) throw new Error(result.reason);
    expect(result.next.districts.map((d) => d.id)).toEqual([1, 2]);
    expect(result.inverse.puts).toEqual([{ entity: snapshot.districts[2], baseVersion: null }]);
    const back = applyChange(result.next, result.inverse);
    if (!back.ok) throw new Error(back.reason);
    expect(withoutVersions(back.next)).toEqual(withoutVersions(snapshot));
  });

  it("applies puts and deletes of one Change together, all or nothing", () => {
    const change: Change = {
      label: "merge_small_areas",
      puts: [{ entity: { ...area(15), name: "合并" }, baseVersion: area(15).version }],
      deletes: [{ type: "small_area", id: 16, baseVersion: area(16).version }, { type: "small_area", id: 12, baseVersion: 42 }],
    };
    expect(applyChange(snapshot, change)).toMatchObject({ ok: false, reason: "stale_version", place: "small_area/12" });
    const fine = { ...change, deletes: change.deletes.slice(0, 1) };
    const result = applyChange(snapshot, fine);
    if (!result.ok) throw new Error(result.reason);
    expect(result.next.smallAreas.some((s) => s.id === 16)).toBe(false);
    const back = applyChange(result.next, result.inverse);
    if (!back.ok) throw new Error(back.reason);
    expect(back.next.smallAreas.at(-1)!.id).toBe(16);
    expect(withoutVersions(back.next)).toEqual(withoutVersions(snapshot));
  });
});

describe("applyChange with buildings and housing units", () => {
  const withBuildings = fixtureWithBuildings();
  const house = withBuildings.buildings!.find((b) => b.id === BUILDING_FIXTURE.house)!;

  it("leaves the optional lists absent unless a put adds to them", () => {
    const result = applyChange(snapshot, renamed(11, "东片"));
    if (!result.ok) throw new Error(result.reason);
    expect("buildings" in result.next).toBe(false);
    expect("housingUnits" in result.next).toBe(false);
    const placed: BuildingEntity = { ...house, id: -1, version: 0 };
    const added = applyChange(snapshot, { label: "place_building", puts: [{ entity: placed, baseVersion: null }], deletes: [] });
    if (!added.ok) throw new Error(added.reason);
    expect(added.next.buildings).toEqual([{ ...placed, version: 1 }]);
    expect("housingUnits" in added.next).toBe(false);
    const back = applyChange(added.next, added.inverse);
    if (!back.ok) throw new Error(back.reason);
    expect(back.next.buildings).toEqual([]);
  });

  it("deletes a building with its units and re-creates both, with their ids, through the inverse", () => {
    const units = withBuildings.housingUnits!.filter((u) => u.buildingId === house.id);
    const change: Change = {
      label: "delete_building", puts: [],
      deletes: [...units.map((u) => ({ type: "housing_unit" as const, id: u.id, baseVersion: u.version })), { type: "building", id: house.id, baseVersion: house.version }],
    };
    const result = applyChange(withBuildings, deepFreeze(change));
    if (!result.ok) throw new Error(result.reason);
    expect(result.next.buildings!.map((b) => b.id)).toEqual([BUILDING_FIXTURE.school, BUILDING_FIXTURE.neighbourHouse]);
    expect(result.next.housingUnits).toEqual([]);
    expect(result.next.smallAreas).toEqual(withBuildings.smallAreas);
    const back = applyChange(result.next, result.inverse);
    if (!back.ok) throw new Error(back.reason);
    expect(withoutVersions(back.next)).toEqual(withoutVersions(withBuildings));
  });

  it("checks versions of buildings and housing units like any entity", () => {
    const stale: Change = { label: "edit_building", puts: [{ entity: { ...house, floors: 4, version: 1 }, baseVersion: 1 }], deletes: [] };
    expect(applyChange(withBuildings, stale)).toMatchObject({ ok: false, reason: "stale_version", place: `building/${house.id}` });
    expect(applyChange(withBuildings, { label: "delete_housing_unit", puts: [], deletes: [{ type: "housing_unit", id: 999, baseVersion: 1 }] })).toMatchObject({ ok: false, reason: "not_found", place: "housing_unit/999" });
  });
});
