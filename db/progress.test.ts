import { eq } from "drizzle-orm";
import type { Point } from "geojson";
import { beforeEach, describe, expect, it } from "vitest";
import { checkCoverage } from "@/lib/coverage/check";
import type { UserRole } from "@/lib/domain/types";
import type { WorkflowAction } from "@/lib/domain/workflow";
import type { Actor } from "./access";
import { appendAudit } from "./audit";
import { createUser } from "./auth";
import { openDatabase, type Db } from "./client";
import { getCoverageInput, getCoverageSettings } from "./coverage-queries";
import { E, findEntities, N, rect, seedEditTownship, W } from "./edit-test-fixture";
import { getProgress, progressScopeOf } from "./progress";
import { adminUnits, assignments, buildings, districts } from "./schema";
import { bboxColumns } from "./seed/insert-township";
import { tinyAt } from "./seed/tiny-township-fixture";
import { transitionSmallArea } from "./workflow";

let db: Db;
let admin: Actor;
let otherTownship: number;
let township: number;

async function person(role: UserRole, username: string): Promise<Actor> {
  return { id: await createUser(db, { username, role }), username, role };
}

function step(districtCode: string, code: string, ...actions: WorkflowAction[]): void {
  for (const action of actions) {
    const area = findEntities(db).smallArea(districtCode, code);
    const result = transitionSmallArea(db, admin, { smallAreaId: area.id, action, baseVersion: area.version, comment: action === "return" ? "边界不清" : null });
    if (!result.ok) throw new Error(`${action}: ${result.reason}`);
  }
}

beforeEach(async () => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
  const first = db.select().from(adminUnits).where(eq(adminUnits.level, "township")).get()!;
  township = first.id;
  const geometry = rect(0, 1000, 800, 1800);
  otherTownship = db
    .insert(adminUnits)
    .values({ censusId: first.censusId, parentId: first.parentId, level: "township", code: "440101002", nameZh: "邻镇", nameEn: "Next Town", geometry, ...bboxColumns(geometry) })
    .returning()
    .get().id;
  db.insert(districts).values({ townshipId: otherTownship, code: "440101002001", nameZh: "邻村", nameEn: "Next Village", geometry, ...bboxColumns(geometry) }).run();
  admin = await person("admin", "boss");
});

describe("getProgress", () => {
  it("counts districts, small areas by state, printed, buildings, units and households, summed up to the county", () => {
    step(W, "001", "submit", "approve", "confirm");
    step(W, "002", "submit");
    step(E, "001", "submit", "return");
    const { smallArea } = findEntities(db);
    for (const id of [smallArea(W, "001").id, smallArea(W, "001").id, smallArea(W, "002").id]) appendAudit(db, { actor: admin, action: "print", targetType: "small_area", targetId: id });
    appendAudit(db, { actor: admin, action: "print", outcome: "refused", targetType: "small_area", targetId: smallArea(E, "001").id });

    const progress = getProgress(db, { townshipIds: null }, { issues: false });
    expect(progress.county).toMatchObject({ code: "440101", nameZh: "示范县" });
    expect(progress.townships.map((t) => t.code)).toEqual(["440101001", "440101002"]);
    const [tiny, next] = progress.townships;
    expect(tiny.counts).toMatchObject({ districts: 3, districtsDivided: 2, smallAreas: 3, drawn: 3, printed: 2, buildings: 6, housingUnits: 6, households: 6 });
    expect(tiny.counts.states).toEqual({ draft: 0, submitted: 1, returned: 1, approved: 0, confirmed: 1, ready: 0 });
    expect(tiny.percent).toBe(33.3);
    const w = tiny.districts.find((d) => d.code === W)!;
    expect(w.counts).toMatchObject({ smallAreas: 2, printed: 2, buildings: 4, households: 4 });
    expect(w.percent).toBe(50);
    expect(tiny.districts.find((d) => d.code === N)!.counts).toMatchObject({ smallAreas: 0, districtsDivided: 0, buildings: 1 });
    expect(next.counts).toMatchObject({ districts: 1, smallAreas: 0 });
    expect(progress.county.counts).toMatchObject({ districts: 4, smallAreas: 3, buildings: 6 });
    expect(progress.county.percent).toBe(33.3);

    step(W, "001", "release");
    step(W, "002", "approve", "confirm");
    expect(getProgress(db, { townshipIds: null }, { issues: false }).county.percent).toBe(66.7);
  });

  it("counts the open coverage issues of the same check as GET /api/coverage, per township and district", () => {
    // a building in the first township's ground that no district covers: an issue named by no district
    const point: Point = { type: "Point", coordinates: tinyAt(200, 600) };
    db.insert(buildings).values({ geometry: point, ...bboxColumns(point) }).run();
    // and one outside every township: counted for the county only
    const far: Point = { type: "Point", coordinates: tinyAt(3000, 3000) };
    db.insert(buildings).values({ geometry: far, ...bboxColumns(far) }).run();
    const report = checkCoverage(getCoverageInput(db)!, getCoverageSettings(db));
    expect(report.issues.length).toBeGreaterThan(0);
    const progress = getProgress(db, { townshipIds: null });
    expect(progress.county.counts.issues).toBe(report.issues.length);
    const [tiny, next] = progress.townships;
    expect(report.issues.filter((i) => i.kind === "unassigned_building" && i.district === null)).toHaveLength(2);
    expect(tiny.counts.issues).toBe(report.issues.length - 1);
    expect(next.counts.issues).toBe(0);
    const namedByDistrict = report.issues.filter((i) => (i.district ?? i.districts?.[0]) === W).length;
    expect(tiny.districts.find((d) => d.code === W)!.counts.issues).toBe(namedByDistrict);
  });

  it("shows a township office its townships only", async () => {
    const office = await person("office", "township-office");
    db.insert(assignments).values({ userId: office.id, role: "office", adminUnitId: otherTownship }).run();
    const scope = progressScopeOf(db, office);
    expect(scope).toEqual({ townshipIds: [otherTownship] });
    const progress = getProgress(db, scope);
    expect(progress.townships.map((t) => t.code)).toEqual(["440101002"]);
    expect(progress.county.counts).toMatchObject({ districts: 1, smallAreas: 0, buildings: 0, households: 0 });
    expect(progressScopeOf(db, await person("office", "county-office"))).toEqual({ townshipIds: null });
    expect(progressScopeOf(db, await person("auditor", "auditor"))).toEqual({ townshipIds: null });
    expect(getProgress(db, { townshipIds: [township] }, { issues: false }).county.counts.districts).toBe(3);
  });
});
