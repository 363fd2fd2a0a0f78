import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { getDb } from "@/db/client";
import { findEntities, setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { getSmallAreaDetail } from "@/db/queries";
import { tinyAt } from "@/db/seed/tiny-township-fixture";
import { POST } from "./route";

setUpEditTownshipDatabase("import-route");
afterEach(() => vi.restoreAllMocks());

let admin: TestSession;
let mapper: TestSession;
beforeAll(async () => {
  admin = await signedInAs(getDb(), "admin");
  mapper = await signedInAs(getDb(), "mapper", { districtCodes: [W] });
});
const signedIn = (session: () => TestSession = () => admin) => ({ cookie: session().cookie, origin: "http://localhost" });

const URL = "http://localhost/api/import/buildings";
const at = (e: number, n: number) => tinyAt(e, n).join(",");
const count = (table: string) => getDb().$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function upload(content: BlobPart, fields: Record<string, string> = {}, name = "buildings.csv") {
  const form = new FormData();
  form.set("file", new File([content], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return POST(new Request(URL, { method: "POST", body: form, headers: signedIn() }));
}

const totals = (code: string) => {
  const d = getSmallAreaDetail(getDb(), findEntities(getDb()).smallArea(W, code).id)!;
  return { buildings: d.buildings, housingUnits: d.housingUnits, households: d.households, persons: d.persons };
};

describe("POST /api/import/buildings", () => {
  it("imports a good CSV: buildings appear in their small area and its totals go up", async () => {
    const before = totals("001");
    const csv = ["经度,纬度,用途,单元数,户数,人数", `${at(100, 40)},住宅,4,6,15`, `${at(120, 40)},商店,,,`].join("\n");
    const response = await upload(csv);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.report).toMatchObject({ status: "imported", format: "csv", encoding: "utf-8", rows: 2, inserted: 2, skipped: 0, units: 4, problems: [], problemCount: 0 });
    expect(totals("001")).toEqual({ buildings: before.buildings + 2, housingUnits: before.housingUnits + 4, households: before.households + 6, persons: before.persons + 15 });
    const area = findEntities(getDb()).smallArea(W, "001");
    expect(getDb().$client.prepare("SELECT count(*) FROM buildings WHERE small_area_id = ? AND id > 6").pluck().get(area.id)).toBe(2);
  });

  it("refuses a file with bad rows (422, the report names them, nothing written) and imports its good rows when asked", async () => {
    const csv = ["lon,lat,households", `${at(100, 80)},3`, `${at(110, 80)},-2`, `${at(120, 80)},`].join("\n");
    const before = count("buildings");
    const refused = await upload(csv);
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.error).toMatchObject({ rule: "bad_rows", place: "file" });
    expect(body.report).toMatchObject({ status: "bad_rows", rows: 3, goodRows: 2, badRows: 1, inserted: 0, problems: [{ line: 3, field: "households", rule: "negative" }] });
    expect(JSON.stringify(body)).not.toContain("-2");
    expect(count("buildings")).toBe(before);
    const skipped = await upload(csv, { skipBad: "true" });
    expect(skipped.status).toBe(200);
    expect((await skipped.json()).report).toMatchObject({ inserted: 2, skipped: 1 });
    expect(count("buildings")).toBe(before + 2);
  });

  it("takes a raw body with the options in the query string, GBK included", async () => {
    const gbk = readFileSync(join(__dirname, "../../../../lib/io/fixtures/buildings-gbk.csv"));
    const response = await POST(new Request(`${URL}?encoding=gbk&name=gbk.csv`, { method: "POST", body: gbk, headers: { ...signedIn(), "content-type": "text/csv" } }));
    expect(response.status).toBe(200);
    expect((await response.json()).report).toMatchObject({ encoding: "gbk", encodingSource: "given", inserted: 2 });
  });

  it("answers 4xx, never 500, for malformed uploads, options and files", async () => {
    const garbage = await POST(new Request(URL, { method: "POST", body: "--x\r\nnot a form", headers: { ...signedIn(), "content-type": "multipart/form-data; boundary=zzz" } }));
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error).toMatchObject({ rule: "multipart", place: "body" });
    const form = new FormData();
    form.set("encoding", "gbk");
    const noFile = await POST(new Request(URL, { method: "POST", body: form, headers: signedIn() }));
    expect(noFile.status).toBe(400);
    expect((await noFile.json()).error).toMatchObject({ rule: "file" });
    expect((await upload("lon,lat\n", { encoding: "latin1" })).status).toBe(400);
    const notJson = await upload("{oops", {}, "b.geojson");
    expect(notJson.status).toBe(422);
    expect((await notJson.json()).error).toMatchObject({ rule: "json", place: "file" });
    const noColumns = await upload("a,b\n1,2\n");
    expect((await noColumns.json()).error).toMatchObject({ rule: "missing_column", place: "header" });
    expect((await upload("")).status).toBe(422);
  });

  it("answers 413 above 50 MB, declared or streamed", async () => {
    const declared = await POST(new Request(URL, { method: "POST", body: "lon,lat\n", headers: { ...signedIn(), "content-type": "text/csv", "content-length": String(60 * 1024 * 1024) } }));
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toMatchObject({ rule: "too_large", place: "file", message: expect.stringMatching(/larger than 50 MB/) });
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 60) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await POST(new Request(URL, { method: "POST", body: stream, headers: { ...signedIn(), "content-type": "text/csv" }, duplex: "half" } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(60);
  });

  it("answers 503 and keeps nothing when the write fails", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const before = { buildings: count("buildings"), units: count("housing_units"), log: count("change_log") };
    getDb().$client.exec("CREATE TEMP TRIGGER fail_units BEFORE INSERT ON housing_units BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    try {
      const response = await upload(`lon,lat,households\n${at(50, 50)},2\n`);
      expect(response.status).toBe(503);
      expect((await response.json()).error).toMatchObject({ rule: "import_failed" });
    } finally {
      getDb().$client.exec("DROP TRIGGER fail_units");
    }
    expect({ buildings: count("buildings"), units: count("housing_units"), log: count("change_log") }).toEqual(before);
    expect(console.error).toHaveBeenCalledWith("building import failed: SqliteError SQLITE_CONSTRAINT_TRIGGER");
  });

  it("refuses nobody signed in (401), a mapper (403: an import places buildings anywhere) and a foreign origin, writing nothing", async () => {
    const before = count("buildings");
    const csv = ["lon,lat", at(100, 40)].join("\n");
    const post = (headers: Record<string, string>) => {
      const form = new FormData();
      form.set("file", new File([csv], "b.csv"));
      return POST(new Request(URL, { method: "POST", body: form, headers }));
    };
    expect((await post({ origin: "http://localhost" })).status).toBe(401);
    expect((await post(signedIn(() => mapper))).status).toBe(403);
    expect((await post({ cookie: admin.cookie, origin: "http://evil.example" })).status).toBe(403);
    expect(count("buildings")).toBe(before);
    expect(getDb().$client.prepare("SELECT count(*) FROM audit_log WHERE action = 'import.buildings'").pluck().get()).toBeGreaterThan(0);
  });
});
