import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAllMbtiles, openMbtiles, type MbtilesReader } from "@/db/imagery/mbtiles";
import { flipY, lonLatToTile, tileCount, tileRangeForBbox } from "@/lib/geo/web-mercator";
import { imageryBbox, renderImagery } from "./render-imagery";
import { TINY_POINTS, tinyTownship } from "./tiny-township-fixture";

const dir = mkdtempSync(join(tmpdir(), "tessera-imagery-test-"));
const file = join(dir, "imagery", "tiny.mbtiles");
const town = tinyTownship();
let result: { tiles: number; bytes: number; ms: number };
let reader: MbtilesReader;

/** RGB of the pixel of the rendered tile at zoom z under a lon/lat. */
async function pixelAt([lon, lat]: readonly [number, number], z: number): Promise<[number, number, number]> {
  const { x, y, px, py } = lonLatToTile(lon, lat, z);
  const tile = reader.getTile(z, x, y);
  if (!tile) throw new Error(`no tile ${z}/${x}/${y}`);
  const image = await loadImage(tile.data);
  const ctx = createCanvas(256, 256).getContext("2d");
  ctx.drawImage(image, 0, 0);
  const d = ctx.getImageData(Math.floor(px), Math.floor(py), 1, 1).data;
  return [d[0], d[1], d[2]];
}

beforeAll(async () => {
  result = await renderImagery(town, file);
  reader = openMbtiles(file);
}, 60_000);

afterAll(() => {
  closeAllMbtiles();
  rmSync(dir, { recursive: true, force: true });
});

describe("renderImagery", () => {
  it("writes a complete MBTiles file and leaves no temporary file", () => {
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(join(dir, "imagery"))).toEqual(["tiny.mbtiles"]);
    expect(result.bytes).toBeGreaterThan(0);
    expect(result.ms).toBeGreaterThan(0);
  });

  it("describes itself in the metadata table", () => {
    const meta = reader.metadata();
    expect(meta).toMatchObject({ format: "jpg", type: "baselayer", minzoom: "13", maxzoom: "18", attribution: "Tessera synthetic imagery" });
    expect(meta.name).toContain("Tiny Town");
    const bounds = meta.bounds.split(",").map(Number);
    const [w, s, e, n] = imageryBbox(town);
    expect(bounds[0]).toBeCloseTo(w, 5);
    expect(bounds[1]).toBeCloseTo(s, 5);
    expect(bounds[2]).toBeCloseTo(e, 5);
    expect(bounds[3]).toBeCloseTo(n, 5);
    const [lon, lat, zoom] = meta.center.split(",").map(Number);
    expect(lon).toBeGreaterThan(w);
    expect(lon).toBeLessThan(e);
    expect(lat).toBeGreaterThan(s);
    expect(lat).toBeLessThan(n);
    expect(zoom).toBe(15);
  });

  it("has every tile of the zoom range over the township and its margin, in TMS rows", () => {
    const db = new Database(file, { readonly: true });
    try {
      let expected = 0;
      for (let z = 13; z <= 18; z++) {
        const range = tileRangeForBbox(imageryBbox(town), z);
        expected += tileCount(range);
        const row = db.prepare("SELECT count(*) AS n FROM tiles WHERE zoom_level = ?").get(z) as { n: number };
        expect(row.n).toBe(tileCount(range));
        // the north-west tile is stored at the flipped row, and the reader finds it by its XYZ row
        const stored = db
          .prepare("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?")
          .get(z, range.minX, flipY(range.minY, z)) as { tile_data: Buffer } | undefined;
        expect(stored).toBeDefined();
        expect(reader.getTile(z, range.minX, range.minY)?.data.equals(stored!.tile_data)).toBe(true);
        if (z >= 1) expect(db.prepare("SELECT 1 FROM tiles WHERE zoom_level = ? AND tile_row = ?").get(z, range.minY)).toBeUndefined();
      }
      expect(result.tiles).toBe(expected);
      const total = db.prepare("SELECT count(*) AS n FROM tiles").get() as { n: number };
      expect(total.n).toBe(expected);
      const index = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tiles'").get() as { sql: string };
      expect(index.sql).toMatch(/UNIQUE INDEX.*\(zoom_level, tile_column, tile_row\)/);
    } finally {
      db.close();
    }
  });

  it("stores small 256 px JPEG tiles", async () => {
    const { x, y } = lonLatToTile(...TINY_POINTS.pond, 18);
    const tile = reader.getTile(18, x, y);
    expect(tile?.contentType).toBe("image/jpeg");
    const data = tile!.data;
    expect([...data.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...data.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(data.length).toBeLessThan(40_000);
    const image = await loadImage(data);
    expect([image.width, image.height]).toEqual([256, 256]);
  });

  it("draws water, road and field where the vectors are (z17 and z18)", async () => {
    for (const z of [17, 18]) {
      const [pr, pg, pb] = await pixelAt(TINY_POINTS.pond, z);
      expect(pb - pr, `pond at z${z}: ${pr},${pg},${pb}`).toBeGreaterThan(15); // dark greenish blue
      expect(pg - pr).toBeGreaterThan(10);

      const road = await pixelAt(TINY_POINTS.road, z);
      expect(Math.max(...road) - Math.min(...road), `road at z${z}: ${road}`).toBeLessThan(20); // grey
      const mean = (road[0] + road[1] + road[2]) / 3;
      expect(mean).toBeGreaterThan(70);
      expect(mean).toBeLessThan(200);

      const [fr, fg, fb] = await pixelAt(TINY_POINTS.field, z);
      expect(fg, `field at z${z}: ${fr},${fg},${fb}`).toBeGreaterThan(fb + 10); // crops, not water or asphalt

      const [br, , bb] = await pixelAt(TINY_POINTS.besidePond, z);
      expect(bb - br, `beside the pond at z${z}`).toBeLessThan(10);
    }
  });

  it("renders the same bytes every time", async () => {
    const again = join(dir, "again.mbtiles");
    await renderImagery(town, again, { minZoom: 17, maxZoom: 17 });
    const other = openMbtiles(again);
    const range = tileRangeForBbox(imageryBbox(town), 17);
    for (let x = range.minX; x <= range.maxX; x++) {
      expect(other.getTile(17, x, range.minY)?.data.equals(reader.getTile(17, x, range.minY)!.data)).toBe(true);
    }
    expect(other.metadata().minzoom).toBe("17");
  });

  it("rejects a bad zoom range without writing anything", async () => {
    const bad = join(dir, "bad.mbtiles");
    await expect(renderImagery(town, bad, { minZoom: 18, maxZoom: 13 })).rejects.toThrow(/zoom/);
    expect(existsSync(bad)).toBe(false);
  });
});
