import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { getDb } from "@/db/client";
import { E, N, rect, setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { clearStagedImports } from "@/app/_lib/import-staging";
import { POST as commit } from "./commit/route";
import { POST as preview } from "./preview/route";

setUpEditTownshipDatabase("import-layers-route");
afterEach(() => vi.restoreAllMocks());

let admin: TestSession;
let office: TestSession;
let mapper: TestSession;
beforeAll(async () => {
  admin = await signedInAs(getDb(), "admin");
  office = await signedInAs(getDb(), "office");
  mapper = await signedInAs(getDb(), "mapper", { districtCodes: [N] });
});
const headers = (s: () => TestSession = () => admin) => ({ cookie: s().cookie, origin: "http://localhost" });
const count = (sql: string, ...p: unknown[]) => getDb().$client.prepare(sql).pluck().get(...p) as number;

const collection = (features: Array<Feature<Geometry | null>>): FeatureCollection => ({ type: "FeatureCollection", features: features as FeatureCollection["features"] });
const area = (props: Record<string, unknown>, geometry: Geometry | null): Feature<Geometry | null> => ({ type: "Feature", properties: props, geometry });

function upload(content: BlobPart, name: string, fields: Record<string, string> = {}, session?: () => TestSession) {
  const form = new FormData();
  form.set("file", new File([content], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return preview(new Request("http://localhost/api/import/preview", { method: "POST", body: form, headers: headers(session) }));
}
function send(body: unknown, session?: () => TestSession) {
  return commit(new Request("http://localhost/api/import/commit", { method: "POST", body: JSON.stringify(body), headers: { ...headers(session), "content-type": "application/json" } }));
}
async function staged(fc: FeatureCollection, name = "areas.geojson"): Promise<string> {
  const response = await upload(JSON.stringify(fc), name);
  expect(response.status).toBe(200);
  return (await response.json()).stagingId;
}

const nAreas = collection([
  area({ 普查小区代码: "001", 普查区代码: N, 名称: "北一" }, rect(600, 600, 700, 800)),
  area({ 普查小区代码: "002", 普查区代码: N, 名称: "北二" }, rect(700, 600, 800, 800)),
]);

describe("POST /api/import/preview", () => {
  it("reads a GeoJSON file: count, fields, bbox, preview features and the guessed mapping (Chinese names)", async () => {
    const response = await upload(JSON.stringify(nAreas), "n.geojson");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ format: "geojson", featureCount: 2, outside: 0, capped: false, geometryTypes: { Polygon: 2 } });
    expect(body.fields.map((f: { name: string }) => f.name)).toEqual(["普查小区代码", "普查区代码", "名称"]);
    expect(body.guesses["small-areas"]).toEqual({ code: "普查小区代码", districtCode: "普查区代码", name: "名称" });
    expect(body.preview.features).toHaveLength(2);
    expect(body.bbox[0]).toBeCloseTo(rect(600, 600, 700, 800).coordinates[0][0][0], 9);
  });

  it("answers a file that cannot be read with 422, the rule and where, in the user's language; never 500", async () => {
    for (const [content, name] of [["{oops", "bad.geojson"], ["not a zip at all", "bad.zip"], ["", "empty.geojson"], ["hello", "x.unknown"]] as const) {
      const response = await upload(content, name, { locale: "zh" });
      expect(response.status, name).toBe(422);
      const { error } = await response.json();
      expect(error.rule, name).toMatch(/^[a-z_]+$/);
      expect(error.where, name).toContain(name);
      // the readers' message (`io.rules.<rule>`), in Chinese here, not the bare rule
      expect(error.message, name).not.toBe(`${error.where}: ${error.rule}`);
      expect(error.message, name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await upload("{}", "a.geojson", { encoding: "latin1" })).status).toBe(400);
  });

  it("answers every file of the bad-input corpus with 422, its rule, where, and a message in both languages", async () => {
    const dir = join(process.cwd(), "lib/io/fixtures/formats/bad");
    const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Record<string, { rule: string; where: string }>;
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(30);
    for (const [name, want] of Object.entries(expected)) {
      for (const locale of ["zh", "en"]) {
        const response = await upload(readFileSync(join(dir, name)), name, { locale });
        expect(response.status, name).toBe(422);
        const { error } = await response.json();
        expect({ rule: error.rule, where: error.where }, name).toEqual(want);
        expect(error.message, name).not.toBe(`${error.where}: ${error.rule}`);
        if (locale === "zh") expect(error.message, name).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'import'")).toBe(0);
  }, 60_000);

  it("refuses office and mapper (403) and nobody signed in (401)", async () => {
    expect((await upload(JSON.stringify(nAreas), "n.geojson", {}, () => office)).status).toBe(403);
    expect((await upload(JSON.stringify(nAreas), "n.geojson", {}, () => mapper)).status).toBe(403);
    const form = new FormData();
    form.set("file", new File(["{}"], "a.geojson"));
    expect((await preview(new Request("http://localhost/api/import/preview", { method: "POST", body: form, headers: { origin: "http://localhost" } }))).status).toBe(401);
  });
});

describe("POST /api/import/commit", () => {
  it("refuses office and mapper (403), and another person's upload (404): nothing written", async () => {
    const id = await staged(nAreas);
    const before = count("SELECT count(*) FROM small_areas");
    const body = { stagingId: id, layer: "small-areas", mapping: { code: "普查小区代码", districtCode: "普查区代码" } };
    expect((await send(body, () => office)).status).toBe(403);
    expect((await send(body, () => mapper)).status).toBe(403);
    expect(count("SELECT count(*) FROM small_areas")).toBe(before);
    const admin2 = await signedInAs(getDb(), "admin");
    expect((await send(body, () => admin2)).status).toBe(404);
  });

  it("writes nothing when one feature is bad, listing the problems by feature, field and rule", async () => {
    const bad = collection([...nAreas.features, area({ 普查小区代码: "1234", 普查区代码: N }, rect(600, 600, 610, 610)), area({ 普查小区代码: "003", 普查区代码: N }, { type: "Point", coordinates: [113.207, 23.057] })]);
    const id = await staged(bad);
    const before = { areas: count("SELECT count(*) FROM small_areas"), audit: count("SELECT count(*) FROM audit_log WHERE action = 'import'") };
    const response = await send({ stagingId: id, layer: "small-areas", mapping: { code: "普查小区代码", districtCode: "普查区代码" }, locale: "en" });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error).toMatchObject({ rule: "bad_features", where: "file" });
    expect(body.report).toMatchObject({ status: "bad_features", features: 4, badFeatures: 2, inserted: 0 });
    expect(body.report.problems.map((p: { feature: number; field: string; rule: string }) => [p.feature, p.field, p.rule])).toEqual([[2, "code", "bad_code"], [3, "geometry", "geometry_type"]]);
    expect(body.report.problems[1].message).toBe("features[3] · Geometry: must be a Polygon or MultiPolygon (Point)");
    expect({ areas: count("SELECT count(*) FROM small_areas"), audit: count("SELECT count(*) FROM audit_log WHERE action = 'import'") }).toEqual(before);
  });

  it("answers a bad mapping with 400 naming the target", async () => {
    const id = await staged(nAreas);
    const missing = await send({ stagingId: id, layer: "small-areas", mapping: { districtCode: "普查区代码" } });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ rule: "missing_target", where: "mapping.code" });
    const unknown = await send({ stagingId: id, layer: "small-areas", mapping: { code: "NOPE" } });
    expect((await unknown.json()).error).toMatchObject({ rule: "unknown_field", where: "mapping.code" });
    expect((await send({ stagingId: id, layer: "parcels", mapping: {} })).status).toBe(400);
  });

  it("imports good small areas in one go, writes the audit row `import` and answers the coverage report", async () => {
    const id = await staged(nAreas);
    const audits = count("SELECT count(*) FROM audit_log WHERE action = 'import'");
    const response = await send({ stagingId: id, layer: "small-areas", mapping: { code: "普查小区代码", districtCode: "普查区代码", name: "名称" } });
    expect(response.status).toBe(200);
    const { report, coverage } = await response.json();
    expect(report).toMatchObject({ status: "imported", inserted: 2, replaced: 0, skipped: 0, problemCount: 0 });
    expect(count("SELECT count(*) FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ?", N)).toBe(2);
    const audit = getDb().$client.prepare("SELECT username, target_id, detail FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1").get() as { username: string; target_id: string; detail: string };
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'import'")).toBe(audits + 1);
    expect(audit).toMatchObject({ username: admin.user.username, target_id: report.changeId, detail: "small-areas from areas.geojson: 2 inserted, 0 replaced, 0 skipped" });
    expect(coverage).toMatchObject({ errors: expect.any(Number), warnings: expect.any(Number), byKind: expect.any(Object) });
    // the upload is forgotten once imported
    expect((await send({ stagingId: id, layer: "small-areas", mapping: { code: "普查小区代码", districtCode: "普查区代码" } })).status).toBe(404);
  });

  it("with skipBad imports the good features and lists the bad ones", async () => {
    const bad = collection([
      area({ 普查小区代码: "011", 普查区代码: N }, rect(600, 600, 700, 800)),
      area({ 普查小区代码: "012", 普查区代码: N }, rect(700, 600, 800, 800)),
      area({ 普查小区代码: "1234", 普查区代码: N }, rect(600, 600, 610, 610)),
    ]);
    const id = await staged(bad);
    const mapping = { code: "普查小区代码", districtCode: "普查区代码" };
    const before = count("SELECT count(*) FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ?", N);
    expect((await send({ stagingId: id, layer: "small-areas", mapping, skipBad: "yes" })).status).toBe(400);
    const response = await send({ stagingId: id, layer: "small-areas", mapping, skipBad: true, locale: "en" });
    expect(response.status).toBe(200);
    const { report } = await response.json();
    expect(report).toMatchObject({ status: "imported", features: 3, badFeatures: 1, inserted: 2, problemCount: 1 });
    expect(report.problems[0]).toMatchObject({ feature: 2, field: "code", rule: "bad_code" });
    expect(count("SELECT count(*) FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ?", N)).toBe(before + 2);
  });

  it("skips existing codes or replaces them (version + 1), and says which in the report", async () => {
    const fc = collection([area({ code: "001", district: W }, rect(0, 0, 205, 400)), area({ code: "002", district: E }, rect(400, 0, 600, 400))]);
    const version = () => count("SELECT sa.version FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? AND sa.code = '001'", W);
    const v0 = version();
    const skip = await send({ stagingId: await staged(fc), layer: "small-areas", mapping: { code: "code", districtCode: "district" }, existing: "skip" });
    expect((await skip.json()).report).toMatchObject({ inserted: 1, skipped: 1, replaced: 0, warnings: [{ feature: 0, field: "code", rule: "exists_skipped" }] });
    expect(version()).toBe(v0);
    const replace = await send({ stagingId: await staged(fc), layer: "small-areas", mapping: { code: "code", districtCode: "district" }, existing: "replace" });
    const { report } = await replace.json();
    expect(report).toMatchObject({ inserted: 0, replaced: 2, skipped: 0 });
    expect(report.warnings.map((w: { rule: string }) => w.rule)).toEqual(["exists_replaced", "exists_replaced"]);
    expect(version()).toBe(v0 + 1);
  });

  it("answers 503 and keeps nothing when the write fails", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const id = await staged(collection([area({ type: "road" }, { type: "LineString", coordinates: [[113.2, 23.05], [113.201, 23.051]] })]), "roads.geojson");
    const before = count("SELECT count(*) FROM reference_features");
    getDb().$client.exec("CREATE TEMP TRIGGER fail_ref BEFORE INSERT ON reference_features BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    try {
      const response = await send({ stagingId: id, layer: "reference", mapping: { kind: "type" } });
      expect(response.status).toBe(503);
      expect((await response.json()).error).toMatchObject({ rule: "import_failed" });
    } finally {
      getDb().$client.exec("DROP TRIGGER fail_ref");
    }
    expect(count("SELECT count(*) FROM reference_features")).toBe(before);
    const done = await send({ stagingId: id, layer: "reference", mapping: { kind: "type" } });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ report: { inserted: 1 }, coverage: null });
    clearStagedImports();
  });
});
