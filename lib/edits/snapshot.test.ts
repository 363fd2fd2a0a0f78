import { describe, expect, it } from "vitest";
import { mergeServerEntities } from "./snapshot";
import type { BuildingEntity, DistrictEntity, EditSnapshot, HousingUnitEntity, SmallAreaEntity } from "./types";

const district: DistrictEntity = {
  type: "district", id: 1, version: 1, townshipId: 1, code: "330100001001", nameZh: "甲", nameEn: "A", kind: "village",
  geometry: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
};
const area = (id: number, version = 1): SmallAreaEntity => ({
  type: "small_area", id, version, districtId: 1, code: String(id).padStart(3, "0"), name: null, isVirtual: false,
  geometry: district.geometry, status: "draft", notes: null,
});

describe("mergeServerEntities", () => {
  it("replaces, deletes and appends, and drops temporary ids", () => {
    const snapshot: EditSnapshot = Object.freeze({ districts: [district], smallAreas: [area(1), area(2), area(-1, 0)] });
    const next = mergeServerEntities(snapshot, [area(1, 2), area(7)], [{ type: "small_area", id: 2 }]);
    expect(next.smallAreas.map((s) => [s.id, s.version])).toEqual([[1, 2], [7, 1]]);
    expect(next.districts).toEqual([district]);
    expect(snapshot.smallAreas).toHaveLength(3);
  });
});

describe("mergeServerEntities with buildings and housing units", () => {
  it("merges every type, keeps absent lists absent, and appends new buildings and units", () => {
    const building: BuildingEntity = {
      type: "building", id: 5, version: 1, districtId: 1, smallAreaId: 1, number: null, use: "residential", name: null, nameEn: null, floors: 1, notes: null,
      geometry: { type: "Point", coordinates: [0.5, 0.5] },
    };
    const unit = (id: number, version = 1): HousingUnitEntity => ({
      type: "housing_unit", id, version, buildingId: 5, smallAreaId: null, unitNumber: String(id), floor: null, entrance: null, status: "occupied", households: 1, persons: 0,
    });
    const areasOnly: EditSnapshot = Object.freeze({ districts: [district], smallAreas: [area(1)] });
    expect(mergeServerEntities(areasOnly, [area(1, 2)])).toEqual({ districts: [district], smallAreas: [area(1, 2)] });

    const placed: EditSnapshot = Object.freeze({ ...areasOnly, buildings: [{ ...building, id: -1, version: 1 }], housingUnits: [unit(-1), unit(-2)] });
    const merged = mergeServerEntities(placed, [building, unit(8), unit(9)]);
    expect(merged.buildings).toEqual([building]);
    expect(merged.housingUnits!.map((u) => u.id)).toEqual([8, 9]);

    const after = mergeServerEntities(merged, [unit(9, 2)], [{ type: "housing_unit", id: 8 }]);
    expect(after.housingUnits).toEqual([unit(9, 2)]);
    expect(after.buildings).toEqual([building]);
  });
});
