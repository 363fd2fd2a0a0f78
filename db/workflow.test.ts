import { beforeEach, describe, expect, it } from "vitest";
import type { UserRole } from "@/lib/domain/types";
import { nextState, SMALL_AREA_STATES, WORKFLOW_ACTIONS, type SmallAreaState } from "@/lib/domain/workflow";
import type { Change, Put, SmallAreaEntity } from "@/lib/edits/types";
import type { Actor } from "./access";
import { countAudit } from "./audit";
import { openDatabase, type Db } from "./client";
import { writeChange } from "./edit-mutations";
import { E, findEntities, rect, seedEditTownship, W } from "./edit-test-fixture";
import { assignments, districts, users } from "./schema";
import { tinyAt } from "./seed/tiny-township-fixture";
import { eq } from "drizzle-orm";
import { allowedWorkflowActions, setBadImagery, smallAreaHistory, transitionSmallArea, type WorkflowResult } from "./workflow";

let db: Db;
let n = 0;

beforeEach(() => {
  db = openDatabase(":memory:");
  seedEditTownship(db);
});

/** A person of `role` (no password: these tests do not sign in), assigned the districts given by code. */
function person(role: UserRole, districtCodes: string[] = []): Actor {
  const username = `${role}-${++n}`;
  const { id } = db.insert(users).values({ username, displayName: `${role} ${n}`, role }).returning({ id: users.id }).get();
  for (const code of districtCodes) {
    const district = db.select({ id: districts.id }).from(districts).where(eq(districts.code, code)).get()!;
    db.insert(assignments).values({ userId: id, role: role === "guide" ? "guide" : "mapper", districtId: district.id }).run();
  }
  return { id, username, role };
}

const area = (district = W, code = "001") => findEntities(db).smallArea(district, code);
const row = (id: number) => db.$client.prepare("SELECT status, version, bad_imagery FROM small_areas WHERE id = ?").get(id) as { status: string; version: number; bad_imagery: number };
const setStatus = (id: number, status: SmallAreaState) => db.$client.prepare("UPDATE small_areas SET status = ? WHERE id = ?").run(status, id);
const events = (id: number) => db.$client.prepare("SELECT action, from_status, to_status FROM review_events WHERE small_area_id = ? ORDER BY id").all(id);
const ok = (result: WorkflowResult) => {
  if (!result.ok) throw new Error(`refused: ${result.reason} at ${result.place}`);
  return result.smallArea;
};

