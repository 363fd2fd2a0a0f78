import { describe, expect, it } from "vitest";
import { mergeServerEntities } from "./snapshot";
import type { DistrictEntity, EditSnapshot, SmallAreaEntity } from "./types";

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
