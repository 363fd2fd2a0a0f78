/**
 * Test helper of the export tests (issue #8): a reference feature written straight into the table (the edit
 * fixture has none), with its bbox so that the R*Tree triggers index it.
 */
import type { Geometry } from "geojson";
import { bboxOfGeometry } from "@/lib/geo/bbox";
import type { Db } from "./client";
import { referenceFeatures } from "./schema";

/** Used by the export tests: inserts one reference feature and returns its id. */
export function insertReferenceRow(db: Db, f: { kind: "road" | "river" | "water" | "farmland" | "landmark"; subkind: string | null; name: string | null; widthM: number | null; geometry: Geometry }): number {
  const [minLon, minLat, maxLon, maxLat] = bboxOfGeometry(f.geometry);
  return db.insert(referenceFeatures).values({ ...f, minLon, minLat, maxLon, maxLat }).returning({ id: referenceFeatures.id }).get().id;
}