describe("transitionSmallArea", () => {
  it("walks draft → submitted → approved → confirmed → ready, each step by its role, versioned, evented and audited", () => {
    const [mapper, office, guide] = [person("mapper", [W]), person("office"), person("guide", [W])];
    const a = area();
    expect(ok(transitionSmallArea(db, mapper, { smallAreaId: a.id, action: "submit", baseVersion: 1 }, "10.0.0.1"))).toEqual({ id: a.id, status: "submitted", version: 2, badImagery: false });
    expect(ok(transitionSmallArea(db, office, { smallAreaId: a.id, action: "approve", baseVersion: 2, comment: "看过了" })).status).toBe("approved");
    expect(ok(transitionSmallArea(db, guide, { smallAreaId: a.id, action: "confirm", baseVersion: 3 })).status).toBe("confirmed");
    expect(ok(transitionSmallArea(db, office, { smallAreaId: a.id, action: "release", baseVersion: 4 }))).toMatchObject({ status: "ready", version: 5 });
    expect(row(a.id)).toMatchObject({ status: "ready", version: 5 });
    expect(events(a.id)).toEqual([
      { action: "submit", from_status: "draft", to_status: "submitted" },
      { action: "approve", from_status: "submitted", to_status: "approved" },
      { action: "confirm", from_status: "approved", to_status: "confirmed" },
      { action: "release", from_status: "confirmed", to_status: "ready" },
    ]);
    expect(countAudit(db, { action: "workflow.*" })).toBe(4);
    expect(countAudit(db, { action: "workflow.submit", userId: mapper.id, ip: "10.0.0.1" })).toBe(1);
    const history = smallAreaHistory(db, a.id);
    const name = (actor: Actor) => actor.username.replace("-", " ");
    expect(history.map((e) => [e.action, e.user?.displayName])).toEqual([["release", name(office)], ["confirm", name(guide)], ["approve", name(office)], ["submit", name(mapper)]]);
    expect(history[2].comment).toBe("看过了");
  });

  it("applies each action exactly from the states the domain table allows (admin, every state × action)", () => {
    const admin = person("admin");
    const a = area();
    let cells = 0;
    for (const state of SMALL_AREA_STATES) {
      for (const action of WORKFLOW_ACTIONS) {
        setStatus(a.id, state);
        const { version } = row(a.id);
        const result = transitionSmallArea(db, admin, { smallAreaId: a.id, action, baseVersion: version, comment: "理由" });
        const expected = nextState(state, action);
        if (expected) expect(result, `${state} ${action}`).toMatchObject({ ok: true, smallArea: { status: expected, version: version + 1 } });
        else expect(result, `${state} ${action}`).toMatchObject({ ok: false, status: 422, reason: "not_allowed_from_state", current: { status: state, version } });
        cells++;
      }
    }
    expect(cells).toBe(30);
  });

  it("returns with a required comment pinned to a point (the area's centre when none is given); the mapper resubmits", () => {
    const [mapper, office, guide] = [person("mapper", [W]), person("office"), person("guide", [W])];
    const a = area();
    ok(transitionSmallArea(db, mapper, { smallAreaId: a.id, action: "submit", baseVersion: 1 }));
    for (const comment of [undefined, "", "   "]) {
      expect(transitionSmallArea(db, office, { smallAreaId: a.id, action: "return", baseVersion: 2, comment })).toMatchObject({ ok: false, status: 422, reason: "comment_required", place: "comment" });
    }
    const pin = tinyAt(50, 60);
    expect(ok(transitionSmallArea(db, office, { smallAreaId: a.id, action: "return", baseVersion: 2, comment: "  北边界应沿河  ", at: pin })).status).toBe("returned");
    expect(smallAreaHistory(db, a.id)[0]).toMatchObject({ action: "return", comment: "北边界应沿河", at: pin, fromStatus: "submitted", toStatus: "returned" });
    ok(transitionSmallArea(db, mapper, { smallAreaId: a.id, action: "submit", baseVersion: 3 }));
    ok(transitionSmallArea(db, office, { smallAreaId: a.id, action: "approve", baseVersion: 4 }));
    ok(transitionSmallArea(db, guide, { smallAreaId: a.id, action: "return", baseVersion: 5, comment: "现场有新建房屋" }));
    const [lon, lat] = smallAreaHistory(db, a.id)[0].at!;
    const [w, s] = tinyAt(0, 0);
    const [e, n] = tinyAt(200, 400);
    expect(lon > w && lon < e && lat > s && lat < n).toBe(true);
  });

  it("refuses bad comments and points with 422 naming the place, and writes nothing", () => {
    const admin = person("admin");
    const a = area();
    const bad: Array<[unknown, string]> = [[[Number.NaN, 23], "at"], [[200, 23], "at"], [[113, 95], "at"], [[113], "at"], ["here", "at"]];
    for (const [at, place] of bad) {
      expect(transitionSmallArea(db, admin, { smallAreaId: a.id, action: "submit", baseVersion: 1, at: at as [number, number] })).toMatchObject({ ok: false, status: 422, reason: "invalid", place });
    }
    expect(transitionSmallArea(db, admin, { smallAreaId: a.id, action: "submit", baseVersion: 1, comment: "长".repeat(1001) })).toMatchObject({ status: 422, place: "comment" });
    expect(ok(transitionSmallArea(db, admin, { smallAreaId: a.id, action: "submit", baseVersion: 1, comment: "长".repeat(1000) })).version).toBe(2);
    expect(events(a.id)).toHaveLength(1);
  });

  it("refuses by role and assignment with 403 (audited), and writes nothing", () => {
    const a = area();
    setStatus(a.id, "submitted");
    const refused: Array<[Actor, "submit" | "approve" | "return" | "confirm" | "release"]> = [
      [person("mapper", [W]), "approve"],
      [person("mapper", [E]), "submit"],
      [person("guide", [E]), "return"],
      [person("guide", [W]), "approve"],
      [person("enumerator"), "return"],
      [person("auditor"), "approve"],
    ];
    for (const [actor, action] of refused) {
      expect(transitionSmallArea(db, actor, { smallAreaId: a.id, action, baseVersion: 1, comment: "x" }, "10.0.0.9"), `${actor.role} ${action}`).toMatchObject({ ok: false, status: 403, reason: "forbidden", place: `small_area/${a.id}` });
    }
    expect(row(a.id)).toMatchObject({ status: "submitted", version: 1 });
    expect(events(a.id)).toEqual([]);
    expect(countAudit(db, { action: "forbidden", outcome: "refused", ip: "10.0.0.9" })).toBe(refused.length);
  });

  it("answers 409 with the stored row when the version is stale, and 404 (403 for a non-admin) for a missing area", () => {
    const mapper = person("mapper", [W]);
    const a = area();
    expect(transitionSmallArea(db, mapper, { smallAreaId: a.id, action: "submit", baseVersion: 7 })).toMatchObject({ ok: false, status: 409, reason: "stale_version", current: { id: a.id, status: "draft", version: 1, badImagery: false } });
    expect(transitionSmallArea(db, person("admin"), { smallAreaId: 9999, action: "submit", baseVersion: 1 })).toMatchObject({ status: 404, reason: "not_found", place: "small_area/9999" });
    expect(transitionSmallArea(db, mapper, { smallAreaId: 9999, action: "submit", baseVersion: 1 })).toMatchObject({ status: 403 });
  });

  it("reviews a virtual small area too (a return without a point stays unpinned)", () => {
    const [mapper, office] = [person("mapper", [W]), person("office")];
    const virtual: SmallAreaEntity = { ...area(), id: -1, version: 0, code: "901", isVirtual: true, geometry: null };
    const id = writeChange(db, { label: "draw_small_area", puts: [{ entity: virtual, baseVersion: null }], deletes: [] }, null).idMap["small_area/-1"];
    ok(transitionSmallArea(db, mapper, { smallAreaId: id, action: "submit", baseVersion: 1 }));
    ok(transitionSmallArea(db, office, { smallAreaId: id, action: "return", baseVersion: 2, comment: "楼层划分不清" }));
    expect(smallAreaHistory(db, id)[0]).toMatchObject({ action: "return", at: null });
  });
});

