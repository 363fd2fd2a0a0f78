import { describe, expect, it } from "vitest";
import {
  MAX_LATITUDE,
  TILE_SIZE,
  bufferedTileBounds,
  flipY,
  latToWorldY,
  lonLatToTile,
  lonLatToWorldPixel,
  lonToWorldX,
  metersPerPixel,
  metersToWorld,
  tileBounds,
  tileCount,
  tileRangeForBbox,
  tileToLonLat,
  worldPixelToLonLat,
  worldXToLon,
  worldYToLat,
} from "./web-mercator";

describe("web mercator", () => {
  it("puts lon/lat 0/0 in the middle of the world", () => {
    expect(lonLatToWorldPixel(0, 0, 0)).toEqual([128, 128]);
    expect(lonLatToTile(0, 0, 1)).toEqual({ x: 1, y: 1, px: 0, py: 0 });
    expect(lonToWorldX(-180)).toBe(0);
    expect(lonToWorldX(180)).toBe(1);
    expect(latToWorldY(MAX_LATITUDE)).toBeCloseTo(0, 9);
    expect(latToWorldY(-MAX_LATITUDE)).toBeCloseTo(1, 9);
    expect(latToWorldY(89.9)).toBe(latToWorldY(MAX_LATITUDE)); // clamped
  });

  it("gives the known tiles of well-known places", () => {
    // Berlin z10 and London z14 as on the OpenStreetMap wiki's "slippy map tilenames"
    expect(lonLatToTile(13.405, 52.52, 10)).toMatchObject({ x: 550, y: 335 });
    expect(lonLatToTile(-0.1276, 51.5072, 14)).toMatchObject({ x: 8186, y: 5448 });
    // the demo's area, against the other textbook form y = (1 − asinh(tan φ) / π) / 2 · 2^z
    const z = 18;
    const yRef = ((1 - Math.asinh(Math.tan((30.3 * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z;
    expect(lonLatToTile(120.1, 30.3, 12)).toMatchObject({ x: 3414, y: 1685 });
    expect(lonLatToWorldPixel(120.1, 30.3, z)[1]).toBeCloseTo(yRef * TILE_SIZE, 4);
  });

  it("gives tile corners and bounds", () => {
    expect(tileToLonLat(0, 0, 0)[0]).toBe(-180);
    expect(tileToLonLat(0, 0, 0)[1]).toBeCloseTo(MAX_LATITUDE, 9);
    const [w, s, e, n] = tileBounds(1, 0, 1);
    expect([w, e]).toEqual([0, 180]);
    expect(s).toBeCloseTo(0, 12);
    expect(n).toBeCloseTo(MAX_LATITUDE, 9);
  });

  it("round-trips lon/lat through world pixels at every zoom", () => {
    for (const [lon, lat] of [
      [120.1, 30.3],
      [-73.9857, 40.7484],
      [151.2153, -33.8568],
      [0.0001, -0.0001],
    ]) {
      for (let z = 0; z <= 22; z += 3) {
        const [px, py] = lonLatToWorldPixel(lon, lat, z);
        const [lon2, lat2] = worldPixelToLonLat(px, py, z);
        expect(lon2).toBeCloseTo(lon, 9);
        expect(lat2).toBeCloseTo(lat, 9);
        const t = lonLatToTile(lon, lat, z);
        expect(t.x * TILE_SIZE + t.px).toBeCloseTo(px, 6);
        expect(t.y * TILE_SIZE + t.py).toBeCloseTo(py, 6);
      }
      expect(worldXToLon(lonToWorldX(lon))).toBeCloseTo(lon, 12);
      expect(worldYToLat(latToWorldY(lat))).toBeCloseTo(lat, 12);
    }
  });

  it("enumerates the tiles over a bbox", () => {
    const range = tileRangeForBbox([120.08, 30.28, 120.12, 30.32], 16);
    const nw = lonLatToTile(120.08, 30.32, 16);
    const se = lonLatToTile(120.12, 30.28, 16);
    expect(range).toEqual({ z: 16, minX: nw.x, maxX: se.x, minY: nw.y, maxY: se.y });
    expect(tileCount(range)).toBe((se.x - nw.x + 1) * (se.y - nw.y + 1));
    expect(tileCount(tileRangeForBbox([-180, -85, 180, 85], 2))).toBe(16);
  });

  it("measures ground resolution and metres in world units", () => {
    expect(metersPerPixel(0, 0)).toBeCloseTo(156543.03392804097, 6);
    expect(metersPerPixel(60, 1)).toBeCloseTo(156543.03392804097 / 4, 6);
    // a metre in world units, times world pixels per unit, is one over metres per pixel
    expect(metersToWorld(1, 30.3) * TILE_SIZE * 2 ** 18).toBeCloseTo(1 / metersPerPixel(30.3, 18), 9);
  });

  it("flips XYZ rows to TMS rows and back", () => {
    expect(flipY(0, 0)).toBe(0);
    expect(flipY(0, 3)).toBe(7);
    expect(flipY(flipY(5, 4), 4)).toBe(5);
  });

  it("grows a tile's bounds by a fraction of its width, clamped to the world", () => {
    const [w, s, e, n] = tileBounds(13657, 6768, 14);
    const [bw, bs, be, bn] = bufferedTileBounds(13657, 6768, 14, 64 / 4096);
    expect(bufferedTileBounds(13657, 6768, 14, 0)).toEqual([w, s, e, n]);
    expect(w - bw).toBeCloseTo(((e - w) * 64) / 4096, 12);
    expect(be - e).toBeCloseTo(((e - w) * 64) / 4096, 12);
    expect(bn).toBeGreaterThan(n);
    expect(bs).toBeLessThan(s);
    expect(bufferedTileBounds(0, 0, 0, 0.5)).toEqual(tileBounds(0, 0, 0));
  });
});
