/**
 * `npx tsx bin/make-format-fixtures.ts`: (re)makes the reader fixtures of issue #8 under
 * `lib/io/fixtures/formats/` from lon/lat shapes kept in `expected.json` — a GBK zipped Shapefile in CGCS2000
 * 3-degree Gauss-Krüger zone 39 (EPSG:4527, .prj + .cpg "GBK"), a GeoPackage in EPSG:4547 (CM 114°E), a KMZ with
 * ExtendedData, a FlatGeobuf in Web Mercator, and CSVs (UTF-8 with BOM, GBK). The reader tests read them back and
 * compare with `expected.json` (1e-7°). Also writes the bad-input corpus (`bin/bad-format-corpus.ts`) to `bad/`
 * with `bad/expected.json` (file → rule and where).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { geojson as fgb } from "flatgeobuf";
import type { FeatureCollection, Position } from "geojson";
import proj4 from "proj4";
import { epsgDefinition } from "@/lib/io/crs-defs";
import { badCorpus } from "./bad-format-corpus";
import { encodeGbk, writeDbf, writeGeoPackage, writeShp, zipFiles } from "./format-fixture-writers";

/** Where the fixtures live. */
export const FORMAT_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "lib", "io", "fixtures", "formats");

/** The ESRI-style .prj of EPSG:4527 as ArcGIS writes it. */
export const PRJ_4527 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** The OGC WKT of EPSG:4547 as GDAL writes it into gpkg_spatial_ref_sys. */
export const WKT_4547 =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",114],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","4547"]]';

const square = (lon: number, lat: number, d: number, clockwise: boolean): Position[] => {
  const ring: Position[] = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
  return clockwise ? ring.reverse() : ring;
};

/** The lon/lat shapes and attributes every fixture is made from (kept in expected.json). */
export function expectedShapes() {
  return {
    shapefile: [
      { rings: [square(117.01, 36.65, 0.02, true), square(117.015, 36.655, 0.005, false)], props: { CODE: "370102001001", 名称: "历下区第一普查区", HH: 120 } },
      { rings: [square(117.03, 36.65, 0.02, true)], props: { CODE: "370102001002", 名称: "千佛山街道甲区", HH: 87 } },
      { rings: [square(116.98, 36.67, 0.015, true)], props: { CODE: "370102001003", 名称: "趵突泉小区", HH: 0 } },
    ],
    geopackage: [
      { rings: [square(114.30, 30.55, 0.01, false)], props: { code: "420102001001", name: "江岸区一区", households: 310 } },
      { rings: [square(114.31, 30.55, 0.01, false)], props: { code: "420102001002", name: "江岸区二区", households: 45 } },
    ],
    points: [
      { point: [116.3975, 39.9087], props: { 编码: "0011", 名称: "天安门" } },
      { point: [121.4997, 31.2397], props: { 编码: "0012", 名称: "外滩" } },
    ],
  };
}

const kml = (shapes: ReturnType<typeof expectedShapes>) => `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>样例</name>
<Schema name="census" id="census"><SimpleField name="code" type="string"/><SimpleField name="households" type="int"/></Schema>
${shapes.geopackage
  .map(
    (f) => `<Placemark><name>${f.props.name}</name><ExtendedData><SchemaData schemaUrl="#census"><SimpleData name="code">${f.props.code}</SimpleData><SimpleData name="households">${f.props.households}</SimpleData></SchemaData></ExtendedData>
<Polygon><outerBoundaryIs><LinearRing><coordinates>${f.rings[0].map((p) => p.join(",")).join(" ")}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`,
  )
  .join("\n")}
<Placemark><name>${shapes.points[0].props.名称}</name><ExtendedData><Data name="编码"><value>${shapes.points[0].props.编码}</value></Data></ExtendedData><Point><coordinates>${shapes.points[0].point.join(",")}</coordinates></Point></Placemark>
</Document></kml>`;

/** Writes every fixture; returns their names. */
export async function makeFormatFixtures(dir = FORMAT_FIXTURES): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const shapes = expectedShapes();
  const to4527 = proj4("EPSG:4326", epsgDefinition(4527) as string);
  const to4547 = proj4("EPSG:4326", epsgDefinition(4547) as string);
  const project = (rings: Position[][], p: proj4.Converter) => rings.map((r) => r.map((q) => p.forward([q[0], q[1]])));
  const { shp, shx } = writeShp(shapes.shapefile.map((f) => ({ rings: project(f.rings, to4527) })));
  const dbf = writeDbf([{ name: "CODE", type: "C", length: 12 }, { name: "名称", type: "C", length: 40 }, { name: "HH", type: "N", length: 8 }], shapes.shapefile.map((f) => f.props), "gbk");
  const files: Record<string, Uint8Array | string> = {
    "districts-gbk-gk39.zip": zipFiles({ "普查区.shp": shp, "普查区.shx": shx, "普查区.dbf": dbf, "普查区.prj": PRJ_4527, "普查区.cpg": "GBK" }),
    "areas-4547.gpkg": writeGeoPackage("small_areas", { id: 4547, name: "CGCS2000 / 3-degree Gauss-Kruger CM 114E", definition: WKT_4547 }, shapes.geopackage.map((f) => ({ rings: project(f.rings, to4547), props: f.props }))),
    "census.kmz": zipFiles({ "doc.kml": kml(shapes) }),
    "points-bom.csv": `\uFEFF编码,名称,经度,纬度\n${shapes.points.map((p) => `${p.props.编码},${p.props.名称},${p.point[0]},${p.point[1]}`).join("\n")}\n`,
    "points-gbk.csv": encodeGbk(`编码,名称,lng,lat\r\n${shapes.points.map((p) => `${p.props.编码},${p.props.名称},${p.point[0]},${p.point[1]}`).join("\r\n")}\r\n`),
    "expected.json": `${JSON.stringify(shapes, null, 1)}\n`,
  };
  const mercator: FeatureCollection = {
    type: "FeatureCollection",
    features: shapes.geopackage.map((f) => ({ type: "Feature", properties: f.props, geometry: { type: "Polygon", coordinates: project(f.rings, proj4("EPSG:4326", "EPSG:3857")) } })),
  };
  files["areas-3857.fgb"] = fgb.serialize(mercator, 3857);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  const bad = badCorpus();
  mkdirSync(join(dir, "bad"), { recursive: true });
  for (const c of bad) writeFileSync(join(dir, "bad", c.file), c.bytes);
  const expected = Object.fromEntries(bad.map((c) => [c.file, { rule: c.rule, where: c.where }]));
  writeFileSync(join(dir, "bad", "expected.json"), `${JSON.stringify(expected, null, 1)}\n`);
  return [...Object.keys(files), ...bad.map((c) => `bad/${c.file}`)];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  makeFormatFixtures().then((names) => console.log(`wrote ${names.join(", ")} in ${FORMAT_FIXTURES}`));
}