describe("allowedWorkflowActions", () => {
  it("lists the steps that both apply to the state and are permitted", () => {
    const a = area();
    const [mapper, outsider, office, guide, admin] = [person("mapper", [W]), person("mapper", [E]), person("office"), person("guide", [W]), person("admin")];
    expect(allowedWorkflowActions(db, mapper, a.id)).toEqual(["submit"]);
    expect(allowedWorkflowActions(db, outsider, a.id)).toEqual([]);
    expect(allowedWorkflowActions(db, office, a.id)).toEqual([]);
    setStatus(a.id, "submitted");
    expect(allowedWorkflowActions(db, office, a.id)).toEqual(["approve", "return"]);
    expect(allowedWorkflowActions(db, mapper, a.id)).toEqual([]);
    setStatus(a.id, "approved");
    expect(allowedWorkflowActions(db, guide, a.id)).toEqual(["return", "confirm"]);
    expect(allowedWorkflowActions(db, person("enumerator"), a.id)).toEqual([]);
    setStatus(a.id, "confirmed");
    expect(allowedWorkflowActions(db, admin, a.id)).toEqual(["release"]);
    expect(allowedWorkflowActions(db, admin, 9999)).toEqual([]);
  });
});

describe("setBadImagery", () => {
  it("sets and clears the flag with events the history reads as flagged / cleared; the same value writes nothing", () => {
    const guide = person("guide", [W]);
    const a = area();
    expect(ok(setBadImagery(db, guide, { smallAreaId: a.id, baseVersion: 1, flagged: true, comment: "影像有云" }))).toEqual({ id: a.id, status: "draft", version: 2, badImagery: true });
    expect(ok(setBadImagery(db, guide, { smallAreaId: a.id, baseVersion: 2, flagged: true }))).toMatchObject({ version: 2 });
    expect(ok(setBadImagery(db, guide, { smallAreaId: a.id, baseVersion: 2, flagged: false }))).toMatchObject({ version: 3, badImagery: false });
    expect(smallAreaHistory(db, a.id).map((e) => [e.action, e.flagged, e.comment])).toEqual([["flag_imagery", false, null], ["flag_imagery", true, "影像有云"]]);
    expect(countAudit(db, { action: "workflow.flag_imagery" })).toBe(2);
  });

  it("refuses without the permission (403) and on a stale version (409)", () => {
    const a = area();
    expect(setBadImagery(db, person("enumerator"), { smallAreaId: a.id, baseVersion: 1, flagged: true })).toMatchObject({ status: 403, reason: "forbidden" });
    expect(setBadImagery(db, person("office"), { smallAreaId: a.id, baseVersion: 4, flagged: true })).toMatchObject({ status: 409, reason: "stale_version", current: { version: 1 } });
    expect(row(a.id)).toMatchObject({ bad_imagery: 0, version: 1 });
  });
});

