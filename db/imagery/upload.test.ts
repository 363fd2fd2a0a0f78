import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { safeFileName, sniffImageryKind, storeImageryUpload } from "./upload";
import { solidPng, writeMbtiles, writeTileGeoTiff } from "./test-tiles";

const folder = mkdtempSync(join(tmpdir(), "tessera-upload-"));
const dbPath = join(folder, "tessera.db");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function mbtilesBytes(name: string, make: (db: Database.Database) => void): Promise<Uint8Array> {
  const file = join(folder, name);
  const db = new Database(file);
  make(db);
  db.close();
  return readFileSync(file);
}
const refusal = (p: Promise<unknown>) => p.then(() => "stored", (e: { rule?: string; field?: string }) => `${e.field}: ${e.rule}`);

describe("imagery uploads", () => {
  it("stores a good MBTiles under imagery/ with a safe name, its zooms and bounds", async () => {
    const source = join(folder, "good.mbtiles");
    writeMbtiles(source, [{ z: 14, x: 13700, y: 6700, data: await solidPng("#888") }, { z: 16, x: 54800, y: 26800, data: await solidPng("#888") }], "121,31,121.1,31.1");
    const stored = await storeImageryUpload(readFileSync(source), "../../etc/影像 2024.mbtiles", dbPath);
    expect(stored).toMatchObject({ kind: "mbtiles", minZoom: 14, maxZoom: 16, bounds: [121, 31, 121.1, 31.1] });
    expect(stored.location).toMatch(/^imagery\/2024-[0-9a-f]{8}\.mbtiles$/);
    expect(existsSync(join(folder, stored.location))).toBe(true);
  });

  it("refuses what is not SQLite, SQLite without a tiles table, an empty or vector MBTiles; nothing is left behind", async () => {
    const before = readdirSync(join(folder, "imagery")).length;
    expect(await refusal(storeImageryUpload(new TextEncoder().encode("PK\u0003\u0004 a zip"), "x.mbtiles", dbPath))).toBe("file: not_imagery_file");
    const noTiles = await mbtilesBytes("no-tiles.mbtiles", (db) => db.exec("CREATE TABLE other (a)"));
    expect(await refusal(storeImageryUpload(noTiles, "x.mbtiles", dbPath))).toBe("file: no_tiles_table");
    const empty = await mbtilesBytes("empty.mbtiles", (db) => db.exec("CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)"));
    expect(await refusal(storeImageryUpload(empty, "x.mbtiles", dbPath))).toBe("file: no_tiles");
    const vector = await mbtilesBytes("vector.mbtiles", (db) => {
      db.exec("CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)");
      db.prepare("INSERT INTO tiles VALUES (0, 0, 0, ?)").run(Buffer.from([0x1a, 0x02, 0x03, 0x04]));
    });
    expect(await refusal(storeImageryUpload(vector, "x.mbtiles", dbPath))).toBe("file: not_raster");
    const truncated = (await mbtilesBytes("trunc.mbtiles", (db) => db.exec("CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)"))).subarray(0, 100);
    expect(await refusal(storeImageryUpload(truncated, "x.mbtiles", dbPath))).toMatch(/^file: (not_sqlite|no_tiles_table)$/);
    expect(readdirSync(join(folder, "imagery")).length).toBe(before);
  });

  it("stores a good GeoTIFF and refuses a broken one", async () => {
    const stored = await storeImageryUpload(new Uint8Array(writeTileGeoTiff(15, 27400, 13400, 64)), "aerial.tif", dbPath);
    expect(stored).toMatchObject({ kind: "cog", maxZoom: 13, minZoom: 7 });
    expect(stored.location).toMatch(/^imagery\/aerial-[0-9a-f]{8}\.tif$/);
    expect(await refusal(storeImageryUpload(new TextEncoder().encode("II*\0 not really"), "bad.tif", dbPath))).toBe("file: bad_geotiff");
  });

  it("knows files by their first bytes and makes names that cannot leave the folder", () => {
    expect(sniffImageryKind(new TextEncoder().encode("SQLite format 3\0..."))).toBe("mbtiles");
    expect(sniffImageryKind(new TextEncoder().encode("MM\0*...."))).toBe("cog");
    expect(sniffImageryKind(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(safeFileName("../../../../etc/passwd", "tif")).toMatch(/^passwd-[0-9a-f]{8}\.tif$/);
    expect(safeFileName("..", "mbtiles")).toMatch(/^imagery-[0-9a-f]{8}\.mbtiles$/);
  });
});
