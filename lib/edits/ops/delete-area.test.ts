import { describe, expect, it } from "vitest";
import { applyAndUndo, changeOf, deepFreeze, FIXTURE, fixtureSnapshot, partitionIssues, withoutVersions } from "../test-fixtures";
import { deleteDistrict, deleteSmallArea } from "./delete-area";

const snapshot = fixtureSnapshot();

describe("deleteSmallArea", () => {
  it("deletes the small area at the version read and leaves its ground as a gap; undo brings it back", () => {
    const change = changeOf(deleteSmallArea(snapshot, { id: FIXTURE.smallArea["004"] }));
    expect(change).toEqual({ label: "delete_small_area", puts: [], deletes: [{ type: "small_area", id: 14, baseVersion: 1 }] });
    const { next, back } = applyAndUndo(snapshot, change);
    expect(partitionIssues(next).map((i) => [i.kind, i.district])).toEqual([["gap", FIXTURE.districtCode]]);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
    expect(partitionIssues(back)).toEqual([]);
  });

  it("deletes a virtual small area, and refuses a missing one", () => {
    expect(changeOf(deleteSmallArea(snapshot, { id: FIXTURE.virtualSmallArea })).deletes).toHaveLength(1);
    expect(deleteSmallArea(snapshot, { id: 99 })).toMatchObject({ ok: false, reason: "not_found", place: "small_area/99" });
  });
});

describe("deleteDistrict", () => {
  it("deletes an empty district; undo re-creates it", () => {
    const change = changeOf(deleteDistrict(snapshot, { id: FIXTURE.emptyDistrict }));
    expect(change.deletes).toEqual([{ type: "district", id: 3, baseVersion: 1 }]);
    const { next, back } = applyAndUndo(snapshot, change);
    expect(next.districts.map((d) => d.id)).toEqual([1, 2]);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("refuses a district with small areas, virtual ones included, and a missing one", () => {
    expect(deleteDistrict(snapshot, { id: FIXTURE.district })).toMatchObject({ ok: false, reason: "district_not_empty", place: "district/1" });
    const onlyVirtual = deepFreeze({
      ...snapshot,
      smallAreas: [...snapshot.smallAreas, { ...snapshot.smallAreas.find((s) => s.id === FIXTURE.virtualSmallArea)!, id: 30, districtId: FIXTURE.emptyDistrict }],
    });
    expect(deleteDistrict(onlyVirtual, { id: FIXTURE.emptyDistrict })).toMatchObject({ ok: false, reason: "district_not_empty" });
    expect(deleteDistrict(snapshot, { id: 99 })).toMatchObject({ ok: false, reason: "not_found" });
  });
});
