import { describe, expect, it } from "vitest";
import { splitSmallArea } from "@/lib/edits/ops/split-area";
import { openDatabase } from "./client";
import { getEditSnapshot } from "./edit-queries";
import { previewChange } from "./edit-preview";
import { seedDemo } from "./seed";
import { getSmallAreaDetail } from "./queries";
import { labelPoint } from "@/lib/geo/label-point";
import { bboxOfGeometry } from "@/lib/geo/bbox";

describe("previewChange", () => {
  it("gives the sizes a split would make and writes nothing", async () => {
    const db = openDatabase(":memory:");
    await seedDemo(db, ":memory:", { imagery: false });
    const snapshot = getEditSnapshot(db);
    const area = snapshot.smallAreas.find((a) => a.geometry && (getSmallAreaDetail(db, a.id)?.households ?? 0) > 60)!;
    const [w, , e] = bboxOfGeometry(area.geometry!);
    const [, y] = labelPoint(area.geometry!);
    const op = splitSmallArea(snapshot, { id: area.id, line: [[w - 0.001, y], [e + 0.001, y]] });
    expect(op.ok).toBe(true);
    if (!op.ok) return;
    const before = getSmallAreaDetail(db, area.id)!;
    const log = () => (db.$client.prepare("SELECT COUNT(*) AS n FROM change_log").get() as { n: number }).n;
    const logBefore = log();
    const pieces = previewChange(db, op.change, null);
    // the two pieces (the neighbours that took the cut's end points are listed too, their sizes unchanged)
    const halves = pieces.filter((p) => p.id === area.id || p.id === -1);
    expect(halves).toHaveLength(2);
    expect(halves.reduce((sum, p) => sum + p.households, 0)).toBe(before.households);
    expect(halves.every((p) => p.households > 0)).toBe(true);
    for (const p of pieces.filter((p) => p.id !== area.id && p.id !== -1)) expect(p.households).toBe(getSmallAreaDetail(db, p.id)!.households);
    expect(getSmallAreaDetail(db, area.id)).toEqual(before);
    expect(log()).toBe(logBefore);
    expect(getEditSnapshot(db)).toEqual(snapshot);
  });
});
