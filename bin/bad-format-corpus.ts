/**
 * The bad-input corpus of the vector readers (issue #8): broken files, each with the rule and `where` that
 * `readVectorFile` must answer with. Written to `lib/io/fixtures/formats/bad/` (with `expected.json`) by
 * `bin/make-format-fixtures.ts`; read back by `lib/io/formats/read-bad.test.ts` and usable by the import routes' tests.
 */
import { zipSync } from "fflate";
import { writeDbf, writeGeoPackage, writeShp, writeSqlite, zipFiles } from "./format-fixture-writers";
import { geojson as fgb } from "flatgeobuf";

/** A broken file and the answer expected for it. */
export interface BadCase {
  file: string;
  bytes: Uint8Array;
  rule: string;
  where: string;
}

const text = (s: string) => new TextEncoder().encode(s);
const fc = (features: unknown[]) => text(JSON.stringify({ type: "FeatureCollection", features }));
const feature = (geometry: unknown) => ({ type: "Feature", properties: { code: "1" }, geometry });
const ring = [[116.3, 39.9], [116.4, 39.9], [116.4, 40.0], [116.3, 39.9]];
const shapes = [{ rings: [[[116.3, 39.9], [116.3, 40.0], [116.4, 40.0], [116.3, 39.9]]] }, { rings: [[[116.5, 39.9], [116.5, 40.0], [116.6, 40.0], [116.5, 39.9]]] }];
const { shp, shx } = writeShp(shapes);
const dbf = writeDbf([{ name: "CODE", type: "C", length: 4 }], [{ CODE: "0001" }, { CODE: "0002" }], "utf-8");
const shapefile = (parts: Record<string, Uint8Array | string>) => zipFiles(parts);
const kml = (body: string) => `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`;
const point = `<Placemark><Point><coordinates>116.39,39.9</coordinates></Point></Placemark>`;
const goodFgb = fgb.serialize({ type: "FeatureCollection", features: [feature({ type: "Polygon", coordinates: [ring] }) as never, feature({ type: "Point", coordinates: [116.3, 39.9] }) as never] }, 4326);