describe("the status rule of the edit write", () => {
  const put = (entity: SmallAreaEntity, fields: Partial<SmallAreaEntity>): Put => ({ entity: { ...entity, ...fields }, baseVersion: entity.version });
  const edit = (label: Change["label"], puts: Put[]): Change => ({ label, puts, deletes: [] });

  it("never takes a status from a Change: renaming keeps the stored one, a new area is a draft", () => {
    const a = area();
    const written = writeChange(db, edit("edit_attributes", [put(a, { name: "东片", status: "ready" })]), null);
    expect(written.entities[0]).toMatchObject({ name: "东片", status: "draft" });
    setStatus(a.id, "approved");
    writeChange(db, edit("edit_attributes", [put(area(), { name: "西片", status: "draft" })]), null);
    expect(row(a.id).status).toBe("approved");
    expect(events(a.id)).toEqual([]);
    const a2 = area(W, "002");
    const split = edit("split_small_area", [put(a2, { geometry: rect(200, 0, 400, 200) }), { entity: { ...a2, id: -1, version: 0, code: "003", geometry: rect(200, 200, 400, 400), status: "confirmed" }, baseVersion: null }]);
    const made = writeChange(db, split, null);
    expect(row(made.idMap["small_area/-1"]).status).toBe("draft");
  });

  it("sends an approved, confirmed or ready area whose shape an edit changes back to draft, with a reopen event; undo does not restore it", () => {
    const mapper = person("mapper", [W]);
    const [a1, a2] = [area(W, "001"), area(W, "002")];
    setStatus(a1.id, "ready");
    setStatus(a2.id, "submitted");
    const moved = writeChange(db, edit("move_vertex", [put(area(W, "001"), { geometry: rect(0, 0, 180, 400) }), put(area(W, "002"), { geometry: rect(180, 0, 400, 400) })]), mapper.id);
    expect(moved.entities.map((e) => (e as SmallAreaEntity).status)).toEqual(["draft", "submitted"]);
    expect(events(a1.id)).toEqual([{ action: "reopen", from_status: "ready", to_status: "draft" }]);
    expect(events(a2.id)).toEqual([]);
    expect(smallAreaHistory(db, a1.id)[0].user?.id).toBe(mapper.id);
    writeChange(db, moved.inverse, mapper.id);
    expect(row(a1.id).status).toBe("draft");
    for (const [state, east] of [["approved", 190], ["confirmed", 170]] as const) {
      setStatus(a1.id, state);
      writeChange(db, edit("move_vertex", [put(area(W, "001"), { geometry: rect(0, 0, east, 400) }), put(area(W, "002"), { geometry: rect(east, 0, 400, 400) })]), null);
      expect(row(a1.id).status, state).toBe("draft");
    }
    expect(events(a1.id).filter((e) => (e as { action: string }).action === "reopen")).toHaveLength(3);
  });

  it("a refused edit reopens nothing", () => {
    const a1 = area(W, "001");
    setStatus(a1.id, "approved");
    expect(() => writeChange(db, edit("move_vertex", [put(area(W, "001"), { geometry: rect(0, 0, 300, 400) })]), null)).toThrow();
    expect(row(a1.id).status).toBe("approved");
    expect(events(a1.id)).toEqual([]);
  });
});
