import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "./client";
import { editSmallAreaAttributes } from "@/lib/edits/ops/edit-attributes";
import { writeChange } from "./edit-mutations";
import { getEditSnapshot } from "./edit-queries";
import { WriteRefused } from "./mutations";
import { getExtent, getHierarchy, getLayerFeatures, getSmallAreaDetail } from "./queries";
import { seedDemo } from "./seed";
import { generateDemoTownship } from "./seed/generate-township";

let db: Db;
const town = generateDemoTownship(1);

beforeAll(async () => {
  db = openDatabase(":memory:");
  const report = await seedDemo(db, ":memory:");
  expect(report.seeded).toBe(true);
});

describe("database (in-memory SQLite, real migrations)", () => {
  it("applies the pragmas and the R*Tree index", () => {
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%_rtree'").all() as Array<{ name: string }>;
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["districts_rtree", "small_areas_rtree", "buildings_rtree"]));
    const n = db.$client.prepare("SELECT count(*) AS n FROM buildings_rtree").get() as { n: number };
    expect(n.n).toBe(town.buildings.length);
  });

  it("does not seed twice", async () => {
    const again = await seedDemo(db, ":memory:");
    expect(again.seeded).toBe(false);
    const n = db.$client.prepare("SELECT count(*) AS n FROM districts").get() as { n: number };
    expect(n.n).toBe(town.districts.length);
  });

  it("lists the hierarchy with the generator's counts", () => {
    const [county] = getHierarchy(db);
    expect(county.code).toBe(town.county.code);
    const township = county.children[0];
    expect(township.code).toBe(town.township.code);
    expect(township.children.map((d) => d.code)).toEqual(town.districts.map((d) => d.code).sort());
    expect(township.counts.smallAreas).toBe(town.smallAreas.length);
    expect(township.counts.buildings).toBe(town.buildings.length);
    const households = town.buildings.flatMap((b) => b.units).reduce((s, u) => s + u.households, 0);
    expect(county.counts.households).toBe(households);
  });

  it("totals a small area from its buildings' housing units", () => {
    const area = town.smallAreas[0];
    const full = `${area.districtCode}${area.code}`;
    const expected = town.buildings.filter((b) => b.smallAreaFullCode === full);
    const fc = getLayerFeatures(db, "small-areas");
    const f = fc.features.find((x) => x.properties?.fullCode === full);
    expect(f).toBeDefined();
    const detail = getSmallAreaDetail(db, Number(f!.id));
    expect(detail?.buildings).toBe(expected.length);
    expect(detail?.households).toBe(expected.flatMap((b) => b.units).reduce((s, u) => s + u.households, 0));
    expect(detail?.persons).toBe(expected.flatMap((b) => b.units).reduce((s, u) => s + u.persons, 0));
  });

  it("filters a layer by bbox through the R*Tree", () => {
    const all = getLayerFeatures(db, "buildings");
    const extent = getExtent(db)!;
    const [w, s, e, n] = extent;
    const quarter: [number, number, number, number] = [w, s, (w + e) / 2, (s + n) / 2];
    const some = getLayerFeatures(db, "buildings", quarter);
    expect(all.features.length).toBe(town.buildings.length);
    expect(some.features.length).toBeGreaterThan(0);
    expect(some.features.length).toBeLessThan(all.features.length);
  });

  it("checks versions on write and keeps the change log append-only", () => {
    const id = Number(getLayerFeatures(db, "small-areas").features[0].id);
    const before = getSmallAreaDetail(db, id)!;
    const edit = (name: string, snapshot = getEditSnapshot(db)) => {
      const op = editSmallAreaAttributes(snapshot, { id, name, notes: "沿河" });
      if (!op.ok) throw new Error(op.reason);
      return op.change;
    };
    const stale = getEditSnapshot(db);
    const [written] = writeChange(db, edit("河东片"), null).entities;
    expect(written.version).toBe(before.version + 1);
    expect(getSmallAreaDetail(db, id)?.name).toBe("河东片");
    expect(() => writeChange(db, edit("x", stale), null)).toThrowError(WriteRefused);
    expect(getSmallAreaDetail(db, id)?.name).toBe("河东片");
    const log = db.$client.prepare("SELECT count(*) AS n FROM change_log").get() as { n: number };
    expect(log.n).toBe(1);
    expect(() => db.$client.prepare("DELETE FROM change_log").run()).toThrowError(/append-only/);
  });
});
