import { describe, expect, it } from "vitest";
import { metersPerPixel, worldYToLat } from "@/lib/geo/web-mercator";
import { composeTile, placements, type TileGetter } from "./compose";
import { pixelOf, solidPng } from "./test-tiles";

const Z = 16;
const X = 54000;
const Y = 26000;
const mpp = metersPerPixel(worldYToLat((Y + 0.5) / 2 ** Z), Z);

describe("placements", () => {
  it("is the tile itself without offset", () => {
    expect(placements(Z, X, Y, 0, 0)).toEqual([{ x: X, y: Y, dx: 0, dy: 0 }]);
  });

  it("moving the imagery east by half a tile draws the western neighbour's right half on the left", () => {
    const p = placements(Z, X, Y, 128 * mpp, 0);
    expect(p.map((q) => [q.x, q.y, Math.round(q.dx), Math.round(q.dy)])).toEqual([
      [X - 1, Y, -128, 0],
      [X, Y, 128, 0],
    ]);
  });

  it("moving it north by 10 m lifts the tile by 10 m worth of pixels and brings in the southern neighbour", () => {
    const p = placements(Z, X, Y, 0, 10);
    expect(p.map((q) => [q.x, q.y])).toEqual([[X, Y], [X, Y + 1]]);
    expect(p[0].dy).toBeCloseTo(-10 / mpp, 6);
    expect(p[1].dy).toBeCloseTo(256 - 10 / mpp, 6);
  });

  it("wraps columns at the antimeridian and leaves out rows beyond the poles", () => {
    expect(placements(1, 0, 0, -1000e3, 0).map((q) => q.x)).toEqual([0, 1]);
    expect(placements(1, 0, 0, 0, -100e3).map((q) => q.y)).toEqual([0]);
    expect(placements(1, 0, 0, 0, -10e6)).toEqual([]);
    expect(placements(1, 0, 0, 0, 10e6).map((q) => q.y)).toEqual([1]);
  });
});

describe("composeTile", () => {
  it("passes one layer's bytes through untouched without offset", async () => {
    const red = await solidPng("#ff0000");
    const tile = await composeTile([async () => ({ data: red, contentType: "image/png" })], Z, X, Y, 0, 0);
    expect(tile?.data).toBe(red);
  });

  it("shifts: with the imagery moved east by half a tile, the left half shows the western tile", async () => {
    const [red, blue] = [await solidPng("#ff0000"), await solidPng("#0000ff")];
    const layer: TileGetter = async (_z, x) => ({ data: x === X ? red : blue, contentType: "image/png" });
    const tile = (await composeTile([layer], Z, X, Y, 128 * mpp, 0))!;
    expect(tile.contentType).toBe("image/png");
    expect(await pixelOf(tile.data, 10, 100)).toEqual([0, 0, 255, 255]);
    expect(await pixelOf(tile.data, 250, 100)).toEqual([255, 0, 0, 255]);
  });

  it("stacks layers bottom first, and leaves what no layer covers transparent", async () => {
    const red = await solidPng("#ff0000");
    const half = await solidPng("rgba(0,255,0,0.0)");
    const base: TileGetter = async (_z, x) => (x === X ? { data: red, contentType: "image/png" } : null);
    const labels: TileGetter = async () => ({ data: half, contentType: "image/png" });
    const tile = (await composeTile([base, labels], Z, X, Y, -128 * mpp, 0))!;
    expect(await pixelOf(tile.data, 10, 10)).toEqual([255, 0, 0, 255]);
    expect((await pixelOf(tile.data, 250, 10))[3]).toBe(0);
    expect(await composeTile([async () => null], Z, X, Y, 5, 5)).toBeNull();
  });
});
