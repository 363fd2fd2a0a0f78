import { beforeAll, describe, expect, it, vi } from "vitest";
import { countAudit } from "@/db/audit";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { getDb } from "@/db/client";
import { setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { getImagerySourceRow } from "@/db/imagery-sources";
import { setTestSession } from "@/app/_lib/test-headers";
import { addImagerySource, editImagerySource, makeDefaultImagerySource, removeImagerySource, saveImageryOffset } from "./imagery";

vi.mock("next/headers", () => import("@/app/_lib/test-headers"));
setUpEditTownshipDatabase("imagery-actions");

let admin: TestSession;
let mapper: TestSession;
beforeAll(async () => {
  admin = await signedInAs(getDb(), "admin", {}, "chief");
  mapper = await signedInAs(getDb(), "mapper", { districtCodes: [W] });
});
const settings = { name: "卫星图", kind: "xyz", location: "https://tiles.test/{z}/{x}/{y}.jpg", attribution: "© test", minZoom: 1, maxZoom: 18, keyEnv: null };

describe("imagery actions", () => {
  it("add, edit, default, offset and delete as the admin, each audited with the source's id", async () => {
    setTestSession(admin.token, "10.0.0.9");
    const added = await addImagerySource(settings);
    if (!added.ok || !added.source) throw new Error(JSON.stringify(added));
    const { id } = added.source;
    const edited = await editImagerySource({ id, version: 1, settings: { ...settings, name: "卫星图 2024" } });
    expect(edited).toMatchObject({ ok: true, source: { name: "卫星图 2024", version: 2 } });
    expect(await makeDefaultImagerySource({ id, version: 2 })).toMatchObject({ ok: true, source: { isDefault: true, version: 3 } });
    expect(await saveImageryOffset({ id, version: 3, offsetX: -1, offsetY: 10 })).toMatchObject({ ok: true, source: { offsetX: -1, offsetY: 10, version: 4 } });
    const row = getDb().$client.prepare("SELECT user_id, target_id, ip FROM audit_log WHERE action = 'imagery.offset'").get();
    expect(row).toEqual({ user_id: admin.user.id, target_id: String(id), ip: "10.0.0.9" });
    expect(await removeImagerySource({ id, version: 4 })).toEqual({ ok: true, source: null });
    expect(getImagerySourceRow(getDb(), id)).toBeNull();
  });

  it("names the field and the rule of bad settings, and refuses a stale version with 409", async () => {
    setTestSession(admin.token);
    expect(await addImagerySource({ ...settings, location: "https://tiles.test/{z}/{x}.jpg" })).toMatchObject({ ok: false, status: 422, reason: "template_needs_zxy", place: "location" });
    expect(await addImagerySource({ ...settings, minZoom: "one" })).toMatchObject({ ok: false, status: 422, reason: "invalid", place: "minZoom" });
    expect(await addImagerySource({ ...settings, kind: "mbtiles", location: "x.mbtiles" })).toMatchObject({ ok: false, reason: "upload_kind", place: "kind" });
    expect(await addImagerySource({ ...settings, kind: "pmtiles", location: "missing.pmtiles" })).toMatchObject({ ok: false, reason: "pmtiles_unreadable", place: "location" });
    const added = await addImagerySource(settings);
    if (!added.ok || !added.source) throw new Error("not added");
    await editImagerySource({ id: added.source.id, version: 1, settings: { ...settings, name: "first writer" } });
    expect(await editImagerySource({ id: added.source.id, version: 1, settings: { ...settings, name: "second writer" } })).toMatchObject({ ok: false, status: 409, reason: "stale_version", place: "version" });
    expect(await saveImageryOffset({ id: added.source.id, version: 1, offsetX: 1, offsetY: 0 })).toMatchObject({ ok: false, status: 409, reason: "stale_version" });
    expect(getImagerySourceRow(getDb(), added.source.id)).toMatchObject({ name: "first writer", offsetX: 0 });
  });

  it("refuses everyone but the admin (403, audited) and nobody signed in (401)", async () => {
    setTestSession(mapper.token);
    const before = countAudit(getDb(), { userId: mapper.user.id, action: "forbidden" });
    expect(await addImagerySource(settings)).toMatchObject({ ok: false, status: 403, reason: "forbidden" });
    expect(await saveImageryOffset({ id: 1, version: 1, offsetX: 1, offsetY: 0 })).toMatchObject({ ok: false, status: 403 });
    expect(countAudit(getDb(), { userId: mapper.user.id, action: "forbidden" })).toBe(before + 2);
    setTestSession(null);
    expect(await addImagerySource(settings)).toMatchObject({ ok: false, status: 401 });
  });
});
