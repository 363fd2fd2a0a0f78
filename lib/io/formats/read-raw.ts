/**
 * What each format reader (`read-*.ts`) hands to `readVectorFile` (issue #8): features still in the file's own
 * coordinates, the CRS the file declares (null when it declares none) and the attribute encoding.
 */
import type { Feature, Geometry } from "geojson";

/** A feature as read, before checks and reprojection. */
export type RawFeature = Feature<Geometry | null, Record<string, unknown>>;

/** Used by the readers and `readVectorFile`: one layer of a file, not yet checked or reprojected. */
export interface RawRead {
  features: RawFeature[];
  /** the CRS the file declares ("EPSG:4527", WKT…), null when it declares none */
  crs: string | null;
  encoding: "utf-8" | "gbk" | null;
  layers?: string[];
}
