import { beforeAll, describe, expect, it, vi } from "vitest";
import { changeSmallAreaState, flagBadImagery, loadWorkflow } from "@/app/_actions/workflow";
import { setTestSession } from "@/app/_lib/test-headers";
import { countAudit } from "@/db/audit";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { getDb } from "@/db/client";
import { E, findEntities, setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { tinyAt } from "@/db/seed/tiny-township-fixture";
import { GET, POST } from "./route";

vi.mock("next/headers", () => import("@/app/_lib/test-headers"));
setUpEditTownshipDatabase("workflow");

let mapper: TestSession, office: TestSession, guide: TestSession, enumerator: TestSession;
beforeAll(async () => {
  const db = getDb();
  [mapper, office, guide, enumerator] = await Promise.all([
    signedInAs(db, "mapper", { districtCodes: [W] }),
    signedInAs(db, "office"),
    signedInAs(db, "guide", { districtCodes: [W] }),
    signedInAs(db, "enumerator"),
  ]);
});

const params = (id: string | number) => ({ params: Promise.resolve({ id: String(id) }) });
const headers = (who: TestSession | null, origin = "http://localhost"): Record<string, string> => ({
  host: "localhost", "content-type": "application/json", origin, ...(who ? { cookie: who.cookie } : {}),
});
const post = (id: string | number, body: unknown, who: TestSession | null, origin?: string) =>
  POST(new Request(`http://localhost/api/small-areas/${id}/workflow`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: headers(who, origin) }), params(id));
const get = (id: string | number, who: TestSession | null) => GET(new Request(`http://localhost/api/small-areas/${id}/workflow`, { headers: headers(who) }), params(id));
const area = (district = W, code = "001") => {
  const a = findEntities(getDb()).smallArea(district, code);
  return { id: a.id, version: a.version, status: a.status };
};

describe("POST /api/small-areas/{id}/workflow", () => {
  it("moves an area through submit → approve → return (pinned) → submit, 200 with the stored state each time", async () => {
    const a = area(W, "002");
    let response = await post(a.id, { action: "submit", baseVersion: a.version }, mapper);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, smallArea: { id: a.id, status: "submitted", version: a.version + 1, badImagery: false } });
    response = await post(a.id, { action: "approve", baseVersion: a.version + 1 }, office);
    expect(response.status).toBe(200);
    const pin = tinyAt(300, 300);
    response = await post(a.id, { action: "return", baseVersion: a.version + 2, comment: "河边少了两栋", at: pin }, guide);
    expect(await response.json()).toMatchObject({ ok: true, smallArea: { status: "returned", version: a.version + 3 } });
    response = await post(a.id, { action: "submit", baseVersion: a.version + 3 }, mapper);
    expect(response.status).toBe(200);
    const view = await (await get(a.id, office)).json();
    expect(view).toMatchObject({ ok: true, status: "submitted", allowed: ["approve", "return"], canFlag: true });
    expect(view.history.map((e: { action: string }) => e.action)).toEqual(["submit", "return", "approve", "submit"]);
    expect(view.history[1]).toMatchObject({ comment: "河边少了两栋", at: pin, user: { id: guide.user.id } });
  });

  it("answers 401 to nobody, 403 to a foreign origin and to a role or place that may not (audited)", async () => {
    const a = area(W, "001");
    const before = countAudit(getDb(), { action: "forbidden" });
    expect((await post(a.id, { action: "submit", baseVersion: a.version }, null)).status).toBe(401);
    expect((await post(a.id, { action: "submit", baseVersion: a.version }, mapper, "https://evil.example")).status).toBe(403);
    for (const [who, action] of [[office, "submit"], [enumerator, "submit"], [guide, "submit"]] as const) {
      const response = await post(a.id, { action, baseVersion: a.version }, who);
      expect(response.status, who.user.role).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, reason: "forbidden", place: `small_area/${a.id}` });
    }
    const east = area(E, "001");
    expect((await post(east.id, { action: "submit", baseVersion: east.version }, mapper)).status).toBe(403);
    expect(countAudit(getDb(), { action: "forbidden" })).toBe(before + 4);
    expect(area(W, "001")).toEqual(a);
  });

  it("answers 404, 409 with the stored row, and 422 for bad input, a step from the wrong state or a return without comment", async () => {
    const admin = await signedInAs(getDb(), "admin");
    const a = area(W, "001");
    expect((await post(99999, { action: "submit", baseVersion: 1 }, admin)).status).toBe(404);
    const stale = await post(a.id, { action: "submit", baseVersion: a.version + 5 }, mapper);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ reason: "stale_version", current: { id: a.id, version: a.version, status: a.status } });
    const bad: Array<[string | number, unknown, string, string]> = [
      [a.id, "{nope", "invalid", "body"],
      [a.id, [1], "invalid", "body"],
      [a.id, { action: "paint", baseVersion: a.version }, "invalid", "action"],
      [a.id, { action: "submit" }, "invalid", "baseVersion"],
      [a.id, { action: "submit", baseVersion: a.version, at: [500, 1] }, "invalid", "at[0]"],
      [a.id, { action: "submit", baseVersion: a.version, comment: "x".repeat(1001) }, "invalid", "comment"],
      [a.id, { action: "submit", baseVersion: a.version, colour: "red" }, "invalid", "body"],
      [a.id, { action: "flag_imagery", baseVersion: a.version }, "invalid", "flagged"],
      ["abc", { action: "submit", baseVersion: 1 }, "invalid", "id"],
      [a.id, { action: "approve", baseVersion: a.version }, "not_allowed_from_state", `small_area/${a.id}.status`],
    ];
    for (const [id, body, reason, place] of bad) {
      const response = await post(id, body, admin);
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(await response.json()).toMatchObject({ ok: false, status: 422, reason, place });
    }
    await post(a.id, { action: "submit", baseVersion: a.version }, mapper);
    const noComment = await post(a.id, { action: "return", baseVersion: a.version + 1, comment: " " }, office);
    expect(noComment.status).toBe(422);
    expect(await noComment.json()).toMatchObject({ reason: "comment_required", place: "comment" });
    expect(area(W, "001")).toMatchObject({ status: "submitted", version: a.version + 1 });
  });

  it("sets and clears the bad-imagery flag", async () => {
    const a = area(E, "001");
    const flagged = await post(a.id, { action: "flag_imagery", flagged: true, baseVersion: a.version, comment: "云遮挡" }, office);
    expect(await flagged.json()).toMatchObject({ ok: true, smallArea: { badImagery: true, version: a.version + 1 } });
    expect((await post(a.id, { action: "flag_imagery", flagged: false, baseVersion: a.version }, office)).status).toBe(409);
    expect((await post(a.id, { action: "flag_imagery", flagged: false, baseVersion: a.version + 1 }, enumerator)).status).toBe(403);
  });
});

