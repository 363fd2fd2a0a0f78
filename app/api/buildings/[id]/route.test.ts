import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { countAudit } from "@/db/audit";
import { signedInAs } from "@/db/auth-test-fixture";
import { E, findEntities, setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { GET } from "./route";

setUpEditTownshipDatabase("building");

const get = (id: string, cookie?: string) =>
  GET(new Request(`http://localhost/api/buildings/${id}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ id }) });

/** the id of the first building of a district (by code) */
const buildingIn = (code: string) =>
  (getDb().$client.prepare("SELECT b.id FROM buildings b JOIN districts d ON d.id = b.district_id WHERE d.code = ? ORDER BY b.id").get(code) as { id: number }).id;

describe("GET /api/buildings/{id}", () => {
  it("answers the building with its version and its housing units, and audits the view", async () => {
    const admin = await signedInAs(getDb(), "admin");
    const before = countAudit(getDb(), { action: "units.view", userId: admin.user.id });
    const response = await get("1", admin.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = await response.json();
    expect(body.buildings).toHaveLength(1);
    expect(body.buildings[0]).toMatchObject({ type: "building", id: 1, version: 1, floors: 2, use: "residential" });
    expect(body.housingUnits).toEqual([expect.objectContaining({ type: "housing_unit", buildingId: 1, unitNumber: "101", households: 1, persons: 3 })]);
    expect(body.unitsHidden).toBe(false);
    expect(countAudit(getDb(), { action: "units.view", userId: admin.user.id })).toBe(before + 1);
    const row = getDb().$client.prepare("SELECT target_type, target_id, detail FROM audit_log WHERE action = 'units.view' ORDER BY id DESC LIMIT 1").get();
    expect(row).toEqual({ target_type: "building", target_id: "1", detail: "1 housing units" });
  });

  it("answers 401 to nobody signed in, and to a made-up cookie", async () => {
    for (const cookie of [undefined, "tessera_session=made-up"]) {
      const response = await get("1", cookie);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { rule: "unauthenticated" } });
    }
    expect((await get("abc")).status).toBe(401);
  });

  it("leaves out the units of a building outside the person's assignment (unitsHidden), unaudited", async () => {
    const db = getDb();
    const mapper = await signedInAs(db, "mapper", { districtCodes: [W] });
    const inside = await (await get(String(buildingIn(W)), mapper.cookie)).json();
    expect(inside.housingUnits).toHaveLength(1);
    expect(inside.unitsHidden).toBe(false);
    const outsideResponse = await get(String(buildingIn(E)), mapper.cookie);
    expect(outsideResponse.status).toBe(200);
    const outside = await outsideResponse.json();
    expect(outside.buildings).toHaveLength(1);
    expect(outside.housingUnits).toEqual([]);
    expect(outside.unitsHidden).toBe(true);
    expect(countAudit(db, { action: "units.view", userId: mapper.user.id })).toBe(1);
  });

  it("shows an enumerator the units of their own small area only; the office too reads units inside its townships", async () => {
    const db = getDb();
    const area = findEntities(db).smallArea(W, "001");
    const enumerator = await signedInAs(db, "enumerator", { smallAreaIds: [area.id] });
    const own = db.$client.prepare("SELECT id FROM buildings WHERE small_area_id = ?").get(area.id) as { id: number };
    const other = db.$client.prepare("SELECT id FROM buildings WHERE small_area_id <> ?").get(area.id) as { id: number };
    expect((await (await get(String(own.id), enumerator.cookie)).json()).unitsHidden).toBe(false);
    expect((await (await get(String(other.id), enumerator.cookie)).json()).unitsHidden).toBe(true);
    const county = await signedInAs(db, "office");
    expect((await (await get(String(buildingIn(E)), county.cookie)).json()).housingUnits).toHaveLength(1);
  });

  it("answers 404 for a missing building and 400 for a bad id, with a clear error", async () => {
    const { cookie } = await signedInAs(getDb(), "guide");
    const missing = await get("999", cookie);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { rule: "not_found", place: "building/999", message: "Building 999 does not exist" } });
    for (const bad of ["abc", "-1", "0", "1.5", "99999999999999999999"]) {
      const response = await get(bad, cookie);
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error).toMatchObject({ rule: "bad_id", place: "id" });
    }
  });
});
