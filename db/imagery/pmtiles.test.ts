import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TileType } from "pmtiles";
import { closeAllPmtiles, pmtilesInfo, pmtilesTile } from "./pmtiles";
import { writePmtiles } from "./pmtiles-fixture";
import { pixelOf, solidPng } from "./test-tiles";

const folder = mkdtempSync(join(tmpdir(), "tessera-pmtiles-"));
const file = join(folder, "tiny.pmtiles");
const vector = join(folder, "vector.pmtiles");
afterAll(async () => {
  await closeAllPmtiles();
  rmSync(folder, { recursive: true, force: true });
});

beforeAll(async () => {
  const tiles = [
    { z: 14, x: 13700, y: 6700, data: await solidPng("#ff0000") },
    { z: 14, x: 13701, y: 6700, data: await solidPng("#00ff00") },
    { z: 15, x: 27400, y: 13400, data: await solidPng("#0000ff") },
  ];
  writeFileSync(file, writePmtiles(tiles, [121.0, 31.0, 121.1, 31.1]));
  writeFileSync(vector, writePmtiles([{ z: 0, x: 0, y: 0, data: new Uint8Array([1, 2, 3]) }], [-180, -85, 180, 85], TileType.Mvt));
});

describe("PMTiles (a local file through the pmtiles library)", () => {
  it("reads the header: raster type, zooms and bounds", async () => {
    expect(await pmtilesInfo(file)).toEqual({ contentType: "image/png", minZoom: 14, maxZoom: 15, bounds: [121, 31, 121.1, 31.1] });
  });

  it("reads tiles by XYZ address, and nothing where the archive has no tile", async () => {
    const red = await pmtilesTile(file, 14, 13700, 6700);
    expect(red?.contentType).toBe("image/png");
    expect(await pixelOf(red!.data, 5, 5)).toEqual([255, 0, 0, 255]);
    expect(await pixelOf((await pmtilesTile(file, 14, 13701, 6700))!.data, 5, 5)).toEqual([0, 255, 0, 255]);
    expect(await pixelOf((await pmtilesTile(file, 15, 27400, 13400))!.data, 5, 5)).toEqual([0, 0, 255, 255]);
    expect(await pmtilesTile(file, 14, 13702, 6700)).toBeNull();
    expect(await pmtilesTile(file, 12, 0, 0)).toBeNull();
  });

  it("refuses vector archives and files that are not PMTiles", async () => {
    await expect(pmtilesInfo(vector)).rejects.toThrow(/vector/);
    const junk = join(folder, "junk.pmtiles");
    writeFileSync(junk, "not a pmtiles archive at all");
    await expect(pmtilesInfo(junk)).rejects.toThrow();
  });
});
