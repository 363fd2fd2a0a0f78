/**
 * What the edit write re-derives after boundaries change: which district and which small area each building
 * lies in (`buildings.district_id`, `buildings.small_area_id`), and the links that must go with a deleted row.
 * Derived columns do not bump a building's version: they are not anyone's edit.
 */
import type { Point, Polygon, Position } from "geojson";
import { buildingPoint } from "@/lib/coverage/buildings";
import type { AreaGeometry } from "@/lib/domain/types";
import { bboxOfGeometry, type Bbox } from "@/lib/geo/bbox";
import { pointInArea } from "@/lib/geo/point-in-polygon";
import type { Db } from "./client";
import { RTREE_HIT, rtreeHitParams } from "./edit-rows";

/**
 * Used by the edit write before a small area's row is deleted: its buildings and the housing units placed in
 * it directly (a large building split across areas) point at no small area; the units' versions move on.
 */
export function detachSmallArea(db: Db, id: number): void {
  db.$client.prepare("UPDATE buildings SET small_area_id = NULL WHERE small_area_id = ?").run(id);
  db.$client
    .prepare("UPDATE housing_units SET small_area_id = NULL, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE small_area_id = ?")
    .run(id);
}

/** Used by the edit write before a (by then empty) district's row is deleted: its buildings lie in no district. */
export function detachDistrict(db: Db, id: number): void {
  db.$client.prepare("UPDATE buildings SET district_id = NULL WHERE district_id = ?").run(id);
}

/** A district or small area as placing reads it: id, bbox and geometry. */
export interface PlacingArea {
  id: number;
  bbox: Bbox;
  geometry: AreaGeometry;
}
type Area = PlacingArea;

/** The districts and territorial small areas (by district) around some buildings. */
export interface PlacingAreas {
  districts: PlacingArea[];
  smallAreas: Map<number, PlacingArea[]>;
}

interface BuildingRow {
  id: number;
  geometry: string;
  district_id: number | null;
  small_area_id: number | null;
  area_is_virtual: number | null;
  area_district_id: number | null;
}

const inBbox = (p: Position, b: Bbox) => p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];

function toArea(id: number, geometry: string): Area {
  const g = JSON.parse(geometry) as AreaGeometry;
  return { id, bbox: bboxOfGeometry(g), geometry: g };
}

/** The one area that contains the point; null when none or several do (as the coverage check counts it). */
function containingArea(point: Position, areas: readonly Area[]): number | null {
  let found: number | null = null;
  for (const a of areas) {
    if (!inBbox(point, a.bbox) || !pointInArea(point, a.geometry)) continue;
    if (found !== null) return null;
    found = a.id;
  }
  return found;
}

/** Used by re-derivation and the building import: the areas whose bbox meets `extent`, read once. */
export function loadAreas(db: Db, extent: Bbox): PlacingAreas {
  const c = db.$client;
  const districtRows = c.prepare(`SELECT id, geometry FROM districts WHERE id IN (SELECT id FROM districts_rtree WHERE ${RTREE_HIT})`).all(...rtreeHitParams(extent)) as Array<{ id: number; geometry: string }>;
  const areaRows = c
    .prepare(`SELECT id, district_id, geometry FROM small_areas WHERE is_virtual = 0 AND geometry IS NOT NULL AND id IN (SELECT id FROM small_areas_rtree WHERE ${RTREE_HIT})`)
    .all(...rtreeHitParams(extent)) as Array<{ id: number; district_id: number; geometry: string }>;
  const smallAreas = new Map<number, Area[]>();
  for (const r of areaRows) smallAreas.set(r.district_id, [...(smallAreas.get(r.district_id) ?? []), toArea(r.id, r.geometry)]);
  return { districts: districtRows.map((r) => toArea(r.id, r.geometry)), smallAreas };
}

