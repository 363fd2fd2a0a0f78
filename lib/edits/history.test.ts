import { describe, expect, it } from "vitest";
import { emptyHistory, HISTORY_LIMIT, parseHistory, rebaseOnSnapshot, recordEdit, recordRedo, recordUndo } from "./history";
import type { BuildingEntity, Change, SmallAreaEntity } from "./types";

const change = (n: number): Change => ({ label: "move_vertex", puts: [], deletes: [{ type: "small_area", id: n, baseVersion: 1 }] });

describe("edit history", () => {
  it("moves entries between the stacks as undo and redo are written", () => {
    let h = recordEdit(emptyHistory(), "split_small_area", change(1));
    h = recordEdit(h, "merge_small_areas", change(2));
    expect(h.undo.map((e) => e.label)).toEqual(["split_small_area", "merge_small_areas"]);
    h = recordUndo(h, change(20));
    expect(h.undo).toHaveLength(1);
    expect(h.redo).toEqual([{ label: "merge_small_areas", change: change(20), after: [] }]);
    h = recordRedo(h, change(200));
    expect(h.undo[1]).toEqual({ label: "merge_small_areas", change: change(200), after: [] });
    expect(h.redo).toEqual([]);
  });

  it("drops the redo stack on a new edit and keeps at most HISTORY_LIMIT steps", () => {
    let h = recordEdit(emptyHistory(), "split_small_area", change(1));
    h = recordUndo(h, change(2));
    h = recordEdit(h, "move_vertex", change(3));
    expect(h.redo).toEqual([]);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = recordEdit(h, "move_vertex", change(i));
    expect(h.undo).toHaveLength(HISTORY_LIMIT);
  });

  it("survives a round trip through storage and ignores garbage", () => {
    const h = recordEdit(emptyHistory(), "split_small_area", change(1));
    expect(parseHistory(JSON.stringify(h))).toEqual(h);
    expect(parseHistory("{not json")).toEqual(emptyHistory());
    expect(parseHistory(JSON.stringify({ undo: 3 }))).toEqual(emptyHistory());
    expect(parseHistory(null)).toEqual(emptyHistory());
  });

  it("ignores undo and redo on empty stacks", () => {
    expect(recordUndo(emptyHistory(), change(1))).toEqual(emptyHistory());
    expect(recordRedo(emptyHistory(), change(1))).toEqual(emptyHistory());
  });
});

describe("rebaseOnSnapshot", () => {
  const area = (version: number, name: string | null): SmallAreaEntity => ({
    type: "small_area", id: 5, version, districtId: 1, code: "005", name, isVirtual: false, status: "draft", notes: null,
    geometry: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
  });
  const entry = { label: "edit_attributes" as const, change: { label: "edit_attributes" as const, puts: [{ entity: area(3, "old"), baseVersion: 3 }], deletes: [] }, after: [area(3, "new")] };

  it("moves the base version on when only the version changed since the gesture", () => {
    const rebased = rebaseOnSnapshot(entry, { districts: [], smallAreas: [area(5, "new")] });
    expect(rebased.puts[0]).toEqual({ entity: area(5, "old"), baseVersion: 5 });
  });

  it("keeps the old base version when someone changed the content (the server then answers 409)", () => {
    expect(rebaseOnSnapshot(entry, { districts: [], smallAreas: [area(5, "theirs")] }).puts[0].baseVersion).toBe(3);
    expect(rebaseOnSnapshot(entry, { districts: [], smallAreas: [] }).puts[0].baseVersion).toBe(3);
  });
});

describe("rebaseOnSnapshot with buildings and housing units", () => {
  it("rebases a building's undo when only the user's own round trips moved its version on", () => {
    const building: BuildingEntity = {
      type: "building", id: 7, version: 3, districtId: 1, smallAreaId: 2, number: 1, use: "residential", name: null, nameEn: null, floors: 2, notes: null,
      geometry: { type: "Point", coordinates: [120, 30] },
    };
    const undo: Change = { label: "edit_building", puts: [{ entity: { ...building, floors: 1, version: 2 }, baseVersion: 2 }], deletes: [{ type: "housing_unit", id: 9, baseVersion: 1 }] };
    const entry = { label: "edit_building" as const, change: undo, after: [{ ...building, version: 2 }] };
    const rebased = rebaseOnSnapshot(entry, { districts: [], smallAreas: [], buildings: [building] });
    expect(rebased.puts[0]).toMatchObject({ baseVersion: 3, entity: { version: 3, floors: 1 } });
    const changed = rebaseOnSnapshot(entry, { districts: [], smallAreas: [], buildings: [{ ...building, floors: 5 }] });
    expect(changed.puts[0].baseVersion).toBe(2);
  });
});
