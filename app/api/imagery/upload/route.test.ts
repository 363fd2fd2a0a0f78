import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { databasePath, getDb } from "@/db/client";
import { setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { solidPng, writeMbtiles, writeTileGeoTiff } from "@/db/imagery/test-tiles";
import { POST } from "./route";

setUpEditTownshipDatabase("imagery-upload");

let admin: TestSession;
let mapper: TestSession;
beforeAll(async () => {
  admin = await signedInAs(getDb(), "admin");
  mapper = await signedInAs(getDb(), "mapper", { districtCodes: [W] });
});

function upload(content: BlobPart, name: string, session = admin, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new File([content], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return POST(new Request("http://localhost/api/imagery/upload", { method: "POST", body: form, headers: { cookie: session.cookie, origin: "http://localhost" } }));
}
const folder = () => join(dirname(databasePath()), "imagery");
const files = () => (existsSync(folder()) ? readdirSync(folder()) : []);

describe("POST /api/imagery/upload", () => {
  it("adds an MBTiles source with its zooms and bounds, stored under data/imagery, audited", async () => {
    const source = join(dirname(databasePath()), "upload-source.mbtiles");
    writeMbtiles(source, [{ z: 15, x: 1, y: 2, data: await solidPng("#123456") }], "120,30,120.1,30.1");
    const response = await upload(new Uint8Array(readFileSync(source)), "航拍.mbtiles", admin, { name: "无人机航拍" });
    expect(response.status).toBe(200);
    const { source: row } = await response.json();
    expect(row).toMatchObject({ name: "无人机航拍", kind: "mbtiles", minZoom: 15, maxZoom: 15, bounds: [120, 30, 120.1, 30.1] });
    expect(row.location).toMatch(/^imagery\/imagery-[0-9a-f]{8}\.mbtiles$/);
    expect(getDb().$client.prepare("SELECT count(*) FROM audit_log WHERE action = 'imagery.create' AND target_id = ?").pluck().get(String(row.id))).toBe(1);
  });

  it("adds a GeoTIFF source", async () => {
    const response = await upload(new Uint8Array(writeTileGeoTiff(15, 27400, 13400, 64)), "ortho.tif");
    expect(response.status).toBe(200);
    expect((await response.json()).source).toMatchObject({ name: "ortho", kind: "cog" });
  });

  it("refuses files that are not imagery with 422 naming the rule; nothing stays on disk or in the database", async () => {
    const before = { files: files().length, rows: getDb().$client.prepare("SELECT count(*) FROM imagery_sources").pluck().get() };
    const answer = async (r: Response) => ({ status: r.status, ...(await r.json()).error });
    expect(await answer(await upload("hello", "x.mbtiles"))).toMatchObject({ status: 422, rule: "not_imagery_file", place: "file" });
    expect(await answer(await upload(new TextEncoder().encode("SQLite format 3\0 but broken"), "x.mbtiles"))).toMatchObject({ status: 422, place: "file" });
    expect(await answer(await upload(new TextEncoder().encode("II*\0 broken tiff"), "x.tif"))).toMatchObject({ status: 422, rule: "bad_geotiff" });
    expect(files().length).toBe(before.files);
    expect(getDb().$client.prepare("SELECT count(*) FROM imagery_sources").pluck().get()).toBe(before.rows);
  });

  it("is the admin's: a mapper gets 403", async () => {
    expect((await upload("x", "x.mbtiles", mapper)).status).toBe(403);
  });
});
