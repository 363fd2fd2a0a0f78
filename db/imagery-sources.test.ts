import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { createImagerySource, deleteImagerySource, getImagerySourceRow, listImagerySourceRows, setDefaultImagerySource, setImageryOffset, updateImagerySource } from "./imagery-sources";
import { ImageryRefused, TIANDITU_PRESET, validateImageryInput, type ImageryInput } from "./imagery/validate";

const folder = mkdtempSync(join(tmpdir(), "tessera-imagery-sources-"));
const db = openDatabase(join(folder, "t.db"));
afterAll(() => {
  db.$client.close();
  rmSync(folder, { recursive: true, force: true });
});
const by = { actor: { id: 1, username: "chief", role: "admin" }, ip: "10.0.0.1" };
const xyz: ImageryInput = { name: "OSM test", kind: "xyz", location: "https://tiles.test/{z}/{x}/{y}.png", attribution: "© test", minZoom: 0, maxZoom: 19, keyEnv: null };
const audits = (action: string) => db.$client.prepare("SELECT count(*) FROM audit_log WHERE action = ?").pluck().get(action) as number;
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImageryRefused) return `${error.field}: ${error.rule}`;
    throw error;
  }
  return "accepted";
};

describe("imagery source settings", () => {
  it("creates, the first one becoming the default, each with an audit row", () => {
    const a = createImagerySource(db, by, xyz);
    const b = createImagerySource(db, by, { ...xyz, name: "Second", kind: "tms" });
    expect(a).toMatchObject({ name: "OSM test", kind: "xyz", isDefault: true, version: 1, offsetX: 0, offsetY: 0 });
    expect(b.isDefault).toBe(false);
    expect(audits("imagery.create")).toBe(2);
    expect(listImagerySourceRows(db).map((s) => s.name)).toEqual(["OSM test", "Second"]);
  });

  it("refuses bad settings naming the field and the rule, and writes nothing", () => {
    const cases: Array<[Partial<ImageryInput>, string]> = [
      [{ name: " " }, "name: required"],
      [{ kind: "ftp" as never }, "kind: bad_kind"],
      [{ location: "tiles.test/{z}/{x}/{y}" }, "location: bad_url"],
      [{ location: "ftp://tiles.test/{z}/{x}/{y}" }, "location: bad_url"],
      [{ location: "https://tiles.test/{z}/{x}.png" }, "location: template_needs_zxy"],
      [{ kind: "wms", location: "https://w.test/wms?BBOX={bbox}" }, "location: wms_needs_bbox"],
      [{ minZoom: -1 }, "minZoom: zoom_range"],
      [{ maxZoom: 30 }, "maxZoom: zoom_range"],
      [{ minZoom: 12, maxZoom: 10 }, "maxZoom: zoom_order"],
      [{ location: "https://t.test/{z}/{x}/{y}?tk={key}" }, "keyEnv: key_env_needed"],
      [{ keyEnv: "TIANDITU_KEY" }, "location: key_placeholder_needed"],
      [{ keyEnv: "lower case" , location: "https://t.test/{z}/{x}/{y}?tk={key}" }, "keyEnv: bad_key_env"],
      [{ kind: "pmtiles", location: "/srv/imagery/a.mbtiles" }, "location: pmtiles_location"],
      [{ location: ["a", "b", "c", "d"].map((h) => `https://${h}.test/{z}/{x}/{y}`).join("\n") }, "location: too_many_templates"],
    ];
    const before = listImagerySourceRows(db).length;
    for (const [change, expected] of cases) expect(refusal(() => createImagerySource(db, by, { ...xyz, ...change })), JSON.stringify(change)).toBe(expected);
    expect(listImagerySourceRows(db).length).toBe(before);
  });

  it("refuses a key pasted into the template: the key never reaches the database", () => {
    const env = { TIANDITU_KEY: "0123456789abcdef" };
    expect(() => validateImageryInput({ ...TIANDITU_PRESET, location: TIANDITU_PRESET.location.replace(/\{key\}/g, env.TIANDITU_KEY) }, env)).toThrow(/keyEnv|key_placeholder_needed|key_in_template/);
    expect(() => validateImageryInput({ ...TIANDITU_PRESET, location: `${TIANDITU_PRESET.location}&x=${env.TIANDITU_KEY}` }, env)).toThrow(/key_in_template/);
    const preset = createImagerySource(db, by, TIANDITU_PRESET);
    expect(preset).toMatchObject({ keyEnv: "TIANDITU_KEY", kind: "xyz" });
    expect(preset.location.split("\n")).toHaveLength(2);
    const dump = JSON.stringify(db.$client.prepare("SELECT * FROM imagery_sources").all());
    expect(dump).toContain("{key}");
    expect(dump).not.toContain(env.TIANDITU_KEY);
  });

  it("updates with a version check: a stale version is refused and nothing changes", () => {
    const s = listImagerySourceRows(db).find((r) => r.name === "Second")!;
    const updated = updateImagerySource(db, by, s.id, s.version, { ...xyz, name: "Second (edited)", kind: "tms", maxZoom: 17 });
    expect(updated).toMatchObject({ name: "Second (edited)", maxZoom: 17, version: s.version + 1 });
    expect(refusal(() => updateImagerySource(db, by, s.id, s.version, { ...xyz, name: "Lost update" }))).toBe("version: stale_version");
    expect(getImagerySourceRow(db, s.id)!.name).toBe("Second (edited)");
    expect(refusal(() => updateImagerySource(db, by, 9999, 1, xyz))).toBe("id: no_such_source");
    expect(audits("imagery.update")).toBe(1);
  });

  it("moves the default, stores the offset in metres (range-checked), and deletes with a version check", () => {
    const [first, second] = listImagerySourceRows(db);
    const made = setDefaultImagerySource(db, by, second.id, second.version);
    expect(made.isDefault).toBe(true);
    expect(getImagerySourceRow(db, first.id)!.isDefault).toBe(false);
    const moved = setImageryOffset(db, by, made.id, made.version, 3, -10);
    expect(moved).toMatchObject({ offsetX: 3, offsetY: -10, version: made.version + 1 });
    expect(refusal(() => setImageryOffset(db, by, made.id, made.version, 1, 1))).toBe("version: stale_version");
    expect(refusal(() => setImageryOffset(db, by, made.id, moved.version, 600, 0))).toBe("offsetX: offset_range");
    expect(db.$client.prepare("SELECT detail FROM audit_log WHERE action = 'imagery.offset'").pluck().get()).toMatch(/0,0 → 3,-10 m$/);
    expect(refusal(() => deleteImagerySource(db, by, moved.id, made.version))).toBe("version: stale_version");
    deleteImagerySource(db, by, moved.id, moved.version);
    expect(getImagerySourceRow(db, moved.id)).toBeNull();
    expect(listImagerySourceRows(db).filter((s) => s.isDefault)).toHaveLength(1);
    expect(audits("imagery.delete")).toBe(1);
  });

  it("deletes an uploaded file with the last source using it, and never a file named elsewhere", () => {
    mkdirSync(join(folder, "imagery"), { recursive: true });
    const uploaded = join(folder, "imagery", "town.mbtiles");
    const shared = join(folder, "imagery", "shared.tif");
    const typed = join(folder, "elsewhere.mbtiles");
    for (const f of [uploaded, shared, typed]) writeFileSync(f, "x");
    const upload = (name: string, kind: "mbtiles" | "cog", location: string) => createImagerySource(db, by, { ...xyz, name, kind, location });
    const a = upload("Town", "mbtiles", "imagery/town.mbtiles");
    const b1 = upload("Shared 1", "cog", "imagery/shared.tif");
    const b2 = upload("Shared 2", "cog", "imagery/shared.tif");
    const c = upload("Typed path", "mbtiles", typed);

    deleteImagerySource(db, by, a.id, a.version);
    expect(existsSync(uploaded)).toBe(false);
    deleteImagerySource(db, by, b1.id, b1.version);
    expect(existsSync(shared), "another source still uses it").toBe(true);
    deleteImagerySource(db, by, b2.id, b2.version);
    expect(existsSync(shared)).toBe(false);
    deleteImagerySource(db, by, c.id, c.version);
    expect(existsSync(typed), "not an upload").toBe(true);
  });
});
