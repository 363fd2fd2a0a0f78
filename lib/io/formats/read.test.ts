import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";
import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { detectFormat, readVectorFile } from "@/lib/io/formats/read";
import type { ReadResult } from "@/lib/io/formats/types";

const DIR = join(__dirname, "..", "fixtures", "formats");
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const expected = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as {
  shapefile: Array<{ rings: Position[][]; props: Record<string, unknown> }>;
  geopackage: Array<{ rings: Position[][]; props: Record<string, unknown> }>;
  points: Array<{ point: Position; props: Record<string, unknown> }>;
};
const text = (s: string) => new TextEncoder().encode(s);

/** Largest distance in degrees between two lists of rings, compared as sets of positions (ring order/start may differ). */
function maxRingError(actual: Position[][], wanted: Position[][]): number {
  const got = actual.flat();
  let worst = 0;
  for (const p of wanted.flat()) worst = Math.max(worst, Math.min(...got.map((q) => Math.max(Math.abs(q[0] - p[0]), Math.abs(q[1] - p[1])))));
  expect(got.length).toBe(wanted.flat().length);
  return worst;
}

const polygonRings = (r: ReadResult, i: number) => (r.features[i].geometry as { coordinates: Position[][] }).coordinates;

describe("readVectorFile on the fixtures (bin/make-format-fixtures.ts)", () => {
  it("reads the GBK Shapefile in Gauss-Krüger zone 39 (EPSG:4527) back to the lon/lat it was made from (1e-7°)", async () => {
    const r = await readVectorFile(bytes("districts-gbk-gk39.zip"), "districts-gbk-gk39.zip");
    expect([r.format, r.sourceCrs, r.encoding, r.layers]).toEqual(["shapefile", "EPSG:4527", "gbk", ["普查区"]]);
    expect(r.features.map((f) => f.properties)).toEqual(expected.shapefile.map((f) => f.props));
    expected.shapefile.forEach((f, i) => expect(maxRingError(polygonRings(r, i), f.rings)).toBeLessThan(1e-7));
    expect(r.fields).toEqual([
      { name: "CODE", type: "string", samples: ["370102001001", "370102001002", "370102001003"] },
      { name: "名称", type: "string", samples: ["历下区第一普查区", "千佛山街道甲区", "趵突泉小区"] },
      { name: "HH", type: "number", samples: ["120", "87", "0"] },
    ]);
    expect(r.features[0].geometry).not.toHaveProperty("bbox");
    expect(r.warnings).toEqual([]);
  });

  it("finds GBK without a .cpg (the .dbf is not valid UTF-8), and reads as the caller says", async () => {
    const parts = unzipSync(bytes("districts-gbk-gk39.zip"));
    delete parts["普查区.cpg"];
    const guessed = await readVectorFile(zipSync(parts), "no-cpg.zip");
    expect([guessed.encoding, guessed.features[0].properties.名称]).toEqual(["gbk", "历下区第一普查区"]);
    const forced = await readVectorFile(bytes("districts-gbk-gk39.zip"), "d.zip", { encoding: "utf-8" });
    expect(forced.encoding).toBe("utf-8");
    expect(forced.features[0].properties.名称).not.toBe("历下区第一普查区");
  });

  it("reads the GeoPackage in EPSG:4547 (CM 114°E) from its gpkg_spatial_ref_sys", async () => {
    const r = await readVectorFile(bytes("areas-4547.gpkg"), "areas-4547.gpkg");
    expect([r.format, r.sourceCrs, r.layers]).toEqual(["geopackage", "EPSG:4547", ["small_areas"]]);
    expect(r.features.map((f) => f.properties)).toEqual(expected.geopackage.map((f) => f.props));
    expect(r.features.map((f) => f.id)).toEqual([1, 2]);
    expected.geopackage.forEach((f, i) => expect(maxRingError(polygonRings(r, i), f.rings)).toBeLessThan(1e-7));
  });

  it("reads the FlatGeobuf in Web Mercator (EPSG:3857 in its header)", async () => {
    const r = await readVectorFile(bytes("areas-3857.fgb"), "areas-3857.fgb");
    expect([r.format, r.sourceCrs]).toEqual(["flatgeobuf", "EPSG:3857"]);
    expect(r.features.map((f) => f.properties)).toEqual(expected.geopackage.map((f) => f.props));
    expected.geopackage.forEach((f, i) => expect(maxRingError(polygonRings(r, i), f.rings)).toBeLessThan(1e-7));
  });

  it("reads the KMZ with its ExtendedData (SimpleData and Data) as properties, without KML styles", async () => {
    const r = await readVectorFile(bytes("census.kmz"), "census.kmz");
    expect([r.format, r.sourceCrs, r.features.length]).toEqual(["kml", "EPSG:4326", 3]);
    expect(r.features[0].properties).toEqual({ name: "江岸区一区", code: "420102001001", households: 310 });
    expect(r.features[2].properties).toEqual({ name: "天安门", 编码: "0011" });
    expect(maxRingError(polygonRings(r, 1), expected.geopackage[1].rings)).toBeLessThan(1e-12);
  });

  it("reads the CSVs with a BOM (UTF-8) and in GBK, finding 经度/纬度 and lng/lat, keeping leading zeros", async () => {
    for (const name of ["points-bom.csv", "points-gbk.csv"]) {
      const r = await readVectorFile(bytes(name), name);
      expect(r.encoding).toBe(name.includes("gbk") ? "gbk" : "utf-8");
      expect(r.features.map((f) => [f.geometry, f.properties])).toEqual(expected.points.map((p) => [{ type: "Point", coordinates: p.point }, p.props]));
      expect(r.fields[0]).toEqual({ name: "编码", type: "string", samples: ["0011", "0012"] });
    }
  });
});

