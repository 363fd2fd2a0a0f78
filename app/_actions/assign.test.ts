import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadAssignment } from "@/db/access";
import { listAudit } from "@/db/audit";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { getDb } from "@/db/client";
import { E, findEntities, N, setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { setTestSession } from "@/app/_lib/test-headers";
import {
  assignDistrictsAction,
  assignSmallAreasAction,
  assignTownshipsAction,
  removeDistrictsAction,
  removeSmallAreasAction,
  removeTownshipsAction,
  unassignAction,
} from "./assign";

vi.mock("next/headers", () => import("@/app/_lib/test-headers"));
setUpEditTownshipDatabase("assign-actions");

let admin: TestSession;
let mapper: TestSession;
let guide: TestSession;
let enumerator: TestSession;
let office: TestSession;
let district: (code: string) => number;

beforeAll(async () => {
  const db = getDb();
  admin = await signedInAs(db, "admin", {}, "assign-admin");
  mapper = await signedInAs(db, "mapper", {}, "assign-mapper");
  guide = await signedInAs(db, "guide", {}, "assign-guide");
  enumerator = await signedInAs(db, "enumerator", {}, "assign-enumerator");
  office = await signedInAs(db, "office", {}, "assign-office");
  district = (code) => findEntities(db).district(code).id;
});

describe("assign actions", () => {
  it("refuses people who are not signed in (401) or may not assign (403, audited)", async () => {
    setTestSession(null);
    expect(await assignDistrictsAction({ userId: mapper.user.id, districtIds: [district(W)], role: "mapper" })).toMatchObject({ ok: false, status: 401 });
    setTestSession(mapper.token);
    expect(await assignDistrictsAction({ userId: mapper.user.id, districtIds: [district(W)], role: "mapper" })).toMatchObject({ ok: false, status: 403, reason: "forbidden" });
    expect(listAudit(getDb(), { action: "forbidden", userId: mapper.user.id })[0]).toMatchObject({ detail: "assign", outcome: "refused" });
    expect(loadAssignment(getDb(), mapper.user.id).districtIds.size).toBe(0);
  });

  it("refuses bad input with 422 naming the place", async () => {
    setTestSession(admin.token);
    const cases: Array<[unknown, string]> = [
      [null, "input"],
      [{ userId: "7", districtIds: [1], role: "mapper" }, "userId"],
      [{ userId: mapper.user.id, districtIds: [], role: "mapper" }, "districtIds"],
      [{ userId: mapper.user.id, districtIds: [1, 2.5], role: "mapper" }, "districtIds[1]"],
      [{ userId: mapper.user.id, districtIds: [1], role: "enumerator" }, "role"],
    ];
    for (const [input, place] of cases) expect(await assignDistrictsAction(input), JSON.stringify(input)).toMatchObject({ ok: false, status: 422, reason: "invalid", place });
  });

  it("assigns districts to a mapper and a guide, and removes them again", async () => {
    setTestSession(admin.token, "10.1.2.3");
    expect(await assignDistrictsAction({ userId: mapper.user.id, districtIds: [district(W), district(E)], role: "mapper" })).toEqual({ ok: true, added: 2, unchanged: 0, removed: 0 });
    expect(await assignDistrictsAction({ userId: guide.user.id, districtIds: [district(W)], role: "guide" })).toEqual({ ok: true, added: 1, unchanged: 0, removed: 0 });
    expect(await assignDistrictsAction({ userId: guide.user.id, districtIds: [district(N)], role: "mapper" })).toMatchObject({ ok: false, status: 422, reason: "wrong_role", place: `user/${guide.user.id}` });
    expect(await assignDistrictsAction({ userId: mapper.user.id, districtIds: [99999], role: "mapper" })).toMatchObject({ ok: false, status: 404, place: "district/99999" });
    expect([...loadAssignment(getDb(), mapper.user.id).districtIds].sort()).toEqual([district(W), district(E)].sort());
    expect(listAudit(getDb(), { action: "assign" })[0]).toMatchObject({ userId: admin.user.id, ip: "10.1.2.3", targetId: String(guide.user.id) });

    expect(await removeDistrictsAction({ userId: mapper.user.id, districtIds: [district(E), district(N)] })).toEqual({ ok: true, added: 0, unchanged: 0, removed: 1 });
    expect([...loadAssignment(getDb(), mapper.user.id).districtIds]).toEqual([district(W)]);
    expect(await removeDistrictsAction({ userId: mapper.user.id, districtIds: [district(N)] })).toEqual({ ok: true, added: 0, unchanged: 0, removed: 0 });
  });

  it("assigns small areas to an enumerator and townships to an office; × removes one assignment", async () => {
    setTestSession(admin.token);
    const { smallArea } = findEntities(getDb());
    const area = smallArea(W, "001").id;
    expect(await assignSmallAreasAction({ userId: enumerator.user.id, smallAreaIds: [area] })).toMatchObject({ ok: true, added: 1 });
    expect(await assignSmallAreasAction({ userId: mapper.user.id, smallAreaIds: [area] })).toMatchObject({ ok: false, reason: "wrong_role" });
    const townshipId = findEntities(getDb()).district(W).townshipId;
    expect(await assignTownshipsAction({ userId: office.user.id, townshipIds: [townshipId] })).toMatchObject({ ok: true, added: 1 });
    expect(loadAssignment(getDb(), office.user.id).townshipIds).toEqual(new Set([townshipId]));

    // the township office now assigns inside its township
    setTestSession(office.token);
    expect(await assignSmallAreasAction({ userId: enumerator.user.id, smallAreaIds: [smallArea(E, "001").id] })).toMatchObject({ ok: true, added: 1 });
    expect(await removeSmallAreasAction({ userId: enumerator.user.id, smallAreaIds: [area] })).toMatchObject({ ok: true, removed: 1 });

    setTestSession(admin.token);
    expect(await unassignAction({ assignmentIds: [424242] })).toMatchObject({ ok: false, status: 404, place: "assignment/424242" });
    expect(await removeTownshipsAction({ userId: office.user.id, townshipIds: [townshipId] })).toMatchObject({ ok: true, removed: 1 });
    expect(loadAssignment(getDb(), office.user.id).townshipIds.size).toBe(0);
  });
});
