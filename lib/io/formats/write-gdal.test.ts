/**
 * GDAL as the outside referee (issue #8): every format written by `writeVectorFile` is opened with `ogrinfo`
 * (Debian gdal-bin), which must see the feature count, geometry type, CRS (EPSG:4326) and field names. Where
 * ogrinfo is missing the tests are skipped with a loud warning — and fail under CI (`CI` set), which installs it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { VectorFormat } from "./types";
import { writeVectorFile } from "./write";
import { UNLOCATED, WRITE_FIXTURE, WRITE_FIXTURE_FIELDS } from "./write-fixture";

function findOgrinfo(): string | null {
  try {
    execFileSync("ogrinfo", ["--version"], { stdio: "pipe" });
    return "ogrinfo";
  } catch {
    return null;
  }
}
const OGRINFO = findOgrinfo();
if (!OGRINFO) console.warn("\n!!! ogrinfo (GDAL, Debian gdal-bin) is NOT installed: the GDAL checks of the exported files did NOT run !!!\n");

interface OgrLayer {
  name: string;
  geometry: string;
  count: number;
  epsg: string | null;
  fields: string[];
}

/** The layers `ogrinfo -ro -al -so` reports. */
function ogrLayers(path: string): OgrLayer[] {
  const text = execFileSync(OGRINFO!, ["-ro", "-al", "-so", path], { encoding: "utf8" });
  return text.split(/\nLayer name: /).slice(1).map((block) => ({
    name: block.split("\n")[0].trim(),
    geometry: /\nGeometry: (.+)/.exec(block)?.[1].trim() ?? "",
    count: Number(/\nFeature Count: (\d+)/.exec(block)?.[1]),
    epsg: /ID\["EPSG",(\d+)\]\]\s*\nData axis/.exec(block)?.[1] ?? null,
    fields: [...block.matchAll(/\n(\S[^:\n]*): (?:String|Integer|Integer64|Real|Date|DateTime) \(/g)].map((m) => m[1]),
  }));
}

const folder = mkdtempSync(join(tmpdir(), "tessera-gdal-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function written(format: VectorFormat, features = [...WRITE_FIXTURE, UNLOCATED]): Promise<string> {
  const file = await writeVectorFile(features, format, { layerName: `gdal_${format}`, fields: WRITE_FIXTURE_FIELDS });
  const path = join(folder, file.fileName);
  writeFileSync(path, file.bytes);
  return format === "shapefile" ? `/vsizip/${path}` : path;
}

const OURS = ["code", "name", "district_code", "households", "persons", "width_m"];

describe("GDAL opens every exported format", () => {
  it.runIf(!OGRINFO)("ogrinfo is missing: GDAL checks NOT run (install gdal-bin)", () => {
    expect(process.env.CI, "CI must install gdal-bin (ogrinfo)").toBeFalsy();
  });

  it.runIf(OGRINFO)("GeoJSON, GeoPackage, FlatGeobuf: one layer, every feature, EPSG:4326, our fields", async () => {
    for (const format of ["geojson", "geopackage", "flatgeobuf"] as const) {
      const [layer, ...more] = ogrLayers(await written(format));
      expect(more, format).toEqual([]);
      // FlatGeobuf cannot hold the feature without a geometry
      expect(layer.count, format).toBe(format === "flatgeobuf" ? 4 : 5);
      expect(layer.geometry, format).toBe("Unknown (any)");
      expect(layer.epsg, format).toBe("4326");
      expect(layer.fields, format).toEqual(OURS);
    }
  });

  it.runIf(OGRINFO)("a single-kind layer declares its geometry type", async () => {
    const polygons = [WRITE_FIXTURE[0], { ...WRITE_FIXTURE[1], geometry: { type: "Polygon" as const, coordinates: (WRITE_FIXTURE[1].geometry as { coordinates: number[][][][] }).coordinates[0] } }];
    for (const format of ["geojson", "geopackage", "flatgeobuf", "shapefile"] as const) {
      expect(ogrLayers(await written(format, polygons))[0].geometry, format).toBe("Polygon");
    }
  });

  it.runIf(OGRINFO)("zipped Shapefile: one layer per kind, WGS 84, 10-byte field names, UTF-8 text read right", async () => {
    const path = await written("shapefile");
    const layers = ogrLayers(path);
    expect(layers.map((l) => [l.name, l.geometry, l.count, l.epsg])).toEqual([
      ["gdal_shapefile_polygon", "Polygon", 3, "4326"],
      ["gdal_shapefile_line", "Line String", 1, "4326"],
      ["gdal_shapefile_point", "Point", 1, "4326"],
    ]);
    for (const l of layers) expect(l.fields).toEqual(["code", "name", "district_c", "households", "persons", "width_m"]);
    const all = execFileSync(OGRINFO!, ["-ro", "-al", path], { encoding: "utf8" });
    expect(all).toContain("name (String) = 西村一组");
    expect(all).toContain("name (String) = 学校 \"一中\", 东门");
  });

  it.runIf(OGRINFO)("KML: every placemark, EPSG:4326, our fields as ExtendedData", async () => {
    const [layer] = ogrLayers(await written("kml"));
    expect(layer.count).toBe(5);
    expect(layer.epsg).toBe("4326");
    expect(layer.fields).toEqual(expect.arrayContaining(["code", "district_code", "households", "persons", "width_m"]));
  });

  it.runIf(OGRINFO)("CSV: every row, our fields then lon/lat, Chinese read right (BOM)", async () => {
    const path = await written("csv");
    const [layer] = ogrLayers(path);
    expect([layer.count, layer.geometry]).toEqual([5, "None"]);
    expect(layer.fields).toEqual([...OURS, "lon", "lat"]);
    expect(execFileSync(OGRINFO!, ["-ro", "-al", path], { encoding: "utf8" })).toContain("name (String) = 西村一组");
  });
});
