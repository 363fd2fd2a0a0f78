import { VectorTile } from "@mapbox/vector-tile";
import type { Feature, Point, Polygon } from "geojson";
import { PbfReader } from "pbf";
import { describe, expect, it } from "vitest";
import { tileBounds, tileToLonLat } from "@/lib/geo/web-mercator";
import { encodeVectorTile, parseTileAddress, type TileAddress } from "./vector-tile";

// the decoder MapLibre itself uses (a dependency of maplibre-gl), so these tests read what the map reads
const decode = (bytes: Uint8Array) => new VectorTile(new PbfReader(bytes));

const address: TileAddress = { z: 14, x: 13657, y: 6768 }; // near lon 120.1, lat 30.3
const [west, south, east, north] = tileBounds(address.x, address.y, address.z);
const at = (fx: number, fy: number): [number, number] => [west + fx * (east - west), north - fy * (north - south)];

function square(id: number, fx: number, fy: number, size: number, properties: Record<string, unknown>): Feature<Polygon> {
  const [x0, y0] = at(fx, fy);
  const [x1, y1] = at(fx + size, fy + size);
  return { type: "Feature", id, properties, geometry: { type: "Polygon", coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] } };
}

const point = (id: number, fx: number, fy: number, properties: Record<string, unknown>): Feature<Point> => ({
  type: "Feature", id, properties, geometry: { type: "Point", coordinates: at(fx, fy) },
});

describe("encodeVectorTile", () => {
  it("writes features with their ids and non-null properties, in tile coordinates a decoder reads back", () => {
    const features = [
      square(7, 0.2, 0.2, 0.1, { number: 3, use: "residential", name: null, nameEn: null, smallAreaId: 42 }),
      point(9, 0.75, 0.5, { number: null, use: "school", name: "中心小学", nameEn: "Central Primary School", smallAreaId: null }),
    ];
    const bytes = encodeVectorTile({ buildings: features }, address);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const tile = decode(bytes!);
    expect(Object.keys(tile.layers)).toEqual(["buildings"]);
    const layer = tile.layers.buildings;
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    expect(layer.length).toBe(2);
    const decoded = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const byId = new Map(decoded.map((f) => [f.id, f]));
    expect(byId.get(7)?.properties).toEqual({ number: 3, use: "residential", smallAreaId: 42 });
    expect(byId.get(9)?.properties).toEqual({ use: "school", name: "中心小学", nameEn: "Central Primary School" });
    expect(byId.get(7)?.type).toBe(3); // polygon
    expect(byId.get(9)?.type).toBe(1); // point
    // a corner lands on the tile grid: 0.2 × 4096 (±1 for rounding)
    const ring = byId.get(7)!.loadGeometry()[0];
    expect(Math.min(...ring.map((p) => p.x))).toBeCloseTo(819, -1);
    // and back to lon/lat within a tile unit (~0.15 m at z14)
    const back = byId.get(9)!.toGeoJSON(address.x, address.y, address.z).geometry as Point;
    const unit = (east - west) / 4096;
    expect(Math.abs(back.coordinates[0] - at(0.75, 0.5)[0])).toBeLessThan(unit);
    expect(Math.abs(back.coordinates[1] - at(0.75, 0.5)[1])).toBeLessThan(unit);
  });

  it("clips a feature crossing the edge to the tile and its buffer", () => {
    const big = square(1, 0.5, 0.5, 2, { use: "factory" }); // reaches far into the next tiles
    const tile = decode(encodeVectorTile({ buildings: [big] }, address)!);
    const ring = tile.layers.buildings.feature(0).loadGeometry()[0];
    expect(Math.max(...ring.map((p) => p.x))).toBeLessThanOrEqual(4096 + 64);
    expect(Math.max(...ring.map((p) => p.y))).toBeLessThanOrEqual(4096 + 64);
  });

  it("returns null when nothing lies in the tile or its buffer", () => {
    const away = point(1, 3, 3, { use: "shop" });
    expect(encodeVectorTile({ buildings: [away] }, address)).toBeNull();
    expect(encodeVectorTile({ buildings: [] }, address)).toBeNull();
    // a point just inside the buffer (half a buffer outside the edge) is kept for labels across the edge
    expect(encodeVectorTile({ buildings: [point(2, 1 + 32 / 4096, 0.5, { use: "shop" })] }, address)).not.toBeNull();
  });

  it("leaves out an empty layer and keeps the others", () => {
    const tile = decode(encodeVectorTile({ buildings: [point(1, 0.5, 0.5, { use: "shop" })], empty: [] }, address)!);
    expect(Object.keys(tile.layers)).toEqual(["buildings"]);
  });
});

describe("parseTileAddress", () => {
  it("accepts whole numbers inside the zoom's grid, with an optional .mvt or .pbf", () => {
    expect(parseTileAddress("14", "13657", "6768")).toEqual({ ok: true, address: address });
    expect(parseTileAddress("14", "13657", "6768.mvt")).toEqual({ ok: true, address: address });
    expect(parseTileAddress("0", "0", "0.pbf")).toEqual({ ok: true, address: { z: 0, x: 0, y: 0 } });
    expect(tileToLonLat(address.x, address.y, address.z)[0]).toBeCloseTo(120.09, 1);
  });

  it("names the part that is wrong", () => {
    const cases: Array<[[string, string, string], "z" | "x" | "y"]> = [
      [["abc", "1", "1"], "z"],
      [["25", "0", "0"], "z"],
      [["-1", "0", "0"], "z"],
      [["1.5", "0", "0"], "z"],
      [["14", "16384", "0"], "x"],
      [["14", "x", "0"], "x"],
      [["14", "0", "-1"], "y"],
      [["14", "0", "16384"], "y"],
      [["14", "0", "1e3"], "y"],
      [["14", "0", "99999999999999999999"], "y"],
    ];
    for (const [[z, x, y], place] of cases) {
      const parsed = parseTileAddress(z, x, y);
      expect(parsed.ok, `${z}/${x}/${y}`).toBe(false);
      if (!parsed.ok) {
        expect(parsed.place).toBe(place);
        expect(parsed.message.length).toBeGreaterThan(10);
      }
    }
  });
});
