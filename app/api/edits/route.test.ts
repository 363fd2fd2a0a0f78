import { beforeAll, describe, expect, it, vi } from "vitest";
import { applyEdit } from "@/app/_actions/edit";
import type { EditResult } from "@/app/_lib/submit-edit";
import { setTestSession } from "@/app/_lib/test-headers";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { countAudit } from "@/db/audit";
import { getDb } from "@/db/client";
import { E, findEntities, rect, setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import type { BuildingEntity, Change, EditSnapshot, HousingUnitEntity } from "@/lib/edits/types";
import { POST } from "./route";
import { GET } from "./snapshot/route";

vi.mock("next/headers", () => import("@/app/_lib/test-headers"));

setUpEditTownshipDatabase("edits");

let admin: TestSession;
beforeAll(async () => {
  admin = await signedInAs(getDb(), "admin");
});

// a browser sends Host and Origin; the route compares them (a request from another site is refused)
const post = (body: string, headers: Record<string, string> = { cookie: admin.cookie, origin: "http://localhost" }) =>
  POST(new Request("http://localhost/api/edits", { method: "POST", body, headers: { host: "localhost", "content-type": "application/json", ...headers } }));
const snapshot = (query = "", cookie = admin.cookie) => GET(new Request(`http://localhost/api/edits/snapshot${query}`, { headers: cookie ? { cookie } : {} }));
const logCount = () => (getDb().$client.prepare("SELECT count(*) AS n FROM change_log").get() as { n: number }).n;

function renameW001(name: string): Change {
  const area = findEntities(getDb()).smallArea(W, "001");
  return { label: "edit_attributes", puts: [{ entity: { ...area, name }, baseVersion: area.version }], deletes: [] };
}

const building: BuildingEntity = {
  type: "building", id: 1, version: 1, districtId: null, smallAreaId: null, number: null, use: "residential", name: null, nameEn: null, floors: 1, notes: null,
  geometry: { type: "Point", coordinates: [113.3, 23.1] },
};
const unit: HousingUnitEntity = {
  type: "housing_unit", id: 1, version: 1, buildingId: 1, smallAreaId: null, unitNumber: "1", floor: null, entrance: null, status: "occupied", households: 1, persons: 2,
};

describe("POST /api/edits", () => {
  it("answers 422, never 500, for malformed JSON and garbage bodies", async () => {
    const area = findEntities(getDb()).smallArea(W, "001");
    const bodies: Array<[string, string]> = [
      ["{not json", "body"],
      ["", "body"],
      ["null", "change"],
      ["[]", "change"],
      ['"change"', "change"],
      ['{"label":"paint","puts":[],"deletes":[]}', "label"],
      ['{"label":"undo","puts":[{"entity":{"type":"road","id":1}}],"deletes":[]}', "puts[0].entity.type"],
      ['{"label":"undo","puts":[{"entity":{"type":"building","id":1}}],"deletes":[]}', "puts[0].entity.version"],
      [JSON.stringify({ label: "edit_building", puts: [{ entity: { ...building, floors: 0 }, baseVersion: 1 }], deletes: [] }), "puts[0].entity.floors"],
      [JSON.stringify({ label: "edit_building", puts: [{ entity: { ...building, geometry: { type: "LineString", coordinates: [[0, 0], [1, 1]] } }, baseVersion: 1 }], deletes: [] }), "puts[0].entity.geometry.type"],
      [JSON.stringify({ label: "edit_housing_unit", puts: [{ entity: { ...unit, households: -1 }, baseVersion: 1 }], deletes: [] }), "puts[0].entity.households"],
      [JSON.stringify({ label: "edit_housing_unit", puts: [{ entity: { ...unit, status: "haunted" }, baseVersion: 1 }], deletes: [] }), "puts[0].entity.status"],
      [JSON.stringify({ label: "fill_housing_units", puts: Array.from({ length: 2001 }, (_, k) => ({ entity: { ...unit, id: -1 - k }, baseVersion: null })), deletes: [] }), "puts"],
      [JSON.stringify({ label: "move_vertex", puts: [{ entity: { ...area, geometry: { type: "Polygon", coordinates: [[[1, "a"]]] } }, baseVersion: 1 }], deletes: [] }), "puts[0].entity.geometry.coordinates[0][0][1]"],
      [JSON.stringify({ label: "move_vertex", puts: [{ entity: { ...area, geometry: { type: "Point", coordinates: [1, 2] } }, baseVersion: 1 }], deletes: [] }), "puts[0].entity.geometry.type"],
      [JSON.stringify({ label: "undo", puts: [], deletes: [{ type: "small_area", id: -3, baseVersion: 1 }] }), "deletes[0].id"],
      [JSON.stringify({ label: "undo", puts: Array.from({ length: 201 }, () => ({ entity: area, baseVersion: 1 })), deletes: [] }), "puts"],
    ];
    expect((await post(JSON.stringify({ label: "fill_housing_units", puts: Array.from({ length: 2000 }, (_, k) => ({ entity: { ...unit, id: -1 - k, buildingId: 99999 }, baseVersion: null })), deletes: [] }))).status).toBe(404);
    for (const [body, place] of bodies) {
      const response = await post(body);
      const result = (await response.json()) as EditResult;
      expect(response.status, body.slice(0, 60)).toBe(422);
      expect(result).toMatchObject({ ok: false, status: 422, reason: "invalid", place });
    }
    expect(logCount()).toBe(0);
  });

  it("refuses more than 100,000 positions", async () => {
    const area = findEntities(getDb()).smallArea(W, "001");
    const ring = Array.from({ length: 100_001 }, (_, i) => [113 + i * 1e-7, 23]);
    const response = await post(JSON.stringify({ label: "move_vertex", puts: [{ entity: { ...area, geometry: { type: "Polygon", coordinates: [ring] } }, baseVersion: 1 }], deletes: [] }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ reason: "invalid", place: "puts" });
  });

  it("writes a Change (200) and refuses it again as stale (409 with the stored copy)", async () => {
    const change = renameW001("河东片");
    const ok = await post(JSON.stringify(change));
    expect(ok.status).toBe(200);
    const written = (await ok.json()) as Extract<EditResult, { ok: true }>;
    expect(written.entities[0]).toMatchObject({ name: "河东片", version: 2 });
    expect(written.inverse.puts[0].entity).toMatchObject({ name: null });
    const stale = await post(JSON.stringify(change));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ ok: false, reason: "stale_version", current: [written.entities[0]] });
  });

  it("names the geometry rule and place of a refused geometry (422)", async () => {
    const area = findEntities(getDb()).smallArea(W, "002");
    const change: Change = { label: "move_vertex", puts: [{ entity: { ...area, geometry: rect(150, 0, 400, 400) }, baseVersion: area.version }], deletes: [] };
    const response = await post(JSON.stringify(change));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ reason: "would_overlap" });
  });
});

