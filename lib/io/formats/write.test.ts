import { unzipSync, strFromU8 } from "fflate";
import Database from "better-sqlite3";
import type { Feature, Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { isRingCounterClockwise } from "@/lib/geo/ring-area";
import { roundTrip, type RoundTrip } from "./round-trip";
import { VECTOR_FORMATS } from "./types";
import { writeVectorFile } from "./write";
import { shapefileFieldNames } from "./write-dbf";
import { UNLOCATED, WRITE_FIXTURE, WRITE_FIXTURE_FIELDS } from "./write-fixture";

const rows: RoundTrip[] = [];

describe("round trip: writeVectorFile → readVectorFile", () => {
  for (const format of VECTOR_FORMATS) {
    it(`${format}: same features, geometry within 1e-7°, attributes equal`, async () => {
      const result = await roundTrip(WRITE_FIXTURE, format, WRITE_FIXTURE_FIELDS);
      rows.push(result);
      expect(result.written).toBe(WRITE_FIXTURE.length);
      expect(result.read).toBe(result.written);
      expect(result.maxError).toBeLessThanOrEqual(1e-7);
      expect(result.attributeDiffs).toEqual([]);
    });
  }
  it("prints the table", () => {
    console.log(["format      features  max error  attributes", ...rows.map((r) => `${r.format.padEnd(12)}${`${r.read}/${r.written}`.padEnd(10)}${r.maxError.toExponential(1).padEnd(11)}${r.attributeDiffs.length ? "differ" : "equal"}`)].join("\n"));
    expect(rows).toHaveLength(VECTOR_FORMATS.length);
  });
});

const polygon = (ring: number[][]): Feature<Geometry, Record<string, unknown>> => ({ type: "Feature", properties: { name: "x" }, geometry: { type: "Polygon", coordinates: [ring] } });
// clockwise as drawn (not the RFC 7946 way)
const CW = [[113, 23], [113, 23.1], [113.1, 23.1], [113.1, 23], [113, 23]];

describe("each format's own rules", () => {
  it("GeoJSON winds outer rings counter-clockwise (RFC 7946)", async () => {
    const file = await writeVectorFile([polygon(CW)], "geojson", { layerName: "a" });
    const out = JSON.parse(new TextDecoder().decode(file.bytes));
    expect(isRingCounterClockwise(out.features[0].geometry.coordinates[0])).toBe(true);
    expect(file).toMatchObject({ fileName: "a.geojson", mimeType: "application/geo+json" });
  });

  it("a shapefile zip has .shp/.shx/.dbf/.prj/.cpg, UTF-8 text, clockwise outer rings and 10-byte field names", async () => {
    const features = [{ ...polygon([...CW].reverse()), properties: { name: "西村一组", district_code: "440101001001", district_count: 3 } }];
    const file = await writeVectorFile(features, "shapefile", { layerName: "西村 areas/../x" });
    expect(file.fileName).toBe("西村_areas_x.zip");
    const files = unzipSync(file.bytes);
    expect(Object.keys(files).sort()).toEqual(["西村_areas_x.cpg", "西村_areas_x.dbf", "西村_areas_x.prj", "西村_areas_x.shp", "西村_areas_x.shx"]);
    expect(strFromU8(files["西村_areas_x.cpg"])).toBe("UTF-8");
    expect(strFromU8(files["西村_areas_x.prj"])).toMatch(/^GEOGCS\["GCS_WGS_1984"/);
    const dbf = files["西村_areas_x.dbf"];
    expect(strFromU8(dbf.subarray(32, 42)).replace(/\0+$/, "")).toBe("name");
    expect(strFromU8(dbf.subarray(64, 74))).toBe("district_c");
    expect(strFromU8(dbf.subarray(96, 106))).toBe("district_1");
    expect(Buffer.from(dbf).includes(Buffer.from("西村一组", "utf8"))).toBe(true);
    // the ring as stored: x, y pairs after the 100-byte header, 8-byte record header, 44-byte box/counts, 4-byte part index
    const shp = new DataView(files["西村_areas_x.shp"].buffer, files["西村_areas_x.shp"].byteOffset);
    const ring = Array.from({ length: 5 }, (_, i) => [shp.getFloat64(156 + 16 * i, true), shp.getFloat64(164 + 16 * i, true)]);
    expect(isRingCounterClockwise(ring)).toBe(false);
  });

  it("shortens long field names the GDAL way and keeps them unique", () => {
    const names = shapefileFieldNames(["code", "district_code", "district_count", "small_area_full_code", "small_area_name", "人口数量很多很多"]);
    expect([...names.values()]).toEqual(["code", "district_c", "district_1", "small_area", "small_ar_1", "人口数"]);
  });

  it("a mixed layer gives one shapefile per geometry kind in the zip", async () => {
    const mixed = [polygon(CW), { type: "Feature" as const, properties: { name: "路" }, geometry: { type: "LineString" as const, coordinates: [[113, 23], [113.1, 23.1]] } }];
    const files = unzipSync((await writeVectorFile(mixed, "shapefile", { layerName: "ref" })).bytes);
    expect(Object.keys(files).filter((n) => n.endsWith(".shp")).sort()).toEqual(["ref_line.shp", "ref_polygon.shp"]);
  });

  it("a GeoPackage has the GPKG application id, the required SRS rows and GeoPackageBinary geometries", async () => {
    const file = await writeVectorFile([polygon(CW)], "geopackage", { layerName: "small_areas" });
    const db = new Database(Buffer.from(file.bytes));
    try {
      expect(db.pragma("application_id", { simple: true })).toBe(0x47504b47);
      expect(db.pragma("user_version", { simple: true })).toBe(10200);
      expect(db.prepare("SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id").pluck().all()).toEqual([-1, 0, 4326]);
      expect(db.prepare("SELECT table_name, data_type, srs_id FROM gpkg_contents").get()).toEqual({ table_name: "small_areas", data_type: "features", srs_id: 4326 });
      expect(db.prepare("SELECT geometry_type_name FROM gpkg_geometry_columns").pluck().get()).toBe("POLYGON");
      const geom = db.prepare("SELECT geom FROM small_areas").pluck().get() as Buffer;
      expect([...geom.subarray(0, 4)]).toEqual([0x47, 0x50, 0, 0b11]);
      expect(geom.readInt32LE(4)).toBe(4326);
      expect([0, 1, 2, 3].map((i) => geom.readDoubleLE(8 + 8 * i))).toEqual([113, 113.1, 23, 23.1]);
      expect(geom[40]).toBe(1); // WKB, little-endian
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      db.close();
    }
  });

  it("CSV is UTF-8 with a BOM, the attributes then lon/lat (a point inside each polygon)", async () => {
    const file = await writeVectorFile([{ ...polygon(CW), properties: { code: "001", name: "西村" } }], "csv", { layerName: "t" });
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(file.bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, row] = text.slice(1).split("\r\n");
    expect(header).toBe("code,name,lon,lat");
    const [code, name, lon, lat] = row.split(",");
    expect([code, name]).toEqual(["001", "西村"]);
    expect(Number(lon)).toBeGreaterThan(113);
    expect(Number(lon)).toBeLessThan(113.1);
    expect(Number(lat)).toBeGreaterThan(23);
    expect(Number(lat)).toBeLessThan(23.1);
  });

  it("KML names placemarks from `name` and escapes text", async () => {
    const file = await writeVectorFile([{ ...polygon(CW), properties: { name: "A & <B>", households: 3 } }], "kml", { layerName: "t" });
    const text = new TextDecoder().decode(file.bytes);
    expect(text).toContain("<name>A &#x26; &#x3C;B></name>");
    expect(text).toContain('<Data name="households"><value>3</value></Data>');
  });

  it("a feature without a geometry keeps its attributes where the format can hold it", async () => {
    const features = [WRITE_FIXTURE[0], UNLOCATED];
    const write = (format: (typeof VECTOR_FORMATS)[number]) => writeVectorFile(features, format, { layerName: "t", fields: WRITE_FIXTURE_FIELDS });
    const text = async (format: (typeof VECTOR_FORMATS)[number]) => new TextDecoder().decode((await write(format)).bytes);
    expect(JSON.parse(await text("geojson")).features[1]).toMatchObject({ geometry: null, properties: { code: "901" } });
    expect((await text("csv")).split("\r\n")[2]).toBe("901,集体户,330199101001,40,40,,,");
    expect((await text("kml")).match(/<Placemark>/g)).toHaveLength(2);
    const shp = unzipSync((await write("shapefile")).bytes)["t.shp"];
    expect(new DataView(shp.buffer, shp.byteOffset).getInt32(shp.length - 4, true)).toBe(0); // the last record: a null shape
    const db = new Database(Buffer.from((await write("geopackage")).bytes));
    expect(db.prepare("SELECT code, geom IS NULL AS none FROM t ORDER BY fid").all()).toEqual([{ code: "001", none: 0 }, { code: "901", none: 1 }]);
    db.close();
  });
});
