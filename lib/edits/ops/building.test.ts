import type { Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { buildingAnchor } from "../building-rules";
import { applyAndUndo, at, BUILDING_FIXTURE, changeOf, FIXTURE, fixtureSnapshot, fixtureWithBuildings, gridPolygon, withoutVersions } from "../test-fixtures";
import type { BuildingEntity, EditSnapshot } from "../types";
import { deleteBuilding, editBuilding, locateBuilding, moveBuilding, placeBuilding } from "./building";

const snapshot = fixtureWithBuildings();
const building = (s: EditSnapshot, id: number) => s.buildings!.find((b) => b.id === id)!;
const house = building(snapshot, BUILDING_FIXTURE.house);

describe("placeBuilding", () => {
  it("places a point building where it lies, with the defaults, and undoes", () => {
    const change = changeOf(placeBuilding(snapshot, { position: at(6, 7) }));
    expect(change.label).toBe("place_building");
    expect(change.puts).toEqual([{
      baseVersion: null,
      entity: {
        type: "building", id: -1, version: 0, districtId: FIXTURE.district, smallAreaId: FIXTURE.smallArea["002"], number: null,
        use: "residential", name: null, nameEn: null, floors: 1, notes: null, geometry: { type: "Point", coordinates: at(6, 7) },
      },
    }]);
    const { next, back } = applyAndUndo(snapshot, change);
    expect(next.buildings!.at(-1)).toMatchObject({ id: -1, version: 1 });
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("places a footprint by its centroid, with the attributes given (trimmed)", () => {
    const footprint = gridPolygon([[11, 1], [13, 1], [13, 3], [11, 3]]);
    const change = changeOf(placeBuilding(snapshot, { position: footprint, use: "factory", name: " 纺织厂 ", floors: 2, notes: "  " }));
    expect(change.puts[0].entity).toMatchObject({ districtId: FIXTURE.neighbourDistrict, smallAreaId: FIXTURE.neighbourSmallAreas[0], use: "factory", name: "纺织厂", floors: 2, notes: null, geometry: footprint });
  });

  it("allows a building outside every district (the checks report it) and into a district without small areas", () => {
    expect(changeOf(placeBuilding(snapshot, { position: at(30, 30) })).puts[0].entity).toMatchObject({ districtId: null, smallAreaId: null });
    expect(changeOf(placeBuilding(snapshot, { position: at(5, 15) })).puts[0].entity).toMatchObject({ districtId: FIXTURE.emptyDistrict, smallAreaId: null });
  });

  it("takes temporary ids below those still pending, and works on a snapshot without buildings", () => {
    const pending = changeOf(placeBuilding(snapshot, { position: at(6, 7) }));
    const { next } = applyAndUndo(snapshot, pending);
    expect(changeOf(placeBuilding(next, { position: at(6, 8) })).puts[0].entity.id).toBe(-2);
    const { next: fromAreas } = applyAndUndo(fixtureSnapshot(), changeOf(placeBuilding(fixtureSnapshot(), { position: at(1, 1) })));
    expect(fromAreas.buildings).toHaveLength(1);
    expect(fromAreas.buildings![0]).toMatchObject({ smallAreaId: FIXTURE.smallArea["006"] });
  });

  it("refuses invalid coordinates, a broken footprint and broken attributes, naming the field", () => {
    expect(placeBuilding(snapshot, { position: [200, 30] })).toMatchObject({ ok: false, reason: "invalid_coordinates" });
    expect(placeBuilding(snapshot, { position: [Number.NaN, 30] })).toMatchObject({ ok: false, reason: "invalid_coordinates" });
    const bowTie: Polygon = { type: "Polygon", coordinates: [[at(0, 0), at(1, 1), at(1, 0), at(0, 1), at(0, 0)]] };
    expect(placeBuilding(snapshot, { position: bowTie })).toMatchObject({ ok: false, reason: "self_intersection", place: "geometry.coordinates[0]" });
    expect(placeBuilding(snapshot, { position: at(6, 7), floors: 0 })).toMatchObject({ ok: false, reason: "invalid", place: "floors" });
    expect(placeBuilding(snapshot, { position: at(6, 7), floors: 2.5 })).toMatchObject({ ok: false, place: "floors" });
    expect(placeBuilding(snapshot, { position: at(6, 7), use: "restricted", name: "某部" })).toMatchObject({ ok: false, reason: "invalid", place: "name" });
    expect(changeOf(placeBuilding(snapshot, { position: at(6, 7), use: "restricted", name: " " })).puts[0].entity).toMatchObject({ use: "restricted", name: null });
  });
});

describe("locateBuilding", () => {
  it("keeps a building in a virtual small area of the district it still lies in", () => {
    const point: Point = { type: "Point", coordinates: at(2, 8) };
    expect(locateBuilding(snapshot, point, { smallAreaId: FIXTURE.virtualSmallArea })).toEqual({ districtId: FIXTURE.district, smallAreaId: FIXTURE.virtualSmallArea });
    expect(locateBuilding(snapshot, { type: "Point", coordinates: at(15, 2) }, { smallAreaId: FIXTURE.virtualSmallArea })).toEqual({ districtId: FIXTURE.neighbourDistrict, smallAreaId: FIXTURE.neighbourSmallAreas[0] });
  });
});

describe("moveBuilding", () => {
  it("moves a point building across a boundary: re-located, and undoes", () => {
    const change = changeOf(moveBuilding(snapshot, { id: house.id, to: at(7, 7) }));
    expect(change.label).toBe("move_building");
    expect(change.puts).toEqual([{ entity: { ...house, geometry: { type: "Point", coordinates: at(7, 7) }, smallAreaId: FIXTURE.smallArea["002"] }, baseVersion: house.version }]);
    const { next, back } = applyAndUndo(snapshot, change);
    expect(building(next, house.id)).toMatchObject({ smallAreaId: FIXTURE.smallArea["002"], version: house.version + 1 });
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("translates a footprint so its centroid lands on the point given", () => {
    const school = building(snapshot, BUILDING_FIXTURE.school);
    const change = changeOf(moveBuilding(snapshot, { id: school.id, to: at(1.5, 1) }));
    const moved = change.puts[0].entity as BuildingEntity;
    const [x, y] = buildingAnchor(moved.geometry);
    expect(x).toBeCloseTo(at(1.5, 1)[0], 12);
    expect(y).toBeCloseTo(at(1.5, 1)[1], 12);
    expect((moved.geometry as Polygon).coordinates[0]).toHaveLength(5);
    expect(moved).toMatchObject({ districtId: FIXTURE.district, smallAreaId: FIXTURE.smallArea["006"] });
  });

  it("into another district: units assigned to a small area of the old district count where the building lies again", () => {
    const change = changeOf(moveBuilding(snapshot, { id: house.id, to: at(15, 2) }));
    expect(change.puts.map((p) => [p.entity.type, p.entity.id])).toEqual([["building", house.id], ["housing_unit", BUILDING_FIXTURE.virtualUnit]]);
    expect(change.puts[0].entity).toMatchObject({ districtId: FIXTURE.neighbourDistrict, smallAreaId: FIXTURE.neighbourSmallAreas[0] });
    expect(change.puts[1].entity).toMatchObject({ smallAreaId: null });
    const { back } = applyAndUndo(snapshot, change);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
    // within its district the assignment stays
    expect(changeOf(moveBuilding(snapshot, { id: house.id, to: at(6, 6) })).puts).toHaveLength(1);
  });

  it("refuses bad coordinates and a missing building", () => {
    expect(moveBuilding(snapshot, { id: house.id, to: [120, 95] })).toMatchObject({ ok: false, reason: "invalid_coordinates", place: "to" });
    expect(moveBuilding(snapshot, { id: 999, to: at(1, 1) })).toMatchObject({ ok: false, reason: "not_found", place: "building/999" });
  });
});

describe("editBuilding", () => {
  it("writes the attributes given (texts trimmed, empty as null), keeps the others, and undoes", () => {
    const change = changeOf(editBuilding(snapshot, { id: house.id, use: "mixed", name: " 综合楼 ", floors: 6, notes: "" }));
    expect(change.label).toBe("edit_building");
    expect(change.puts).toEqual([{ entity: { ...house, use: "mixed", name: "综合楼", floors: 6, notes: null }, baseVersion: house.version }]);
    const { back } = applyAndUndo(snapshot, change);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("refuses floors out of 1..200, an unknown use, and a name for a restricted use", () => {
    expect(editBuilding(snapshot, { id: house.id, floors: 201 })).toMatchObject({ ok: false, reason: "invalid", place: "floors" });
    expect(editBuilding(snapshot, { id: house.id, floors: 200 }).ok).toBe(true);
    expect(editBuilding(snapshot, { id: house.id, use: "castle" as BuildingEntity["use"] })).toMatchObject({ ok: false, place: "use" });
    const school = BUILDING_FIXTURE.school;
    expect(editBuilding(snapshot, { id: school, use: "restricted" })).toMatchObject({ ok: false, reason: "invalid", place: "name" });
    expect(editBuilding(snapshot, { id: school, use: "restricted", name: "", nameEn: "" }).ok).toBe(true);
    expect(editBuilding(snapshot, { id: 999 })).toMatchObject({ ok: false, reason: "not_found" });
  });
});

describe("deleteBuilding", () => {
  it("deletes the building and its units in one Change; the undo brings both back with their ids", () => {
    const change = changeOf(deleteBuilding(snapshot, { id: house.id }));
    expect(change.label).toBe("delete_building");
    expect(change.deletes).toEqual([
      { type: "housing_unit", id: 201, baseVersion: 1 }, { type: "housing_unit", id: 202, baseVersion: 3 }, { type: "housing_unit", id: 203, baseVersion: 1 },
      { type: "building", id: house.id, baseVersion: house.version },
    ]);
    const { next, back } = applyAndUndo(snapshot, change);
    expect(next.housingUnits).toEqual([]);
    expect(next.buildings!.some((b) => b.id === house.id)).toBe(false);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
    expect(changeOf(deleteBuilding(snapshot, { id: BUILDING_FIXTURE.school })).deletes).toEqual([{ type: "building", id: BUILDING_FIXTURE.school, baseVersion: 1 }]);
  });
});
