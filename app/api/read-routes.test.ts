import { describe, expect, it } from "vitest";
import { countAudit } from "@/db/audit";
import { signOut } from "@/db/auth";
import { signedInAs } from "@/db/auth-test-fixture";
import { getDb } from "@/db/client";
import { getBuildingForEdit } from "@/db/edit-queries";
import { E, findEntities, setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { auditUnitsView, readableUnits } from "./_lib/units";
import { GET as getBuilding } from "./buildings/[id]/route";
import { GET as getBuildingTile } from "./buildings/tiles/[z]/[x]/[y]/route";
import { GET as getCoverage } from "./coverage/route";
import { GET as getSnapshot } from "./edits/snapshot/route";
import { GET as getLayer } from "./layers/[layer]/route";
import { GET as getSmallArea } from "./small-areas/[id]/route";
import { GET as getImageryTile } from "./tiles/[source]/[z]/[x]/[y]/route";

setUpEditTownshipDatabase("read-routes");

const request = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

/** every GET route that serves map or panel data, as (path, call) */
const ROUTES: Array<[string, (cookie?: string) => Promise<Response>]> = [
  ["/api/layers/districts", (c) => getLayer(request("/api/layers/districts", c), params({ layer: "districts" }))],
  ["/api/layers/labels", (c) => getLayer(request("/api/layers/labels", c), params({ layer: "labels" }))],
  ["/api/coverage", (c) => getCoverage(request("/api/coverage", c))],
  ["/api/edits/snapshot", (c) => getSnapshot(request("/api/edits/snapshot", c))],
  ["/api/small-areas/1", (c) => getSmallArea(request("/api/small-areas/1", c), params({ id: "1" }))],
  ["/api/buildings/1", (c) => getBuilding(request("/api/buildings/1", c), params({ id: "1" }))],
  ["/api/buildings/tiles/14/0/0", (c) => getBuildingTile(request("/api/buildings/tiles/14/0/0", c), params({ z: "14", x: "0", y: "0" }))],
  ["/api/tiles/1/14/0/0", (c) => getImageryTile(request("/api/tiles/1/14/0/0", c), params({ source: "1", z: "14", x: "0", y: "0" }))],
];

describe("the read routes", () => {
  it("answer 401 with a JSON error to nobody signed in, and serve every signed-in role", async () => {
    for (const [path, call] of ROUTES) {
      const response = await call();
      expect(response.status, path).toBe(401);
      expect(await response.json(), path).toEqual({ error: { rule: "unauthenticated", place: "session", message: "sign in first" } });
    }
    const { cookie } = await signedInAs(getDb(), "enumerator");
    for (const [path, call] of ROUTES) {
      const response = await call(cookie);
      // the edit township has no imagery source: the tile route gets as far as saying so
      expect(response.status, path).toBe(path.startsWith("/api/tiles/") ? 404 : path.startsWith("/api/buildings/tiles/") ? 204 : 200);
    }
  });

  it("answer 401 to a cookie whose session was signed out", async () => {
    const { cookie, token } = await signedInAs(getDb(), "guide");
    const [, call] = ROUTES[0];
    expect((await call(cookie)).status).toBe(200);
    signOut(getDb(), token, { ip: null });
    expect((await call(cookie)).status).toBe(401);
  });

  it("give the small-area detail with its totals to all, and say whether its units may be read", async () => {
    const db = getDb();
    const mapper = await signedInAs(db, "mapper", { districtCodes: [W] });
    const get = async (districtCode: string) => {
      const area = findEntities(db).smallArea(districtCode, "001");
      const response = await getSmallArea(request(`/api/small-areas/${area.id}`, mapper.cookie), params({ id: String(area.id) }));
      expect(response.headers.get("cache-control")).toContain("no-store");
      return response.json();
    };
    expect(await get(W)).toMatchObject({ code: "001", households: 2, unitsHidden: false });
    expect(await get(E)).toMatchObject({ code: "001", households: 1, unitsHidden: true });
  });
});

describe("readableUnits", () => {
  const allUnits = () => {
    const db = getDb();
    const ids = (db.$client.prepare("SELECT id FROM buildings ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);
    return ids.flatMap((id) => getBuildingForEdit(db, id)!.housingUnits);
  };
  const districtOfUnit = (buildingId: number) =>
    (getDb().$client.prepare("SELECT d.code FROM buildings b JOIN districts d ON d.id = b.district_id WHERE b.id = ?").get(buildingId) as { code: string } | undefined)?.code;

  it("keeps the units of the assignment only, and says when some were left out", async () => {
    const db = getDb();
    const units = allUnits();
    expect(units.length).toBe(6);
    const mapper = await signedInAs(db, "mapper", { districtCodes: [W] });
    const kept = readableUnits(db, mapper.user, units);
    expect(kept.hidden).toBe(true);
    expect(kept.units.length).toBe(4);
    expect(kept.units.every((u) => districtOfUnit(u.buildingId) === W)).toBe(true);

    const area = findEntities(db).smallArea(W, "001");
    const enumerator = await signedInAs(db, "enumerator", { smallAreaIds: [area.id] });
    expect(readableUnits(db, enumerator.user, units).units.map((u) => u.buildingId)).toEqual(
      (db.$client.prepare("SELECT id FROM buildings WHERE small_area_id = ? ORDER BY id").all(area.id) as Array<{ id: number }>).map((r) => r.id),
    );
    // a unit that counts in another small area of the building's district follows the unit, not the building
    const areaOfBuilding = (id: number) => (db.$client.prepare("SELECT small_area_id FROM buildings WHERE id = ?").get(id) as { small_area_id: number }).small_area_id;
    const west002 = findEntities(db).smallArea(W, "002");
    const there = units.find((u) => areaOfBuilding(u.buildingId) === west002.id)!;
    const here = units.find((u) => areaOfBuilding(u.buildingId) === area.id)!;
    expect(readableUnits(db, enumerator.user, [there]).units).toEqual([]);
    expect(readableUnits(db, enumerator.user, [{ ...there, smallAreaId: area.id }]).units).toHaveLength(1);
    expect(readableUnits(db, enumerator.user, [{ ...here, smallAreaId: west002.id }])).toEqual({ units: [], hidden: true });

    for (const role of ["auditor", "admin"] as const) {
      const everyone = await signedInAs(db, role);
      expect(readableUnits(db, everyone.user, units)).toEqual({ units, hidden: false });
    }
    const guide = await signedInAs(db, "guide");
    expect(readableUnits(db, guide.user, units)).toEqual({ units: [], hidden: true });
    expect(readableUnits(db, guide.user, [])).toEqual({ units: [], hidden: false });
  });

  it("audits a view with the count of units, never their values", async () => {
    const db = getDb();
    const auditor = await signedInAs(db, "auditor");
    auditUnitsView(db, auditor.user, { type: "snapshot", id: null }, 6, "10.0.0.9");
    expect(countAudit(db, { userId: auditor.user.id, action: "units.view", ip: "10.0.0.9" })).toBe(1);
    const row = db.$client.prepare("SELECT target_type, target_id, detail, role FROM audit_log WHERE user_id = ? AND action = 'units.view'").get(auditor.user.id);
    expect(row).toEqual({ target_type: "snapshot", target_id: null, detail: "6 housing units", role: "auditor" });
  });
});
