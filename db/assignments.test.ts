import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { UserRole } from "@/lib/domain/types";
import { loadAssignment, type Actor } from "./access";
import { listAssignableUsers, listDistrictsToAssign, listSmallAreasToAssign, listTownshipsToAssign } from "./assignment-queries";
import { AssignRefused, assignDistricts, assignSmallAreas, assignTownships, findAssignmentIds, listAssignments, unassign } from "./assignments";
import { countAudit, listAudit } from "./audit";
import { createUser, setDisabled } from "./auth";
import { openDatabase, type Db } from "./client";
import { E, findEntities, N, rect, seedEditTownship, W } from "./edit-test-fixture";
import { bboxColumns } from "./seed/insert-township";
import { adminUnits, assignments, districts } from "./schema";

let db: Db;
let admin: Actor;
let ids: { W: number; E: number; N: number; other: number; township: number; otherTownship: number; county: number };

async function person(role: UserRole, username: string): Promise<Actor> {
  return { id: await createUser(db, { username, role }), username, role };
}

function refusal(fn: () => unknown): AssignRefused {
  try {
    fn();
  } catch (error) {
    if (error instanceof AssignRefused) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const rowCount = () => db.select().from(assignments).all().length;

beforeEach(async () => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
  const township = db.select().from(adminUnits).where(eq(adminUnits.level, "township")).get()!;
  const other = db
    .insert(adminUnits)
    .values({ censusId: township.censusId, parentId: township.parentId, level: "township", code: "440101002", nameZh: "邻镇", nameEn: "Next Town", geometry: rect(0, 1000, 800, 1800), ...bboxColumns(rect(0, 1000, 800, 1800)) })
    .returning()
    .get();
  const district = db
    .insert(districts)
    .values({ townshipId: other.id, code: "440101002001", nameZh: "邻村", nameEn: "Next Village", geometry: rect(0, 1000, 800, 1800), ...bboxColumns(rect(0, 1000, 800, 1800)) })
    .returning()
    .get();
  const { district: d } = findEntities(db);
  ids = { W: d(W).id, E: d(E).id, N: d(N).id, other: district.id, township: township.id, otherTownship: other.id, county: township.parentId! };
  admin = await person("admin", "boss");
});

describe("assignDistricts", () => {
  it("gives districts to a mapper once, ignoring what the mapper has already, and audits the counts", async () => {
    const mapper = await person("mapper", "li");
    expect(assignDistricts(db, admin, { userId: mapper.id, districtIds: [ids.W, ids.E, ids.W], role: "mapper" })).toEqual({ added: 2, unchanged: 0 });
    expect(assignDistricts(db, admin, { userId: mapper.id, districtIds: [ids.E, ids.N], role: "mapper" })).toEqual({ added: 1, unchanged: 1 });
    expect([...loadAssignment(db, mapper.id).districtIds].sort()).toEqual([ids.W, ids.E, ids.N].sort());
    expect(rowCount()).toBe(3);
    const audit = listAudit(db, { action: "assign" });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ userId: admin.id, targetType: "user", targetId: String(mapper.id), outcome: "ok" });
    expect(audit[0].detail).toContain("1 districts added, 1 already assigned");
  });

  it("gives districts to a guide only as a guide, and names the person of the wrong role", async () => {
    const guide = await person("guide", "wang");
    const mapper = await person("mapper", "zhao");
    expect(assignDistricts(db, admin, { userId: guide.id, districtIds: [ids.W], role: "guide" })).toEqual({ added: 1, unchanged: 0 });
    const wrong = refusal(() => assignDistricts(db, admin, { userId: mapper.id, districtIds: [ids.W], role: "guide" }));
    expect(wrong).toMatchObject({ status: 422, reason: "wrong_role", place: `user/${mapper.id}` });
    expect(wrong.message).toContain("zhao");
    expect(listAssignments(db, { userId: guide.id })[0]).toMatchObject({ role: "guide", districtCode: W, districtNameZh: "西村", townshipCode: "440101001", displayName: "wang" });
    expect(rowCount()).toBe(1);
  });

  it("refuses disabled and missing people, and missing districts, writing nothing", async () => {
    const mapper = await person("mapper", "qian");
    const disabled = await person("mapper", "sun");
    setDisabled(db, disabled.id, true);
    expect(refusal(() => assignDistricts(db, admin, { userId: disabled.id, districtIds: [ids.W], role: "mapper" }))).toMatchObject({ status: 422, reason: "user_disabled" });
    expect(refusal(() => assignDistricts(db, admin, { userId: 9999, districtIds: [ids.W], role: "mapper" }))).toMatchObject({ status: 404, place: "user/9999" });
    expect(refusal(() => assignDistricts(db, admin, { userId: mapper.id, districtIds: [ids.W, 777], role: "mapper" }))).toMatchObject({ status: 404, reason: "not_found", place: "district/777" });
    expect(refusal(() => assignDistricts(db, admin, { userId: mapper.id, districtIds: [], role: "mapper" }))).toMatchObject({ status: 422, place: "districtIds" });
    expect(refusal(() => assignDistricts(db, admin, { userId: mapper.id, districtIds: [ids.W, -1], role: "mapper" }))).toMatchObject({ status: 422, place: "districtIds[1]" });
    expect(rowCount()).toBe(0);
    expect(countAudit(db, { action: "assign" })).toBe(0);
  });

  it("lets a township office assign only inside its township, naming the first district refused (audited)", async () => {
    const office = await person("office", "township-office");
    db.insert(assignments).values({ userId: office.id, role: "office", adminUnitId: ids.township }).run();
    const mapper = await person("mapper", "zhou");
    expect(assignDistricts(db, office, { userId: mapper.id, districtIds: [ids.W], role: "mapper" }).added).toBe(1);
    const refused = refusal(() => assignDistricts(db, office, { userId: mapper.id, districtIds: [ids.E, ids.other, ids.N], role: "mapper" }));
    expect(refused).toMatchObject({ status: 403, reason: "forbidden", place: `district/${ids.other}` });
    expect([...loadAssignment(db, mapper.id).districtIds]).toEqual([ids.W]);
    expect(listAudit(db, { action: "forbidden" })[0]).toMatchObject({ userId: office.id, outcome: "refused", targetType: "district", targetId: String(ids.other), detail: "assign" });
  });

  it("refuses people who may not assign at all", async () => {
    const mapper = await person("mapper", "wu");
    expect(refusal(() => assignDistricts(db, mapper, { userId: mapper.id, districtIds: [ids.W], role: "mapper" }))).toMatchObject({ status: 403, place: `district/${ids.W}` });
    const auditor = await person("auditor", "zheng");
    expect(refusal(() => assignDistricts(db, auditor, { userId: mapper.id, districtIds: [ids.W], role: "mapper" })).status).toBe(403);
    expect(rowCount()).toBe(0);
  });
});

