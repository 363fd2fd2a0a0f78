import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { closeAllMbtiles, openMbtiles } from "./mbtiles";

const dir = mkdtempSync(join(tmpdir(), "tessera-mbtiles-test-"));
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

/** A hand-made MBTiles file: tiles given in TMS rows, as the format stores them. */
function makeFile(name: string, format: string, tiles: Array<[number, number, number, Buffer]>): string {
  const path = join(dir, name);
  const db = new Database(path);
  db.exec("CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);");
  const meta = db.prepare("INSERT INTO metadata VALUES (?, ?)");
  for (const [k, v] of Object.entries({ name: name, format, minzoom: "0", maxzoom: "3" })) meta.run(k, v);
  const put = db.prepare("INSERT INTO tiles VALUES (?, ?, ?, ?)");
  for (const [z, x, tmsRow, data] of tiles) put.run(z, x, tmsRow, data);
  db.close();
  return path;
}

afterAll(() => {
  closeAllMbtiles();
  rmSync(dir, { recursive: true, force: true });
});

describe("openMbtiles", () => {
  it("reads tiles by XYZ address, flipping rows to TMS", () => {
    // XYZ (z3, x2, y1) is TMS row 2^3 - 1 - 1 = 6
    const file = makeFile("a.mbtiles", "jpg", [[3, 2, 6, JPEG]]);
    const reader = openMbtiles(file);
    const tile = reader.getTile(3, 2, 1);
    expect(tile?.data.equals(JPEG)).toBe(true);
    expect(tile?.contentType).toBe("image/jpeg");
    expect(reader.getTile(3, 2, 6)).toBeNull(); // the TMS row is not an XYZ row
  });

  it("returns null for missing or impossible tiles", () => {
    const reader = openMbtiles(makeFile("b.mbtiles", "jpg", [[1, 0, 0, JPEG]]));
    expect(reader.getTile(1, 1, 1)).toBeNull();
    expect(reader.getTile(1, 2, 0)).toBeNull();
    expect(reader.getTile(1, -1, 0)).toBeNull();
    expect(reader.getTile(1.5, 0, 0)).toBeNull();
    expect(reader.getTile(Number.NaN, 0, 0)).toBeNull();
  });

  it("gives the metadata and a content type from the bytes or the format", () => {
    const reader = openMbtiles(makeFile("c.mbtiles", "png", [[0, 0, 0, PNG], [1, 0, 0, Buffer.from("??")]]));
    expect(reader.metadata()).toMatchObject({ name: "c.mbtiles", format: "png", minzoom: "0", maxzoom: "3" });
    expect(reader.getTile(0, 0, 0)?.contentType).toBe("image/png");
    expect(reader.getTile(1, 0, 1)?.contentType).toBe("image/png"); // unknown bytes: the declared format
  });

  it("caches readers by path and reopens a file that was replaced", () => {
    const file = makeFile("d.mbtiles", "jpg", [[0, 0, 0, JPEG]]);
    const first = openMbtiles(file);
    expect(openMbtiles(join(dir, ".", "d.mbtiles"))).toBe(first);
    const replacement = makeFile("d-new.mbtiles", "png", [[0, 0, 0, PNG]]);
    renameSync(replacement, file);
    const second = openMbtiles(file);
    expect(second).not.toBe(first);
    expect(second.getTile(0, 0, 0)?.contentType).toBe("image/png");
    second.close();
    expect(openMbtiles(file)).not.toBe(second);
  });

  it("throws for a missing file", () => {
    expect(() => openMbtiles(join(dir, "missing.mbtiles"))).toThrow();
  });
});
