/**
 * Vector files in and out (issue #8): the formats, what a reader returns and how a bad file is reported. Readers
 * (`lib/io/formats/read-*.ts`, entry `readVectorFile`) turn a file into lon/lat features (EPSG:4326/4490); writers
 * (`write-*.ts`, entry `writeVectorFile`) turn features into a file a GIS opens. The import pipeline and the export
 * routes and commands use only these entries.
 */
import type { Feature, Geometry } from "geojson";

export const VECTOR_FORMATS = ["geojson", "shapefile", "geopackage", "kml", "csv", "flatgeobuf"] as const;
export type VectorFormat = (typeof VECTOR_FORMATS)[number];

/** How to read a file; everything is optional (the file's own .prj/.cpg/CRS is used when not given). */
export interface ReadOptions {
  /** attribute text encoding: the .cpg / UTF-8 check decides when "auto" (default) */
  encoding?: "auto" | "utf-8" | "gbk";
  /** the coordinates' CRS when the file has none or it is wrong: "EPSG:4527", a proj4 string or WKT */
  crs?: string;
  /** the coordinates are GCJ-02 (Chinese commercial maps): convert them to WGS84 */
  gcj02?: boolean;
  /** CSV: the lon and lat columns (found by name when not given: lon/lng/longitude/x/经度, lat/latitude/y/纬度) */
  lonField?: string;
  latField?: string;
  /** GeoPackage: the table to read (the first feature table when not given) */
  layer?: string;
}

/** An attribute column found in the file, for the field-mapping step. */
export interface FieldInfo {
  name: string;
  type: "string" | "number" | "boolean" | "mixed";
  /** up to 3 distinct example values, as text */
  samples: string[];
}

/** Something the user should know but that does not stop the import (e.g. lon/lat were swapped and fixed). */
export interface ReadWarning {
  rule: string;
  where: string;
  params?: Record<string, string | number>;
}

/** A file read into lon/lat features. */
export interface ReadResult {
  format: VectorFormat;
  /** `geometry` is null for an unlocated feature (RFC 7946), e.g. a virtual small area */
  features: Array<Feature<Geometry | null, Record<string, unknown>>>;
  /** the CRS the coordinates were in, e.g. "EPSG:4527", "EPSG:4326" (null when assumed lon/lat) */
  sourceCrs: string | null;
  /** the attribute encoding used (shapefile, CSV), else null */
  encoding: "utf-8" | "gbk" | null;
  fields: FieldInfo[];
  warnings: ReadWarning[];
  /** GeoPackage: every feature table in the file */
  layers?: string[];
}

/**
 * A file that cannot be read. `rule` is a stable key (the message text comes from the `io` messages part in the
 * user's language, `io.rules.<rule>`), `where` names the place (`roads.shp`, `features[3].geometry`, `line 7`).
 */
export class VectorInputError extends Error {
  constructor(
    readonly rule: string,
    readonly where: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${where}: ${rule}`);
    this.name = "VectorInputError";
  }
}

/** A file written by `writeVectorFile`. */
export interface WrittenFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}