describe("GET /api/small-areas/{id}/workflow", () => {
  it("answers 401 to nobody, 404 for a missing area, and the steps the person may take", async () => {
    expect((await get(area().id, null)).status).toBe(401);
    expect((await get(99999, mapper)).status).toBe(404);
    expect(await (await get(area(E, "001").id, mapper)).json()).toMatchObject({ ok: true, allowed: [], canFlag: false });
  });
});

describe("workflow server actions", () => {
  it("change the state with the signature the guide page uses, and refuse nobody (401) and bad input (422)", async () => {
    setTestSession(null);
    const a = area(W, "001");
    expect(await changeSmallAreaState({ smallAreaId: a.id, action: "approve", baseVersion: a.version })).toMatchObject({ ok: false, status: 401 });
    setTestSession(office.token, "10.1.2.3");
    expect(await changeSmallAreaState({ smallAreaId: a.id, action: "approve", baseVersion: a.version })).toMatchObject({ ok: true, smallArea: { status: "approved" } });
    expect(countAudit(getDb(), { action: "workflow.approve", ip: "10.1.2.3" })).toBe(1);
    setTestSession(guide.token);
    const view = await loadWorkflow(a.id);
    expect(view).toMatchObject({ ok: true, status: "approved", allowed: ["return", "confirm"], canFlag: true });
    expect(await changeSmallAreaState({ smallAreaId: a.id, action: "confirm", baseVersion: a.version + 1, at: [1e9, 0] })).toMatchObject({ ok: false, status: 422, place: "at[0]" });
    expect(await changeSmallAreaState({ smallAreaId: a.id, action: "confirm", baseVersion: a.version + 1 })).toMatchObject({ ok: true, smallArea: { status: "confirmed" } });
    expect(await flagBadImagery({ smallAreaId: a.id, baseVersion: a.version + 2, flagged: true })).toMatchObject({ ok: true, smallArea: { badImagery: true } });
    expect(await loadWorkflow(-1)).toMatchObject({ ok: false, status: 422, place: "smallAreaId" });
  });
});