describe("POST /api/edits: who may send it", () => {
  it("answers 401 to nobody signed in and 403 to a request from another origin, writing nothing", async () => {
    const body = JSON.stringify(renameW001("无人"));
    const before = logCount();
    const anonymous = await post(body, { origin: "http://localhost" });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { rule: "unauthenticated" } });
    const foreignHeaders: Array<Record<string, string>> = [{ cookie: admin.cookie }, { cookie: admin.cookie, origin: "https://evil.example" }];
    for (const headers of foreignHeaders) {
      const foreign = await post(body, headers);
      expect(foreign.status).toBe(403);
      expect(await foreign.json()).toMatchObject({ error: { rule: "bad_origin", place: "origin" } });
    }
    expect(logCount()).toBe(before);
  });

  it("lets a mapper edit their district and refuses (403, audited) the one next to it", async () => {
    const db = getDb();
    const mapper = await signedInAs(db, "mapper", { districtCodes: [W] });
    const headers = { cookie: mapper.cookie, origin: "http://localhost" };
    expect((await post(JSON.stringify(renameW001("甲片")), headers)).status).toBe(200);
    const east = findEntities(db).smallArea(E, "001");
    const refused = await post(JSON.stringify({ label: "edit_attributes", puts: [{ entity: { ...east, name: "乙片" }, baseVersion: east.version }], deletes: [] }), headers);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ ok: false, reason: "forbidden" });
    expect(findEntities(db).smallArea(E, "001").name).toBe(east.name);
    expect(countAudit(db, { userId: mapper.user.id, action: "forbidden" })).toBe(1);
  });
});

describe("applyEdit (server action)", () => {
  it("answers 401 to nobody signed in", async () => {
    setTestSession(null);
    await expect(applyEdit(renameW001("无人"))).resolves.toMatchObject({ ok: false, status: 401, reason: "unauthenticated" });
  });

  it("returns refusals for bad input instead of throwing, and writes good input", async () => {
    setTestSession(admin.token);
    await expect(applyEdit(undefined)).resolves.toMatchObject({ ok: false, status: 422, reason: "invalid" });
    await expect(applyEdit({ label: "undo", puts: "x", deletes: [] })).resolves.toMatchObject({ ok: false, status: 422, place: "puts" });
    const area = findEntities(getDb()).smallArea(W, "001");
    const nonFinite = { label: "move_vertex", puts: [{ entity: { ...area, geometry: { type: "Polygon", coordinates: [[[Infinity, 0], [1, 0], [1, 1], [Infinity, 0]]] } }, baseVersion: area.version }], deletes: [] };
    await expect(applyEdit(nonFinite)).resolves.toMatchObject({ ok: false, status: 422, place: "puts[0].entity.geometry.coordinates[0][0][0]" });
    const result = await applyEdit(renameW001("西片"));
    expect(result).toMatchObject({ ok: true, entities: [{ name: "西片" }] });
  });
});

describe("GET /api/edits/snapshot", () => {
  it("returns the snapshot, whole or around a bbox; 400 for a bad bbox", async () => {
    const all = (await (await snapshot()).json()) as EditSnapshot;
    expect(all.districts).toHaveLength(3);
    expect(all.smallAreas[0]).toMatchObject({ type: "small_area", version: expect.any(Number) });
    const some = (await (await snapshot("?bbox=113.2,23.05,113.2005,23.0505")).json()) as EditSnapshot;
    expect(some.districts.map((d) => d.code)).toEqual([W, "440101001002"]);
    for (const bad of ["1,2,3", "a,b,c,d", "10,10,5,5", "0,0,200,0"]) {
      const response = await snapshot(`?bbox=${bad}`);
      expect(response.status, bad).toBe(400);
      expect(await response.json()).toMatchObject({ error: { rule: "bad_bbox", place: "bbox" } });
    }
  });

  it("answers 401 to nobody signed in", async () => {
    const response = await snapshot("", "");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { rule: "unauthenticated", place: "session" } });
  });
});
