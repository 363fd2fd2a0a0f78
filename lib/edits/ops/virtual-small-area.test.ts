import { describe, expect, it } from "vitest";
import { applyAndUndo, changeOf, fixtureSnapshot, withoutVersions } from "../test-fixtures";
import type { SmallAreaEntity } from "../types";
import { addVirtualSmallArea } from "./virtual-small-area";

describe("addVirtualSmallArea", () => {
  const snapshot = fixtureSnapshot();
  const district = snapshot.districts[0];

  it("adds a small area without territory with the next free 900+ code, and undoes", () => {
    const change = changeOf(addVirtualSmallArea(snapshot, { districtId: district.id, name: " 职工宿舍 " }));
    const made = change.puts[0].entity as SmallAreaEntity;
    const taken = snapshot.smallAreas.filter((s) => s.districtId === district.id && s.isVirtual).map((s) => Number(s.code));
    expect(made).toMatchObject({ isVirtual: true, geometry: null, districtId: district.id, name: "职工宿舍", status: "draft" });
    expect(Number(made.code)).toBeGreaterThanOrEqual(900);
    expect(taken).not.toContain(Number(made.code));
    const { back } = applyAndUndo(snapshot, change);
    expect(withoutVersions(back)).toEqual(withoutVersions(snapshot));
  });

  it("refuses a missing district and a district with no 900+ code left", () => {
    expect(addVirtualSmallArea(snapshot, { districtId: 999 })).toMatchObject({ ok: false, reason: "not_found" });
    const full = {
      ...snapshot,
      smallAreas: [
        ...snapshot.smallAreas.filter((s) => s.districtId !== district.id),
        ...Array.from({ length: 100 }, (_, i) => ({ ...snapshot.smallAreas[0], id: 1000 + i, districtId: district.id, code: String(900 + i), isVirtual: true, geometry: null })),
      ],
    };
    expect(addVirtualSmallArea(full, { districtId: district.id })).toMatchObject({ ok: false, reason: "no_free_code" });
  });
});
