import { beforeAll, describe, expect, it } from "vitest";
import type { Position } from "geojson";
import type { AreaGeometry } from "@/lib/domain/types";
import type { AreaEntity } from "@/lib/edits/types";
import { bboxesIntersect, bboxOfGeometry, type Bbox } from "@/lib/geo/bbox";
import { labelPoint } from "@/lib/geo/label-point";
import { openDatabase, type Db } from "./client";
import { writeChange } from "./edit-mutations";
import { getEditSnapshot } from "./edit-queries";
import { seedDemo } from "./seed";

let db: Db;

beforeAll(async () => {
  db = openDatabase(":memory:");
  await seedDemo(db, ":memory:");
});

const vertices = (g: AreaGeometry | null) =>
  new Set((g ? (g.type === "Polygon" ? [g.coordinates] : g.coordinates).flat(2) : []).map((p: Position) => `${p[0]},${p[1]}`));
const sharesVertex = (a: AreaEntity, b: AreaEntity) => {
  const va = vertices(a.geometry);
  return [...vertices(b.geometry)].some((v) => va.has(v));
};
const assignment = () => db.$client.prepare("SELECT id, district_id, small_area_id FROM buildings ORDER BY id").all();

describe("edits on the demo township", () => {
  it("the snapshot of a view holds every district and small area that shares a vertex with what it shows", () => {
    const all = getEditSnapshot(db);
    const sizes: number[] = [];
    for (const area of all.smallAreas.filter((_, i) => i % 7 === 0)) {
      const [x, y] = labelPoint(area.geometry!);
      const bbox: Bbox = [x - 1e-5, y - 1e-5, x + 1e-5, y + 1e-5];
      const view = getEditSnapshot(db, bbox);
      const loaded = new Set([...view.districts, ...view.smallAreas].map((e) => `${e.type}/${e.id}`));
      const everything = [...all.districts, ...all.smallAreas].filter((e) => e.geometry);
      const shown = everything.filter((e) => bboxesIntersect(bboxOfGeometry(e.geometry!), bbox));
      const neighbours = everything.filter((e) => shown.some((s) => s !== e && sharesVertex(s, e)));
      for (const s of shown) expect(loaded.has(`${s.type}/${s.id}`)).toBe(true);
      expect(neighbours.length).toBeGreaterThan(0);
      for (const n of neighbours) expect(loaded.has(`${n.type}/${n.id}`), `${n.type}/${n.id} next to ${area.code}`).toBe(true);
      sizes.push(view.smallAreas.length);
    }
    expect(Math.min(...sizes)).toBeLessThan(all.smallAreas.length);
  });

  it("deletes a small area (its buildings are freed, a gap is reported) and the inverse restores it all", () => {
    const start = assignment();
    const area = getEditSnapshot(db).smallAreas.find((a) => a.geometry && (db.$client.prepare("SELECT count(*) AS n FROM buildings WHERE small_area_id = ?").get(a.id) as { n: number }).n > 0)!;
    const removed = writeChange(db, { label: "delete_small_area", puts: [], deletes: [{ type: "small_area", id: area.id, baseVersion: area.version }] }, null);
    expect(removed.issues.some((i) => i.kind === "gap")).toBe(true);
    expect(removed.issues.some((i) => i.kind === "unassigned_building")).toBe(true);
    expect(db.$client.prepare("SELECT count(*) AS n FROM buildings WHERE small_area_id = ?").get(area.id)).toEqual({ n: 0 });

    const restored = writeChange(db, removed.inverse, null);
    expect(restored.entities).toEqual([{ ...area, version: area.version + 1 }]);
    expect(restored.issues.some((i) => i.kind === "gap" || i.kind === "unassigned_building")).toBe(false);
    expect(assignment()).toEqual(start);
  });
});
