import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import shpwrite from "@mapbox/shp-write";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { N, rect, setUpCommandDatabase } from "@/db/edit-test-fixture";
import { runLayerImport, type LayerImportCommandOptions } from "./import-layer-command";

// a second township for the fixture of Jinan districts (GBK names, CGCS2000 Gauss-Krüger zone 39)
const { dir, dbPath } = setUpCommandDatabase("import-layer", (db) => {
  db.$client.prepare("INSERT INTO admin_units (census_id, parent_id, level, code, name_zh, name_en) SELECT census_id, parent_id, 'township', '370102001', '解放路街道', 'Jiefanglu' FROM admin_units WHERE level = 'township' LIMIT 1").run();
});
const GK_FIXTURE = join(__dirname, "../lib/io/fixtures/formats/districts-gbk-gk39.zip");

async function run(options: Partial<LayerImportCommandOptions>): Promise<{ code: number; stdout: string }> {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  const code = await runLayerImport({ layer: "districts", gcj02: false, json: false, dbPath, ...options });
  return { code, stdout: lines.join("\n") };
}
const query = (sql: string, ...params: unknown[]) => {
  const db = openDatabase(dbPath);
  try {
    return db.$client.prepare(sql).all(...params);
  } finally {
    db.$client.close();
  }
};

describe("tessera import --layer (any format)", () => {
  it("imports the districts of a zipped GBK Shapefile in a Gauss-Krüger zone, fields guessed (CODE, 名称)", async () => {
    const { code, stdout } = await run({ file: GK_FIXTURE });
    expect(stdout).toMatch(/^Read 3 features \(shapefile, EPSG:45\d\d, gbk\); fields: code=CODE, name=名称\.$/m);
    expect(stdout).toMatch(/^Imported 3 districts from .*districts-gbk-gk39\.zip \(3 new, 0 replaced, 0 skipped\)\.$/m);
    expect(stdout).toMatch(/^Coverage check: \d+ errors, \d+ warnings/m);
    expect(code).toBe(0);
    const rows = query("SELECT code, name_zh, min_lon, min_lat FROM districts WHERE code LIKE '370102001%' ORDER BY code") as Array<{ code: string; name_zh: string; min_lon: number; min_lat: number }>;
    expect(rows.map((r) => [r.code, r.name_zh])).toEqual([["370102001001", "历下区第一普查区"], ["370102001002", "千佛山街道甲区"], ["370102001003", "趵突泉小区"]]);
    expect(rows[0].min_lon).toBeCloseTo(117.01, 6);
    expect(rows[0].min_lat).toBeCloseTo(36.65, 6);
    // again: the codes exist, so they are skipped unless --existing replace
    expect((await run({ file: GK_FIXTURE })).stdout).toMatch(/\(0 new, 0 replaced, 3 skipped\)/);
    expect((await run({ file: GK_FIXTURE, existing: "replace", json: true })).stdout).toContain('"replaced": 3');
  });

  it("imports small areas of a Shapefile made by @mapbox/shp-write with --map, and refuses bad features with exit 1", async () => {
    const fc = {
      type: "FeatureCollection" as const,
      features: [
        { type: "Feature" as const, properties: { XQ: "001", CUN: N }, geometry: rect(600, 600, 700, 800) },
        { type: "Feature" as const, properties: { XQ: "002", CUN: N }, geometry: rect(700, 600, 800, 800) },
      ],
    };
    const zip = join(dir, "north.zip");
    writeFileSync(zip, await shpwrite.zip(fc, { outputType: "uint8array", types: { polygon: "north" } }));
    const bad = join(dir, "north-bad.zip");
    writeFileSync(bad, await shpwrite.zip({ ...fc, features: [fc.features[0], { ...fc.features[1], properties: { XQ: "ABC", CUN: "440101001999" } }] }, { outputType: "uint8array" }));
    const refused = await run({ layer: "small-areas", file: bad, map: "code=XQ,districtCode=CUN" });
    expect(refused.code).toBe(1);
    expect(refused.stdout.split("\n").slice(1)).toEqual([
      "features[1] · Code: not a valid code (district: 12 digits; small area: 3 digits, or the 15-digit full code)",
      "features[1] · District code: no district with this code exists",
      "1 of 2 features break a rule: nothing imported. Fix them, or run again with --skip-bad to import the 1 good feature and leave out the bad ones.",
    ]);
    const zh = await run({ layer: "small-areas", file: bad, map: "code=XQ,districtCode=CUN", lang: "zh" });
    expect(zh.stdout).toContain("features[1] · 普查区代码: 不存在该代码的普查区");
    const skipped = await run({ layer: "small-areas", file: bad, map: "code=XQ,districtCode=CUN", skipBad: true });
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain("Imported 1 small area from");
    expect(skipped.stdout).toContain("(1 new, 0 replaced, 0 skipped; 1 bad feature left out).");
    expect(query("SELECT sa.code FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? ORDER BY sa.code", N)).toEqual([{ code: "001" }]);
    const done = await run({ layer: "small-areas", file: zip, map: "code=XQ,districtCode=CUN" });
    expect(done.code).toBe(0);
    expect(query("SELECT sa.code FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? ORDER BY sa.code", N)).toEqual([{ code: "001" }, { code: "002" }]);
  });

  it("throws (exit 2) for bad use, a bad mapping and an unreadable file", async () => {
    await expect(run({ layer: "parcels", file: GK_FIXTURE })).rejects.toThrow(/--layer districts\|small-areas/);
    await expect(run({ file: GK_FIXTURE, map: "code=NOPE" })).rejects.toThrow(/--map: code names an attribute the file does not have/);
    await expect(run({ file: GK_FIXTURE, map: "code" })).rejects.toThrow(/--map: code is not target=attribute/);
    await expect(run({ file: GK_FIXTURE, existing: "merge" })).rejects.toThrow(/--existing/);
    const notZip = join(dir, "broken.zip");
    writeFileSync(notZip, "this is not a zip");
    await expect(run({ file: notZip })).rejects.toThrow(/broken\.zip.*\[rule [a-z_]+\]/);
  });

  it("runs through bin/tessera.ts", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "bin/tessera.ts", "import", "--layer", "districts", "--file", GK_FIXTURE, "--db", dbPath, "--json"], { encoding: "utf8", env: { ...process.env, TESSERA_DB: "" } });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: "shapefile", encoding: "gbk", report: { status: "imported", skipped: 3 } });
  }, 30_000);
});