function candidateBuildings(db: Db, regions: readonly Bbox[]): Map<number, BuildingRow> {
  const select = db.$client.prepare(
    `SELECT b.id, b.geometry, b.district_id, b.small_area_id, sa.is_virtual AS area_is_virtual, sa.district_id AS area_district_id
     FROM buildings b LEFT JOIN small_areas sa ON sa.id = b.small_area_id
     WHERE b.id IN (SELECT id FROM buildings_rtree WHERE ${RTREE_HIT})`,
  );
  const rows = new Map<number, BuildingRow>();
  for (const region of regions) for (const r of select.all(...rtreeHitParams(region)) as BuildingRow[]) rows.set(r.id, r);
  return rows;
}

/**
 * Used by re-derivation and the building import: where a building's point lies, by the rule of
 * {@link reassignBuildings}; `current` is where it was counted (a new building: nowhere).
 */
export function placeOfPoint(
  point: Position,
  areas: PlacingAreas,
  current: { smallAreaId: number | null; areaIsVirtual: boolean; areaDistrictId: number | null } = { smallAreaId: null, areaIsVirtual: false, areaDistrictId: null },
): { districtId: number | null; smallAreaId: number | null } {
  const districtId = containingArea(point, areas.districts);
  if (districtId === null) return { districtId: null, smallAreaId: null };
  const keepVirtual = current.areaIsVirtual && current.areaDistrictId === districtId;
  return { districtId, smallAreaId: keepVirtual ? current.smallAreaId : containingArea(point, areas.smallAreas.get(districtId) ?? []) };
}

/**
 * Used by the edit write for each building it puts, after the areas of the Change are written: the district
 * and territorial small area its point lies in (a Point as is, a footprint by its centroid), by the same
 * rule as {@link reassignBuildings}; a building counted in a virtual small area of the district it still lies
 * in stays there. What the client sent for these columns is not used.
 */
export function locateBuilding(db: Db, geometry: Point | Polygon, currentSmallAreaId: number | null): { districtId: number | null; smallAreaId: number | null } {
  const point = buildingPoint({ id: 0, geometry, households: 0, persons: 0 });
  if (!point) return { districtId: null, smallAreaId: null };
  const area = currentSmallAreaId === null
    ? undefined
    : (db.$client.prepare("SELECT is_virtual, district_id FROM small_areas WHERE id = ?").get(currentSmallAreaId) as { is_virtual: number; district_id: number } | undefined);
  const current = { smallAreaId: currentSmallAreaId, areaIsVirtual: area?.is_virtual === 1, areaDistrictId: area?.district_id ?? null };
  return placeOfPoint(point, loadAreas(db, [point[0], point[1], point[0], point[1]]), current);
}

/**
 * Used by the edit write after the rows are written: re-assigns every building whose point (a Point as is,
 * a footprint by its centroid, as the coverage check places it) lies in one of `regions` — the bboxes of the
 * old and new geometry of everything the Change touched — to the one district and the one territorial small
 * area of that district containing it (none when no area or several do). A building placed in a virtual
 * small area of its district stays there. Returns how many buildings changed.
 */
export function reassignBuildings(db: Db, regions: readonly Bbox[]): number {
  if (!regions.length) return 0;
  const extent: Bbox = [
    Math.min(...regions.map((r) => r[0])), Math.min(...regions.map((r) => r[1])),
    Math.max(...regions.map((r) => r[2])), Math.max(...regions.map((r) => r[3])),
  ];
  const areas = loadAreas(db, extent);
  const update = db.$client.prepare("UPDATE buildings SET district_id = ?, small_area_id = ? WHERE id = ?");
  let changed = 0;
  for (const b of candidateBuildings(db, regions).values()) {
    const point = buildingPoint({ id: b.id, geometry: JSON.parse(b.geometry) as Point | Polygon, households: 0, persons: 0 });
    if (!point || !regions.some((r) => inBbox(point, r))) continue;
    const current = { smallAreaId: b.small_area_id, areaIsVirtual: b.area_is_virtual === 1, areaDistrictId: b.area_district_id };
    const { districtId, smallAreaId } = placeOfPoint(point, areas, current);
    if (districtId === b.district_id && smallAreaId === b.small_area_id) continue;
    update.run(districtId, smallAreaId, b.id);
    changed++;
  }
  return changed;
}