/** Used by the fixture script and the corpus test: every broken file with its expected rule and where. */
export function badCorpus(): BadCase[] {
  const c = (file: string, bytes: Uint8Array | string, rule: string, where: string): BadCase => ({ file, bytes: typeof bytes === "string" ? text(bytes) : bytes, rule, where });
  const bomb = zipSync({ "huge.shp": new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
  const badBlob = writeGeoPackage("t", { id: 4326, name: "WGS 84", definition: 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]' }, [{ rings: [ring], props: { code: "1" } }]);
  const blobAt = findBytes(badBlob, text("GP"));
  const brokenBlob = badBlob.slice();
  brokenBlob.set(text("XX"), blobAt);
  const sqliteHeader = text("SQLite format 3\0");
  const cutGpkg = badBlob.subarray(0, 1024);
  return [
    c("empty.geojson", "", "empty", "empty.geojson"),
    c("not-json.geojson", "{ this is not json", "bad_json", "not-json.geojson"),
    c("array.geojson", "[1, 2, 3]", "bad_geojson", "array.geojson"),
    c("features-object.geojson", '{"type":"FeatureCollection","features":{}}', "bad_geojson", "features"),
    c("feature-wrong-type.geojson", fc([{ type: "Point", coordinates: [116, 39] }]), "bad_geojson", "features[0]"),
    c("no-features.geojson", fc([]), "no_features", "no-features.geojson"),
    // `"geometry": null` is an unlocated feature (allowed); a feature without the member is malformed
    c("missing-geometry.geojson", fc([feature({ type: "Point", coordinates: [116.3, 39.9] }), { type: "Feature", properties: { code: "2" } }]), "empty_geometry", "features[1].geometry"),
    c("infinite.geojson", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1e999,39.9]}}]}', "non_finite", "features[0].geometry"),
    c("string-coordinate.geojson", fc([feature({ type: "Point", coordinates: ["116.3", "39.9"] })]), "bad_geometry", "features[0].geometry"),
    c("short-ring.geojson", fc([feature({ type: "Polygon", coordinates: [ring] }), feature({ type: "Polygon", coordinates: [ring.slice(0, 2).concat([ring[0]])] })]), "too_few_positions", "features[1].geometry"),
    c("open-ring.geojson", fc([feature({ type: "Polygon", coordinates: [[...ring.slice(0, 3), [116.3, 39.95]]] })]), "ring_not_closed", "features[0].geometry"),
    c("empty-polygon.geojson", fc([feature({ type: "Polygon", coordinates: [] })]), "empty_geometry", "features[0].geometry"),
    c("circle.geojson", fc([feature({ type: "Circle", coordinates: [116.3, 39.9], radius: 5 })]), "bad_geometry", "features[0].geometry"),
    c("out-of-range.geojson", fc([feature({ type: "Point", coordinates: [116.3, 39.9] }), feature({ type: "Point", coordinates: [200, 95] })]), "coordinates_out_of_range", "features[1].geometry"),
    c("metres-no-crs.geojson", fc([feature({ type: "Point", coordinates: [39512345.6, 4057123.4] })]), "crs_unknown", "metres-no-crs.geojson"),
    c("unknown-crs.geojson", text(JSON.stringify({ type: "FeatureCollection", crs: { type: "name", properties: { name: "EPSG:99999" } }, features: [feature({ type: "Point", coordinates: [1, 2] })] })), "crs_unsupported", "EPSG:99999"),
    c("drawing.dwg", "AC1032 not a vector file we read", "unknown_format", "drawing.dwg"),
    c("not-a-zip.zip", "this is plain text, not a zip", "not_zip", "not-a-zip.zip"),
    c("cut-zip.zip", shapefile({ "a.shp": shp, "a.dbf": dbf }).subarray(0, 60), "not_zip", "cut-zip.zip"),
    c("zip-slip.zip", zipFiles({ "../../evil.shp": shp, "evil.dbf": dbf }), "zip_slip", "zip-slip.zip/../../evil.shp"),
    c("zip-slip-absolute.zip", zipFiles({ "/tmp/evil.shp": shp }), "zip_slip", "zip-slip-absolute.zip//tmp/evil.shp"),
    c("zip-bomb.zip", bomb, "too_large", "zip-bomb.zip"),
    c("no-shp.zip", zipFiles({ "readme.txt": "no shapefile here", "a.dbf": dbf }), "missing_shp", "no-shp.zip"),
    c("no-dbf.zip", zipFiles({ "roads.shp": shp, "roads.shx": shx }), "missing_dbf", "no-dbf.zip/roads.dbf"),
    c("lone.shp", shp, "missing_dbf", "lone.dbf"),
    c("bad-shp-code.zip", shapefile({ "a.shp": new Uint8Array(shp.length), "a.dbf": dbf }), "bad_shapefile", "bad-shp-code.zip/a.shp"),
    c("truncated-shp.zip", shapefile({ "a.shp": shp.subarray(0, shp.length - 20), "a.dbf": dbf }), "bad_shapefile", "truncated-shp.zip/a.shp"),
    c("short-shp.zip", shapefile({ "a.shp": shp.subarray(0, 50), "a.dbf": dbf }), "bad_shapefile", "short-shp.zip/a.shp"),
    c("dbf-rows-mismatch.zip", shapefile({ "a.shp": shp, "a.dbf": writeDbf([{ name: "CODE", type: "C", length: 4 }], [{ CODE: "1" }], "utf-8") }), "bad_shapefile", "dbf-rows-mismatch.zip/a.dbf"),
    c("truncated-dbf.zip", shapefile({ "a.shp": shp, "a.dbf": dbf.subarray(0, 40) }), "bad_shapefile", "truncated-dbf.zip/a.dbf"),
    c("bad-prj.zip", shapefile({ "a.shp": shp, "a.dbf": dbf, "a.prj": "this is not WKT" }), "crs_unsupported", "bad-prj.zip/a.prj"),
    c("xxe.kml", `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${kml(`<Placemark><name>&xxe;</name><Point><coordinates>116,39</coordinates></Point></Placemark>`).replace('<?xml version="1.0"?>', "")}`, "xml_entity", "xxe.kml"),
    c("billion-laughs.kml", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><kml><Document><name>&lol3;</name></Document></kml>`, "xml_entity", "billion-laughs.kml"),
    c("unclosed.kml", `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>`, "bad_kml", "unclosed.kml"),
    c("html.kml", "<html><body>not kml</body></html>", "bad_kml", "html.kml"),
    c("no-placemarks.kml", kml("<name>empty</name>"), "no_features", "no-placemarks.kml"),
    c("no-kml.kmz", zipFiles({ "images/a.png": new Uint8Array([137, 80, 78, 71]) }), "missing_kml", "no-kml.kmz"),
    c("xxe.kmz", zipFiles({ "doc.kml": `<?xml version="1.0"?><!DOCTYPE kml SYSTEM "http://evil.example/kml.dtd">${kml(point)}` }), "xml_entity", "xxe.kmz/doc.kml"),
    c("no-lonlat.csv", "code,name,east,north\n1,a,116.3,39.9\n", "csv_no_lonlat", "no-lonlat.csv"),
    c("bad-number.csv", "code,lon,lat\n1,116.3,39.9\n2,116.4,北纬40度\n", "bad_number", "line 3"),
    c("ragged.csv", "code,lon,lat\n1,116.3\n", "bad_csv", "line 2"),
    c("not-sqlite.gpkg", "PK not a geopackage at all", "bad_geopackage", "not-sqlite.gpkg"),
    c("corrupt.gpkg", (() => { const b = new Uint8Array(8192).fill(0xab); b.set(sqliteHeader); return b; })(), "bad_geopackage", "corrupt.gpkg"),
    c("cut.gpkg", cutGpkg, "bad_geopackage", "cut.gpkg"),
    c("plain-sqlite.gpkg", writeSqlite("CREATE TABLE roads (id INTEGER PRIMARY KEY, name TEXT)"), "no_layers", "plain-sqlite.gpkg"),
    c("attributes-only.gpkg", writeSqlite("CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT); CREATE TABLE people (id INTEGER PRIMARY KEY); INSERT INTO gpkg_contents VALUES ('people', 'attributes', 'people')"), "no_layers", "attributes-only.gpkg"),
    c("bad-blob.gpkg", brokenBlob, "bad_geometry", "features[0].geometry"),
    c("bad-magic.fgb", "not a flatgeobuf file", "bad_flatgeobuf", "bad-magic.fgb"),
    c("truncated.fgb", goodFgb.subarray(0, goodFgb.length - 30), "bad_flatgeobuf", "truncated.fgb"),
  ];
}

function findBytes(haystack: Uint8Array, needle: Uint8Array): number {
  // the last "GP" is the geometry blob of the only row (table and column names come earlier in the file)
  for (let i = haystack.length - needle.length; i >= 0; i--) if (needle.every((b, k) => haystack[i + k] === b)) return i;
  return -1;
}