describe("readVectorFile coordinates", () => {
  const point = (x: number, y: number) => text(JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: null, geometry: { type: "Point", coordinates: [x, y] } }] }));

  it("reads a bare geometry and a Feature, properties null → {}", async () => {
    expect((await readVectorFile(text('{"type":"Point","coordinates":[116.3,39.9]}'), "p.json")).features).toEqual([{ type: "Feature", geometry: { type: "Point", coordinates: [116.3, 39.9] }, properties: {} }]);
    const f = await readVectorFile(text('{"type":"Feature","id":7,"properties":{"a":1},"geometry":{"type":"Point","coordinates":[116.3,39.9]}}'), "f.geojson");
    expect([f.features[0].id, f.features[0].properties]).toEqual([7, { a: 1 }]);
  });

  it("swaps lat,lon given in China and warns", async () => {
    const r = await readVectorFile(point(39.9, 116.3), "swapped.geojson");
    expect(r.features[0].geometry).toEqual({ type: "Point", coordinates: [116.3, 39.9] });
    expect(r.warnings).toEqual([{ rule: "swapped_lon_lat", where: "swapped.geojson", params: { file: "swapped.geojson" } }]);
    expect((await readVectorFile(point(2.35, 48.85), "paris.geojson")).warnings).toEqual([]);
  });

  it("reprojects by the crs option (overriding the file) and by a GeoJSON crs member", async () => {
    const r = await readVectorFile(point(39500000, 4000000), "gk.geojson", { crs: "EPSG:4527" });
    const [lon, lat] = (r.features[0].geometry as { coordinates: Position }).coordinates;
    expect(lon).toBeCloseTo(117, 9);
    expect(lat).toBeGreaterThan(36);
    expect(r.sourceCrs).toBe("EPSG:4527");
    const named = text(JSON.stringify({ type: "FeatureCollection", crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::4527" } }, features: [{ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [39500000, 4000000] } }] }));
    expect((await readVectorFile(named, "n.geojson")).features[0].geometry).toEqual(r.features[0].geometry);
  });

  it("converts GCJ-02 to WGS84 when asked (a few hundred metres in Beijing)", async () => {
    const r = await readVectorFile(point(116.404, 39.915), "gcj.geojson", { gcj02: true });
    const [lon, lat] = (r.features[0].geometry as { coordinates: Position }).coordinates;
    expect(lon).toBeCloseTo(116.3978, 3);
    expect(lat).toBeCloseTo(39.9136, 3);
  });

  it("suggests the zone from the prefix of an easting in the millions with no CRS", async () => {
    await expect(readVectorFile(point(20512345, 4000000), "z20.geojson")).rejects.toMatchObject({ rule: "crs_unknown", params: { suggestion: "EPSG:4498" } });
    await expect(readVectorFile(point(512345, 4000000), "cm.geojson")).rejects.toMatchObject({ rule: "crs_unknown", params: { suggestion: "EPSG:4534–4554" } });
  });

  it("reads the layer asked for from a zip with several .shp and lists them all", async () => {
    const { writeShp, writeDbf, zipFiles } = await import("@/bin/format-fixture-writers");
    const a = writeShp([{ point: [116.3, 39.9] }]), b = writeShp([{ point: [121.5, 31.2] }, { point: [121.6, 31.3] }]);
    const dbf = (n: number) => writeDbf([{ name: "N", type: "N", length: 4 }], Array.from({ length: n }, (_, i) => ({ N: i })), "utf-8");
    const zip = zipFiles({ "a.shp": a.shp, "a.dbf": dbf(1), "sub/b.shp": b.shp, "sub/b.dbf": dbf(2) });
    expect((await readVectorFile(zip, "two.zip")).layers).toEqual(["a", "b"]);
    const second = await readVectorFile(zip, "two.zip", { layer: "b" });
    expect(second.features.map((f) => f.geometry)).toEqual([{ type: "Point", coordinates: [121.5, 31.2] }, { type: "Point", coordinates: [121.6, 31.3] }]);
  });

  it("detects the format by extension, else by the first bytes", () => {
    expect(detectFormat(bytes("areas-4547.gpkg"), "upload")).toBe("geopackage");
    expect(detectFormat(bytes("areas-3857.fgb"), "upload")).toBe("flatgeobuf");
    expect(detectFormat(bytes("districts-gbk-gk39.zip"), "upload")).toBe("shapefile");
    expect(detectFormat(text('\uFEFF{"type":"Point"}'), "upload")).toBe("geojson");
    expect(detectFormat(text("<?xml version='1.0'?><kml/>"), "upload")).toBe("kml");
    expect(detectFormat(text("a,b"), "x.CSV")).toBe("csv");
    expect(detectFormat(text("a,b"), "upload")).toBeNull();
  });
});
