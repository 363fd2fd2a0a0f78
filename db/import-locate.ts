/**
 * Where many new buildings lie, all at once, by the rule of the edit write (`edit-derive.ts`: the one district
 * whose geometry contains the building's point, then the one territorial small area of that district that
 * does; none when no area or several do). New buildings sit in no virtual small area, so that rule's
 * exception does not arise. The areas are read once and every point placed with the edit write's own
 * `placeOfPoint` before the rows are written (re-deriving afterwards costs an UPDATE per building: ~11 s for
 * 300,000). `import-buildings.test.ts` checks that `reassignBuildings` finds nothing
 * to change after an import.
 */
import type { Position } from "geojson";
import type { Bbox } from "@/lib/geo/bbox";
import type { Db } from "./client";
import { loadAreas, placeOfPoint } from "./edit-derive";

/** Where one building lies: ids, null when outside (or on ground that several areas claim). */
export interface BuildingPlace {
  districtId: number | null;
  smallAreaId: number | null;
}

/** Used by the building import before its insert: the place of each point (null point: no place). */
export function locateBuildingPoints(db: Db, points: ReadonlyArray<Position | null>): BuildingPlace[] {
  let extent: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) if (p) extent = [Math.min(extent[0], p[0]), Math.min(extent[1], p[1]), Math.max(extent[2], p[0]), Math.max(extent[3], p[1])];
  if (extent[0] > extent[2]) return points.map(() => ({ districtId: null, smallAreaId: null }));
  const areas = loadAreas(db, extent);
  return points.map((p) => (p ? placeOfPoint(p, areas) : { districtId: null, smallAreaId: null }));
}
