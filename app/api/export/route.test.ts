import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/audit";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { getDb } from "@/db/client";
import { E, findEntities, setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { adminUnits } from "@/db/schema";
import { ROLE_RULES } from "@/lib/domain/permissions";
import { readVectorFile } from "@/lib/io/formats/read";
import { GET } from "./route";

setUpEditTownshipDatabase("export-route");

let township: number;
let enumerator: TestSession, guide: TestSession, office: TestSession, countyOffice: TestSession, admin: TestSession, auditor: TestSession, otherOffice: TestSession;
beforeAll(async () => {
  const db = getDb();
  const { district, smallArea } = findEntities(db);
  township = district(W).townshipId;
  const county = db.select().from(adminUnits).all().find((u) => u.level === "county")!;
  // a second (empty) township, so that an office of the first one does not cover the whole county
  const other = db.insert(adminUnits).values({ censusId: county.censusId, parentId: county.id, level: "township", code: "440101002", nameZh: "二镇", nameEn: "Second Town" }).returning().get();
  [enumerator, guide, office, countyOffice, admin, auditor, otherOffice] = await Promise.all([
    signedInAs(db, "enumerator", { smallAreaIds: [smallArea(W, "001").id] }),
    signedInAs(db, "guide", { districtCodes: [W] }),
    signedInAs(db, "office", { townshipIds: [township] }),
    signedInAs(db, "office"),
    signedInAs(db, "admin"),
    signedInAs(db, "auditor"),
    signedInAs(db, "office", { townshipIds: [other.id] }),
  ]);
});

const get = (who: TestSession | null, query: string, lang = "en") =>
  GET(new Request(`http://localhost/api/export?${query}`, { headers: { ...(who ? { cookie: who.cookie } : {}), "accept-language": lang, "x-forwarded-for": "10.9.8.7" } }));
const errorOf = async (res: Response) => ((await res.json()) as { error: { rule: string; place: string; message: string } }).error;
const rows = (who: TestSession, action: string) => listAudit(getDb(), { userId: who.user.id, action });

describe("GET /api/export: who may", () => {
  it("401 signed out, 403 for roles without export (audited)", async () => {
    expect((await get(null, "layer=districts&format=geojson")).status).toBe(401);
    for (const who of [enumerator, guide, auditor]) {
      const res = await get(who, `layer=districts&format=geojson&district=${W}`);
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ rule: "forbidden" });
      expect(rows(who, "forbidden")).toHaveLength(1);
    }
  });

  it("an office exports inside its township, not another one's, and not the whole county", async () => {
    expect((await get(office, "layer=small-areas&format=geojson&township=440101001")).status).toBe(200);
    expect((await get(office, `layer=small-areas&format=geojson&district=${E}`)).status).toBe(200);
    expect((await get(otherOffice, `layer=small-areas&format=geojson&district=${E}`)).status).toBe(403);
    const county = await get(office, "layer=small-areas&format=geojson", "zh");
    expect(county.status).toBe(403);
    expect(await errorOf(county)).toMatchObject({ rule: "forbidden", place: "county", message: expect.stringContaining("全县") });
    expect(rows(office, "forbidden").at(0)).toMatchObject({ targetType: "county", detail: "export", outcome: "refused" });
  });

  it("a county office and an admin export the whole county", async () => {
    for (const who of [countyOffice, admin]) expect((await get(who, "layer=districts&format=kml")).status).toBe(200);
  });
});

describe("GET /api/export: the file", () => {
  it("is an attachment named after layer and scope, readable, and audited with its feature count", async () => {
    const res = await get(admin, `layer=small-areas&format=shapefile&district=${W}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toContain(`filename="small_areas_${W}.zip"`);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const read = await readVectorFile(new Uint8Array(await res.arrayBuffer()), "x.zip");
    expect(read.features.map((f) => f.properties.full_code)).toEqual([`${W}001`, `${W}002`]);
    const district = findEntities(getDb()).district(W).id;
    expect(rows(admin, "export").at(0)).toMatchObject({ targetType: "district", targetId: String(district), detail: "small-areas shapefile 2 features", ip: "10.9.8.7", outcome: "ok" });
  });

  it("buildings with unit counts are audited as units.export too", async () => {
    const before = rows(office, "units.export").length;
    const res = await get(office, "layer=buildings&format=geojson&township=440101001");
    const body = JSON.parse(await res.text());
    expect(Object.keys(body.features[0].properties)).toEqual(["number", "use", "name", "floors", "district", "small_area", "units", "households", "persons"]);
    expect(rows(office, "units.export")).toHaveLength(before + 1);
    expect(rows(office, "units.export").at(0)).toMatchObject({ targetType: "township", detail: "buildings geojson 6 features" });
  });

  it("for a role without read_units the unit columns are left out, the unit table refused, nothing logged as units.export", async () => {
    const saved = ROLE_RULES.office.read_units;
    delete ROLE_RULES.office.read_units;
    try {
      const before = rows(office, "units.export").length;
      const body = JSON.parse(await (await get(office, "layer=buildings&format=geojson&township=440101001")).text());
      expect(body.features).toHaveLength(6);
      expect(Object.keys(body.features[0].properties)).toEqual(["number", "use", "name", "floors", "district", "small_area"]);
      const table = await get(office, "layer=housing-units&format=csv&township=440101001");
      expect(table.status).toBe(403);
      expect(await errorOf(table)).toMatchObject({ rule: "forbidden", place: "housing-units" });
      expect(rows(office, "units.export")).toHaveLength(before);
      expect(rows(office, "forbidden").at(0)).toMatchObject({ detail: "units.export", targetType: "township" });
    } finally {
      ROLE_RULES.office.read_units = saved;
    }
  });

  it("the unit table goes out to those who may read the units, audited", async () => {
    const res = await get(admin, "layer=housing-units&format=csv");
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split("\r\n")[0]).toBe("unit,floor,entrance,status,households,persons,building,small_area,district,lon,lat");
    expect(rows(admin, "units.export").at(0)).toMatchObject({ targetType: "county", targetId: null, detail: "housing-units csv 6 features" });
  });
});

describe("GET /api/export: bad parameters", () => {
  it.each([
    ["layer=roads&format=geojson", "layer"],
    ["format=geojson", "layer"],
    ["layer=districts&format=dxf", "format"],
    [`layer=districts&format=kml&district=${W}&township=440101001`, "scope"],
    ["layer=districts&format=kml&district=12", "district"],
    ["layer=districts&format=kml&district=440101001099", "district"],
    ["layer=districts&format=kml&township=44010100x", "township"],
    ["layer=districts&format=kml&township=440101009", "township"],
  ])("%s → 400 naming %s", async (query, place) => {
    const res = await get(admin, query, "zh");
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ rule: "bad_parameter", place });
    expect(error.message).toMatch(new RegExp(`^${place === "scope" ? "district" : place}`));
  });

  it("checks who is asking before the parameters", async () => {
    expect((await get(null, "layer=roads")).status).toBe(401);
    expect((await get(guide, "layer=roads")).status).toBe(403);
  });
});
