import { beforeEach, describe, expect, it } from "vitest";
import { shanghaiDay } from "@/lib/domain/progress";
import type { SmallAreaEntity } from "@/lib/edits/types";
import type { Actor } from "./access";
import { createUser } from "./auth";
import { openDatabase, type Db } from "./client";
import { writeChange } from "./edit-mutations";
import { loadEditEntities } from "./edit-queries";
import { E, findEntities, rect, seedEditTownship, W } from "./edit-test-fixture";
import { getDailyReport } from "./progress-daily";
import { transitionSmallArea } from "./workflow";

let db: Db;
let admin: Actor;
const DAY = 86_400_000;

beforeEach(async () => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
  admin = { id: await createUser(db, { username: "boss", role: "admin" }), username: "boss", role: "admin" };
});

const iso = (ms: number) => new Date(ms).toISOString();
const buildingIds = () => (db.$client.prepare("SELECT b.id FROM buildings b JOIN districts d ON d.id = b.district_id ORDER BY d.code, b.id").all() as Array<{ id: number }>).map((r) => r.id);

/** A row of the change log written earlier than now (the log is append-only: this is how history looks). */
function logAt(at: number, entityType: string, entityId: number, before: unknown, after: unknown): void {
  db.$client
    .prepare("INSERT INTO change_log (change_id, at, user_id, label, entity_type, entity_id, op, before, after) VALUES (?, ?, ?, 'test', ?, ?, 'put', ?, ?)")
    .run(`past-${at}-${entityId}`, iso(at), admin.id, entityType, entityId, JSON.stringify(before), JSON.stringify(after));
}

describe("getDailyReport", () => {
  it("is today's totals alone when nothing is logged", () => {
    const now = Date.parse("2030-05-01T17:00:00Z");
    const report = getDailyReport(db, { townshipIds: null }, now);
    expect(report.days).toEqual(["2030-05-02"]);
    expect(report.townships[0].totals[0]).toMatchObject({ districts: 3, smallAreas: 3, draft: 3, buildings: 6, households: 6 });
    expect(report.series).toEqual([{ day: "2030-05-02", activity: { drawn: 0, submitted: 0, approved: 0, confirmed: 0, buildings: 0 }, cumulative: { drawn: 3, submitted: 0, approved: 0, confirmed: 0, buildings: 6 } }]);
  });

  it("works each day's totals back from today through the change log and the review events", () => {
    const now = Date.now();
    const { smallArea } = findEntities(db);
    const e001 = smallArea(E, "001");
    const [w1, w2] = buildingIds();
    const e600 = buildingIds()[4];
    // two days ago E 001 was drawn; yesterday it was submitted, a building marked and two imported
    logAt(now - 2 * DAY, "small_area", e001.id, null, { ...e001, status: "draft" });
    db.$client.prepare("INSERT INTO review_events (small_area_id, user_id, action, from_status, to_status, created_at) VALUES (?, ?, 'submit', 'draft', 'submitted', ?)").run(e001.id, admin.id, iso(now - DAY));
    db.$client.prepare("UPDATE small_areas SET status = 'submitted' WHERE id = ?").run(e001.id);
    logAt(now - DAY, "building", e600, null, { type: "building", id: e600, districtId: null });
    logAt(now - DAY, "import", w1, null, { layer: "buildings", buildings: 2, firstBuildingId: w1, lastBuildingId: w2 });

    // today, through the real writes: W 002 split in two, W 001 submitted and approved, a unit's households 1 → 3
    const a2 = smallArea(W, "002");
    const created: SmallAreaEntity = { ...a2, id: -1, version: 0, code: "003", geometry: rect(200, 200, 400, 400) };
    writeChange(db, { label: "split_small_area", puts: [{ entity: { ...a2, geometry: rect(200, 0, 400, 200) }, baseVersion: a2.version }, { entity: created, baseVersion: null }], deletes: [] }, admin.id);
    for (const action of ["submit", "approve"] as const) {
      const a1 = findEntities(db).smallArea(W, "001");
      expect(transitionSmallArea(db, admin, { smallAreaId: a1.id, action, baseVersion: a1.version }).ok).toBe(true);
    }
    const unitId = (db.$client.prepare("SELECT id FROM housing_units WHERE building_id = ?").get(w1) as { id: number }).id;
    const unit = loadEditEntities(db, [{ type: "housing_unit", id: unitId }]).housingUnits![0];
    writeChange(db, { label: "edit_housing_unit", puts: [{ entity: { ...unit, households: 3 }, baseVersion: unit.version }], deletes: [] }, admin.id);

    const report = getDailyReport(db, { townshipIds: null }, now);
    expect(report.days).toEqual([shanghaiDay(now - 2 * DAY), shanghaiDay(now - DAY), shanghaiDay(now)]);
    const totals = report.townships[0].totals;
    expect(totals[2]).toMatchObject({ districts: 3, smallAreas: 4, draft: 2, submitted: 1, approved: 1, buildings: 6, households: 8 });
    expect(totals[1]).toMatchObject({ smallAreas: 3, draft: 2, submitted: 1, approved: 0, buildings: 6, households: 6 });
    expect(totals[0]).toMatchObject({ smallAreas: 3, draft: 3, submitted: 0, buildings: 3, households: 4 });
    expect(report.series.map((p) => p.activity)).toEqual([
      { drawn: 1, submitted: 0, approved: 0, confirmed: 0, buildings: 0 },
      { drawn: 0, submitted: 1, approved: 0, confirmed: 0, buildings: 3 },
      { drawn: 1, submitted: 1, approved: 1, confirmed: 0, buildings: 0 },
    ]);
    expect(report.series.map((p) => [p.cumulative.drawn, p.cumulative.submitted, p.cumulative.approved, p.cumulative.buildings])).toEqual([
      [3, 0, 0, 3],
      [3, 1, 0, 6],
      [4, 2, 1, 6],
    ]);
  });

  it("leaves out townships outside the scope, and their activity", () => {
    const now = Date.now();
    const e001 = findEntities(db).smallArea(E, "001");
    logAt(now - 5 * DAY, "small_area", e001.id, null, { ...e001, status: "draft" });
    const report = getDailyReport(db, { townshipIds: [987654] }, now);
    expect(report.townships).toEqual([]);
    expect(report.days).toEqual([shanghaiDay(now)]);
    expect(report.series[0].cumulative.drawn).toBe(0);
  });
});
