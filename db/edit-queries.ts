/**
 * Reads of the editor: the entities an op works on (EditSnapshot), by map view or by id — districts and
 * small areas for the boundary ops, one building with its housing units for the building panel.
 */
import type { BuildingEntity, EditSnapshot, HousingUnitEntity } from "@/lib/edits/types";
import type { Bbox } from "@/lib/geo/bbox";
import type { Db } from "./client";
import { RTREE_HIT, rtreeHitParams, selectBuildings, selectDistricts, selectHousingUnits, selectSmallAreas, type EntityRef } from "./edit-rows";

/** Degrees added around the bbox of the entities found, so that neighbours that only touch it are found too. */
const TOUCH_MARGIN = 1e-6;


/** The bbox of every district and small area whose R*Tree bbox meets `bbox`; null when none does. */
function extentOfHits(db: Db, bbox: Bbox): Bbox | null {
  const row = db.$client
    .prepare(
      `SELECT MIN(min_lon) AS w, MIN(min_lat) AS s, MAX(max_lon) AS e, MAX(max_lat) AS n FROM (
         SELECT min_lon, min_lat, max_lon, max_lat FROM districts_rtree WHERE ${RTREE_HIT}
         UNION ALL SELECT min_lon, min_lat, max_lon, max_lat FROM small_areas_rtree WHERE ${RTREE_HIT})`,
    )
    .get(...rtreeHitParams(bbox), ...rtreeHitParams(bbox)) as { w: number | null; s: number; e: number; n: number };
  return row.w === null ? null : [row.w - TOUCH_MARGIN, row.s - TOUCH_MARGIN, row.e + TOUCH_MARGIN, row.n + TOUCH_MARGIN];
}

/**
 * Used by the editor (through GET /api/edits/snapshot) to load what its ops read: every district and small
 * area with its version. With `bbox` (the map view): the districts and small areas whose R*Tree bbox meets
 * it, plus everything that can share a boundary with them — the view is widened to the bbox of all those hits
 * (and a hair more, so that areas that only touch it count) and every district and small area meeting that
 * wider box comes along, with the virtual small areas (no territory) of those districts. Every small area of a
 * district the view meets lies in the wider box, so an op sees whole districts (the next free code, a split)
 * and both sides of every shared edge. A superset of the exact neighbours, found through the R*Tree alone.
 */
export function getEditSnapshot(db: Db, bbox?: Bbox): EditSnapshot {
  if (!bbox) return { districts: selectDistricts(db, "1 = 1", []), smallAreas: selectSmallAreas(db, "1 = 1", []) };
  const extent = extentOfHits(db, bbox);
  if (!extent) return { districts: [], smallAreas: [] };
  const districts = selectDistricts(db, `d.id IN (SELECT id FROM districts_rtree WHERE ${RTREE_HIT})`, rtreeHitParams(extent));
  const smallAreas = selectSmallAreas(
    db,
    `sa.id IN (SELECT id FROM small_areas_rtree WHERE ${RTREE_HIT}) OR (sa.geometry IS NULL AND sa.district_id IN (SELECT value FROM json_each(?)))`,
    [...rtreeHitParams(extent), JSON.stringify(districts.map((d) => d.id))],
  );
  return { districts, smallAreas };
}

/**
 * Used by the edit write (inside its transaction): the stored state of the entities a Change names, of every
 * type (the buildings and housing-unit lists always present, maybe empty); those that do not exist are
 * simply absent.
 */
export function loadEditEntities(db: Db, refs: readonly EntityRef[]): EditSnapshot {
  const ids = (type: EntityRef["type"]) => JSON.stringify(refs.filter((r) => r.type === type).map((r) => r.id));
  return {
    districts: selectDistricts(db, "d.id IN (SELECT value FROM json_each(?))", [ids("district")]),
    smallAreas: selectSmallAreas(db, "sa.id IN (SELECT value FROM json_each(?))", [ids("small_area")]),
    buildings: selectBuildings(db, "b.id IN (SELECT value FROM json_each(?))", [ids("building")]),
    housingUnits: selectHousingUnits(db, "hu.id IN (SELECT value FROM json_each(?))", [ids("housing_unit")]),
  };
}

/** One building and its housing units, as the building panel and its ops read them. */
export interface BuildingForEdit {
  buildings: [BuildingEntity];
  housingUnits: HousingUnitEntity[];
}

/**
 * Used by the building panel (through GET /api/buildings/{id}) before a building edit: the building with its
 * version and all its housing units (ordered by id), the piece of EditSnapshot the building and housing-unit
 * ops read; null when there is no such building. Unit details are confidential: callers show them only to
 * users whose role allows it (issue #6).
 */
export function getBuildingForEdit(db: Db, id: number): BuildingForEdit | null {
  const [building] = selectBuildings(db, "b.id = ?", [id]);
  if (!building) return null;
  return { buildings: [building], housingUnits: selectHousingUnits(db, "hu.building_id = ?", [id]) };
}

/** Most buildings {@link getBuildingsNear} returns. */
export const MAX_BUILDINGS_NEAR = 500;

/**
 * Used by the editor for snapping and selection around the pointer: the buildings whose bbox meets `bbox`
 * (R*Tree), without their units, at most `limit` (ordered by id).
 */
export function getBuildingsNear(db: Db, bbox: Bbox, limit = MAX_BUILDINGS_NEAR): BuildingEntity[] {
  return selectBuildings(db, `b.id IN (SELECT id FROM buildings_rtree WHERE ${RTREE_HIT})`, rtreeHitParams(bbox), limit);
}