describe("assignSmallAreas and assignTownships", () => {
  it("gives small areas to enumerators only", async () => {
    const { smallArea } = findEntities(db);
    const enumerator = await person("enumerator", "feng");
    const mapper = await person("mapper", "chen");
    const areas = [smallArea(W, "001").id, smallArea(W, "002").id];
    expect(assignSmallAreas(db, admin, { userId: enumerator.id, smallAreaIds: areas })).toEqual({ added: 2, unchanged: 0 });
    expect(assignSmallAreas(db, admin, { userId: enumerator.id, smallAreaIds: areas })).toEqual({ added: 0, unchanged: 2 });
    expect(refusal(() => assignSmallAreas(db, admin, { userId: mapper.id, smallAreaIds: areas }))).toMatchObject({ status: 422, reason: "wrong_role" });
    expect(refusal(() => assignSmallAreas(db, admin, { userId: enumerator.id, smallAreaIds: [4242] }))).toMatchObject({ status: 404, place: "small_area/4242" });
    expect(listAssignments(db, { userId: enumerator.id }).map((a) => a.smallAreaCode)).toEqual([`${W}001`, `${W}002`]);
  });

  it("makes an office account a township office; a county is not a township", async () => {
    const office = await person("office", "chu");
    expect(assignTownships(db, admin, { userId: office.id, townshipIds: [ids.otherTownship] })).toEqual({ added: 1, unchanged: 0 });
    expect(refusal(() => assignTownships(db, admin, { userId: office.id, townshipIds: [ids.county] }))).toMatchObject({ status: 404, place: `township/${ids.county}` });
    expect(listTownshipsToAssign(db, admin).find((t) => t.id === ids.otherTownship)?.offices.map((p) => p.username)).toEqual(["chu"]);
    // now a township office: it sees and assigns only its township
    expect(listDistrictsToAssign(db, office).map((d) => d.code)).toEqual(["440101002001"]);
    expect(listTownshipsToAssign(db, office).map((t) => t.code)).toEqual(["440101002"]);
  });
});

