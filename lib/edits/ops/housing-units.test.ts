import { describe, expect, it } from "vitest";
import { applyAndUndo, BUILDING_FIXTURE, changeOf, FIXTURE, fixtureWithBuildings, withoutVersions } from "../test-fixtures";
import type { EditSnapshot, HousingUnitEntity } from "../types";
import { deleteHousingUnit, editHousingUnit, fillHousingUnits } from "./housing-units";

const snapshot = fixtureWithBuildings();
const { house, school } = BUILDING_FIXTURE;
const units = (s: EditSnapshot, buildingId: number) => s.housingUnits!.filter((u) => u.buildingId === buildingId);
const unit = (s: EditSnapshot, id: number) => s.housingUnits!.find((u) => u.id === id)!;

describe("fillHousingUnits", () => {
  it("adds 12 occupied units of 1 household, numbered 1..12, and undoes", () => {
    const change = changeOf(fillHousingUnits(snapshot, { buildingId: school, count: 12, status: "occupied", households: 1 }));
    expect(change.label).toBe("fill_housing_units");
    expect(change.puts).toHaveLength(12);
    expect(change.puts.every((p) => p.baseVersion === null)).toBe(true);
    expect(change.puts[0].entity).toEqual({
      type: "housing_unit", id: -1, version: 0, buildingId: school, smallAreaId: null, unitNumber: "1", floor: null, entrance: null, status: "occupied", households: 1, persons: 0,
    });
    expect(change.puts.map((p) => (p.entity as HousingUnitEntity).unitNumber)).toEqual(Array.from({ length: 12 }, (_, k) => String(k + 1)));
    expect(change.puts.map((p) => p.entity.id)).toEqual(Array.from({ length: 12 }, (_, k) => -1 - k));
    const { next, back } = applyAndUndo(snapshot, change);
    expect(units(next, school)).toHaveLength(12);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("continues after the units the building has, with persons and an entrance", () => {
    const change = changeOf(fillHousingUnits(snapshot, { buildingId: house, count: 2, households: 1, personsPerUnit: 3, entrance: " 2 " }));
    expect(change.puts.map((p) => p.entity)).toMatchObject([{ unitNumber: "4", persons: 3, entrance: "2" }, { unitNumber: "5", persons: 3, entrance: "2" }]);
  });

  it("numbers by floor when floors are given, and continues on each floor", () => {
    const change = changeOf(fillHousingUnits(snapshot, { buildingId: school, count: 7, households: 1, floors: 3 }));
    const numbers = change.puts.map((p) => [(p.entity as HousingUnitEntity).unitNumber, (p.entity as HousingUnitEntity).floor]);
    expect(numbers).toEqual([["101", 1], ["102", 1], ["103", 1], ["201", 2], ["202", 2], ["203", 2], ["301", 3]]);
    const { next } = applyAndUndo(snapshot, change);
    const more = changeOf(fillHousingUnits(next, { buildingId: school, count: 2, households: 1, floors: 1 }));
    expect(more.puts.map((p) => (p.entity as HousingUnitEntity).unitNumber)).toEqual(["104", "105"]);
    expect(more.puts[0].entity.id).toBe(-8);
  });

  it("refuses a count out of 1..2000, bad floors, a household in vacant units and negative counts", () => {
    const base = { buildingId: school, households: 1 };
    expect(fillHousingUnits(snapshot, { ...base, count: 0 })).toMatchObject({ ok: false, reason: "invalid", place: "count" });
    expect(fillHousingUnits(snapshot, { ...base, count: 2001 })).toMatchObject({ ok: false, place: "count" });
    expect(fillHousingUnits(snapshot, { ...base, count: 1.5 })).toMatchObject({ ok: false, place: "count" });
    expect(changeOf(fillHousingUnits(snapshot, { ...base, count: 2000 })).puts).toHaveLength(2000);
    expect(fillHousingUnits(snapshot, { ...base, count: 200, floors: 2 })).toMatchObject({ ok: false, place: "count" });
    expect(fillHousingUnits(snapshot, { ...base, count: 2, floors: 0 })).toMatchObject({ ok: false, place: "floors" });
    expect(fillHousingUnits(snapshot, { ...base, count: 2, status: "vacant" })).toMatchObject({ ok: false, reason: "invalid", place: "households" });
    expect(changeOf(fillHousingUnits(snapshot, { buildingId: school, count: 2, status: "vacant", households: 0 })).puts).toHaveLength(2);
    expect(fillHousingUnits(snapshot, { ...base, count: 2, households: -1 })).toMatchObject({ ok: false, place: "households" });
    expect(fillHousingUnits(snapshot, { ...base, count: 2, personsPerUnit: -3 })).toMatchObject({ ok: false, place: "personsPerUnit" });
    expect(fillHousingUnits(snapshot, { ...base, buildingId: 999, count: 2 })).toMatchObject({ ok: false, reason: "not_found", place: "building/999" });
  });
});

describe("editHousingUnit", () => {
  it("edits one unit's exceptions, and undoes", () => {
    const first = unit(snapshot, 201);
    const change = changeOf(editHousingUnit(snapshot, { id: 201, households: 2, persons: 5, floor: 1, entrance: " 东 " }));
    expect(change.label).toBe("edit_housing_unit");
    expect(change.puts).toEqual([{ entity: { ...first, households: 2, persons: 5, floor: 1, entrance: "东" }, baseVersion: 1 }]);
    const { back } = applyAndUndo(snapshot, change);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("allows a household away with 0 persons, and refuses households in a vacant unit", () => {
    expect(changeOf(editHousingUnit(snapshot, { id: 201, status: "away", persons: 0 })).puts[0].entity).toMatchObject({ status: "away", households: 1, persons: 0 });
    expect(editHousingUnit(snapshot, { id: 201, status: "vacant" })).toMatchObject({ ok: false, reason: "invalid", place: "households" });
    expect(editHousingUnit(snapshot, { id: 202, households: 1 })).toMatchObject({ ok: false, place: "households" });
    expect(editHousingUnit(snapshot, { id: 201, persons: -1 })).toMatchObject({ ok: false, place: "persons" });
    expect(editHousingUnit(snapshot, { id: 201, unitNumber: "  " })).toMatchObject({ ok: false, place: "unitNumber" });
    expect(editHousingUnit(snapshot, { id: 201, floor: 1.5 })).toMatchObject({ ok: false, place: "floor" });
  });

  it("assigns a unit to a small area of the building's district (virtual included), never of another district", () => {
    expect(changeOf(editHousingUnit(snapshot, { id: 201, smallAreaId: FIXTURE.smallArea["002"] })).puts[0].entity).toMatchObject({ smallAreaId: FIXTURE.smallArea["002"] });
    expect(changeOf(editHousingUnit(snapshot, { id: 201, smallAreaId: FIXTURE.virtualSmallArea })).puts[0].entity).toMatchObject({ smallAreaId: FIXTURE.virtualSmallArea });
    expect(changeOf(editHousingUnit(snapshot, { id: 203, smallAreaId: null })).puts[0].entity).toMatchObject({ smallAreaId: null });
    expect(editHousingUnit(snapshot, { id: 201, smallAreaId: FIXTURE.neighbourSmallAreas[0] })).toMatchObject({ ok: false, reason: "invalid", place: "smallAreaId" });
    expect(editHousingUnit(snapshot, { id: 201, smallAreaId: 999 })).toMatchObject({ ok: false, place: "smallAreaId" });
    expect(editHousingUnit(snapshot, { id: 999 })).toMatchObject({ ok: false, reason: "not_found", place: "housing_unit/999" });
  });
});

describe("deleteHousingUnit", () => {
  it("deletes one unit, and the undo re-creates it with its id", () => {
    const change = changeOf(deleteHousingUnit(snapshot, { id: 202 }));
    expect(change).toEqual({ label: "delete_housing_unit", puts: [], deletes: [{ type: "housing_unit", id: 202, baseVersion: 3 }] });
    const { next, back } = applyAndUndo(snapshot, change);
    expect(units(next, house).map((u) => u.id)).toEqual([201, 203]);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
    expect(deleteHousingUnit(snapshot, { id: 999 })).toMatchObject({ ok: false, reason: "not_found" });
  });
});
