/**
 * GeoPackage out (issue #8, OGC 12-128r18 v1.2): an SQLite database built in memory with better-sqlite3 and
 * handed back as bytes. It holds the required `gpkg_spatial_ref_sys` (EPSG:4326 and the -1/0 "undefined"
 * rows), `gpkg_contents`, `gpkg_geometry_columns` and one feature table whose `geom` column holds
 * GeoPackageBinary: "GP", version 0, flags (little-endian, xy envelope), srs_id 4326, envelope, then WKB (wkx).
 * `application_id` is 'GPKG' and `user_version` 10200. No spatial index (GIS tools build one when they need it).
 */
import Database from "better-sqlite3";
import type { Geometry } from "geojson";
import wkx from "wkx";
import { bboxOfGeometry } from "@/lib/geo/bbox";
import { fieldsOf, typedValue, type OutFeature } from "./write-fields";

/** OGC WKT of WGS 84, as GDAL writes it into gpkg_spatial_ref_sys. */
const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const SCHEMA = `
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');`;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Used by the GeoPackage writer and its tests: GeoPackageBinary (header + envelope + WKB) of a geometry. */
export function geoPackageBinary(geometry: Geometry, srsId = 4326): Buffer {
  const wkb = wkx.Geometry.parseGeoJSON(geometry).toWkb();
  const header = Buffer.alloc(8 + 32);
  header.write("GP", 0, "ascii");
  header[2] = 0; // version 1
  header[3] = 0b0000_0011; // envelope [minx, maxx, miny, maxy], little-endian
  header.writeInt32LE(srsId, 4);
  const [minX, minY, maxX, maxY] = bboxOfGeometry(geometry);
  [minX, maxX, minY, maxY].forEach((v, i) => header.writeDoubleLE(v, 8 + 8 * i));
  return Buffer.concat([header, wkb]);
}

/** The column type a geometry column declares: the one type of all features, else GEOMETRY. */
function geometryTypeName(features: readonly OutFeature[]): string {
  const types = new Set(features.flatMap((f) => (f.geometry ? [f.geometry.type.toUpperCase()] : [])));
  return types.size === 1 ? [...types][0] : "GEOMETRY";
}

/** Used by `writeVectorFile`: a GeoPackage with one feature table `table` (geometry column `geom`, key `fid`). */
export function writeGeoPackage(features: readonly OutFeature[], table: string, given?: ReadonlyArray<{ name: string; type: "string" | "number" }>): Uint8Array {
  const fields = fieldsOf(features, given).filter((f) => !["fid", "geom"].includes(f.name.toLowerCase()));
  const db = new Database(":memory:");
  try {
    db.pragma("application_id = 1196444487"); // 'GPKG'
    db.pragma("user_version = 10200");
    db.exec(SCHEMA);
    db.prepare("INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, ?, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')").run(WGS84_WKT);
    const columns = fields.map((f) => `${quote(f.name)} ${f.type === "string" ? "TEXT" : f.integer ? "INTEGER" : "REAL"}`);
    const geometryType = geometryTypeName(features);
    db.exec(`CREATE TABLE ${quote(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${geometryType}${columns.map((c) => `, ${c}`).join("")})`);
    const box = features.reduce<number[] | null>((acc, f) => {
      if (!f.geometry) return acc;
      const b = bboxOfGeometry(f.geometry);
      return acc ? [Math.min(acc[0], b[0]), Math.min(acc[1], b[1]), Math.max(acc[2], b[2]), Math.max(acc[3], b[3])] : b;
    }, null) ?? [null, null, null, null];
    db.prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, '', ?, ?, ?, ?, 4326)").run(table, table, ...box);
    db.prepare("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)").run(table, geometryType);
    const insert = db.prepare(`INSERT INTO ${quote(table)} (geom${fields.map((f) => `, ${quote(f.name)}`).join("")}) VALUES (?${", ?".repeat(fields.length)})`);
    db.transaction(() => {
      for (const f of features) insert.run(f.geometry ? geoPackageBinary(f.geometry) : null, ...fields.map((field) => typedValue(field, f.properties?.[field.name])));
    })();
    return new Uint8Array(db.serialize());
  } finally {
    db.close();
  }
}