describe("unassign", () => {
  it("removes assignments all or nothing, within the actor's scope, audited", async () => {
    const mapper = await person("mapper", "jiang");
    assignDistricts(db, admin, { userId: mapper.id, districtIds: [ids.W, ids.other], role: "mapper" });
    const [w, other] = findAssignmentIds(db, { userId: mapper.id, districtIds: [ids.W, ids.other] });
    expect(refusal(() => unassign(db, admin, [w, 31337]))).toMatchObject({ status: 404, place: "assignment/31337" });
    const office = await person("office", "shen");
    db.insert(assignments).values({ userId: office.id, role: "office", adminUnitId: ids.township }).run();
    expect(refusal(() => unassign(db, office, [w, other]))).toMatchObject({ status: 403, place: `district/${ids.other}` });
    expect(loadAssignment(db, mapper.id).districtIds.size).toBe(2);
    expect(unassign(db, office, [w])).toEqual({ removed: 1 });
    expect([...loadAssignment(db, mapper.id).districtIds]).toEqual([ids.other]);
    expect(listAudit(db, { action: "unassign" })[0]).toMatchObject({ userId: office.id, targetId: String(mapper.id), detail: "1 assignments removed from 1 people" });
  });
});

describe("assign page reads", () => {
  it("lists districts with mappers, guides and small areas, small areas with enumerators, and enabled people", async () => {
    const mapper = await person("mapper", "han");
    const guide = await person("guide", "yang");
    const enumerator = await person("enumerator", "zhu");
    const gone = await person("guide", "qin");
    setDisabled(db, gone.id, true);
    assignDistricts(db, admin, { userId: mapper.id, districtIds: [ids.W], role: "mapper" });
    assignDistricts(db, admin, { userId: guide.id, districtIds: [ids.W, ids.E], role: "guide" });
    const area = findEntities(db).smallArea(W, "002");
    assignSmallAreas(db, admin, { userId: enumerator.id, smallAreaIds: [area.id] });

    const rows = listDistrictsToAssign(db, admin);
    expect(rows.map((d) => d.code)).toEqual([W, E, N, "440101002001"]);
    expect(rows[0]).toMatchObject({ smallAreas: 2, townshipCode: "440101001", mappers: [{ username: "han" }], guides: [{ username: "yang" }] });
    expect(rows[1]).toMatchObject({ smallAreas: 1, mappers: [], guides: [{ username: "yang" }] });
    expect(rows[2].smallAreas).toBe(0);

    const areas = listSmallAreasToAssign(db, admin, ids.W);
    expect(areas.map((a) => [a.fullCode, a.enumerators.map((p) => p.username)])).toEqual([[`${W}001`, []], [`${W}002`, ["zhu"]]]);
    expect(areas[0]).toMatchObject({ status: "draft", isVirtual: false });

    expect(listAssignableUsers(db).map((u) => u.username)).toEqual(["zhu", "yang", "han"]);
  });
});
