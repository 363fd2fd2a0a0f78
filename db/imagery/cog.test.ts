import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeArrayBuffer } from "geotiff";
import { closeAllCogs, cogTile, CogInvalid, describeGeoTiffBytes } from "./cog";
import { pixelOf, writeTileGeoTiff } from "./test-tiles";

const folder = mkdtempSync(join(tmpdir(), "tessera-cog-"));
afterAll(() => {
  closeAllCogs();
  rmSync(folder, { recursive: true, force: true });
});

const [Z, X, Y] = [15, 27400, 13400];

describe("GeoTIFF imagery cut into tiles on the server", () => {
  it("describes a generated EPSG:3857 RGB GeoTIFF: bands, extent in lon/lat, native zoom", async () => {
    const info = await describeGeoTiffBytes(new Uint8Array(writeTileGeoTiff(Z, X, Y, 64)));
    expect(info).toMatchObject({ crs: 3857, bands: 3, width: 64, height: 64, nativeZoom: Z - 2 });
    expect(info.bounds[0]).toBeCloseTo((X / 2 ** Z) * 360 - 180, 6);
  });

  it("cuts the tile the image covers (red left half, blue right half) and nothing elsewhere", async () => {
    const file = join(folder, "tile.tif");
    writeFileSync(file, new Uint8Array(writeTileGeoTiff(Z, X, Y, 64)));
    const tile = (await cogTile(file, Z, X, Y))!;
    expect(tile.contentType).toBe("image/png");
    expect(await pixelOf(tile.data, 30, 128)).toEqual([220, 20, 20, 255]);
    expect(await pixelOf(tile.data, 220, 128)).toEqual([20, 20, 220, 255]);
    // one zoom out: the image fills a quarter of the parent tile
    const parent = (await cogTile(file, Z - 1, X / 2, Y / 2))!;
    expect(await pixelOf(parent.data, 20, 64)).toEqual([220, 20, 20, 255]);
    expect((await pixelOf(parent.data, 200, 200))[3]).toBe(0);
    expect(await cogTile(file, Z, X + 5, Y)).toBeNull();
  });

  it("refuses what is not 8-bit imagery in a known coordinate system, and what is not a TIFF", async () => {
    const floats = new Uint8Array(writeArrayBuffer(new Float32Array(16), { width: 4, height: 4 } as never));
    await expect(describeGeoTiffBytes(floats)).rejects.toThrow(/8-bit/);
    const utm = new Uint8Array(writeArrayBuffer(new Uint8Array(16), { width: 4, height: 4, GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32650, ModelPixelScale: [1, 1, 0], ModelTiepoint: [0, 0, 0, 500000, 3000000, 0] } as never));
    await expect(describeGeoTiffBytes(utm)).rejects.toThrow(/EPSG:32650/);
    await expect(describeGeoTiffBytes(new TextEncoder().encode("II*\0 garbage"))).rejects.toBeInstanceOf(CogInvalid);
  });
});
