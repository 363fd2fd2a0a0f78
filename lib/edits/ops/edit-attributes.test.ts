import { describe, expect, it } from "vitest";
import { applyAndUndo, changeOf, FIXTURE, fixtureSnapshot, withoutVersions } from "../test-fixtures";
import { assignSmallAreaCode, editDistrictAttributes, editSmallAreaAttributes } from "./edit-attributes";

const snapshot = fixtureSnapshot();
const id = FIXTURE.smallArea["004"];

describe("editSmallAreaAttributes", () => {
  it("writes the trimmed name and notes (empty as null), and undoes", () => {
    const change = changeOf(editSmallAreaAttributes(snapshot, { id, name: "  东街 ", notes: "   " }));
    expect(change.label).toBe("edit_attributes");
    expect(change.puts).toEqual([{ entity: { ...snapshot.smallAreas[3], name: "东街", notes: null }, baseVersion: 1 }]);
    const { next, back } = applyAndUndo(snapshot, change);
    expect(next.smallAreas[3]).toMatchObject({ name: "东街", version: 2 });
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
    expect(editSmallAreaAttributes(snapshot, { id: 99, name: null, notes: null })).toMatchObject({ ok: false, reason: "not_found" });
  });
});

describe("assignSmallAreaCode", () => {
  it("assigns a typed free code, and undoes", () => {
    const change = changeOf(assignSmallAreaCode(snapshot, { id, code: "010" }));
    expect(change.label).toBe("assign_code");
    const { next, back } = applyAndUndo(snapshot, change);
    expect(next.smallAreas[3].code).toBe("010");
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("assigns the next free code when none is typed (900+ for virtual small areas)", () => {
    expect(changeOf(assignSmallAreaCode(snapshot, { id })).puts[0].entity).toMatchObject({ code: "004" });
    const other = changeOf(assignSmallAreaCode(snapshot, { id: FIXTURE.neighbourSmallAreas[1] }));
    expect(other.puts[0].entity).toMatchObject({ code: "002" });
    expect(changeOf(assignSmallAreaCode(snapshot, { id: FIXTURE.virtualSmallArea, code: null })).puts[0].entity).toMatchObject({ code: "900" });
  });

  it("refuses a taken code, a code of the wrong form or range, and a missing small area", () => {
    expect(assignSmallAreaCode(snapshot, { id, code: "002" })).toMatchObject({ ok: false, reason: "code_taken", place: "code" });
    expect(assignSmallAreaCode(snapshot, { id, code: "901" })).toMatchObject({ ok: false, reason: "bad_code" });
    expect(assignSmallAreaCode(snapshot, { id, code: "12" })).toMatchObject({ ok: false, reason: "bad_code" });
    expect(assignSmallAreaCode(snapshot, { id: FIXTURE.virtualSmallArea, code: "007" })).toMatchObject({ ok: false, reason: "bad_code" });
    expect(assignSmallAreaCode(snapshot, { id: 99, code: "010" })).toMatchObject({ ok: false, reason: "not_found" });
  });
});

describe("editDistrictAttributes", () => {
  it("writes the names, and undoes", () => {
    const change = changeOf(editDistrictAttributes(snapshot, { id: FIXTURE.district, nameZh: " 新村 ", nameEn: "Xincun" }));
    expect(change.puts[0]).toMatchObject({ entity: { nameZh: "新村", nameEn: "Xincun" }, baseVersion: 4 });
    const { back } = applyAndUndo(snapshot, change);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("refuses an empty Chinese name and a missing district", () => {
    expect(editDistrictAttributes(snapshot, { id: FIXTURE.district, nameZh: " ", nameEn: "x" })).toMatchObject({ ok: false, reason: "invalid", place: "nameZh" });
    expect(editDistrictAttributes(snapshot, { id: 99, nameZh: "村", nameEn: "" })).toMatchObject({ ok: false, reason: "not_found" });
  });
});
