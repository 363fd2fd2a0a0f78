import type { MultiPolygon, Point, Polygon, Position } from "geojson";
import type { BuildingUse } from "@/lib/domain/types";
import { pointInArea } from "@/lib/geo/point-in-polygon";
import { buildingAnchor, buildingFieldsRefusal, buildingGeometryRefusal, isValidPosition } from "../building-rules";
import { refuse, type OpResult } from "../refusals";
import { findBuilding, housingUnitsOf } from "../snapshot";
import type { BuildingEntity, Change, EditSnapshot, Put } from "../types";
import { deleteOf, putCreate, putUpdate, temporaryIds } from "./entity-changes";

/**
 * The building ops (建筑物标绘): place, move, edit and delete a building marked on the imagery. Where a
 * building lies (`districtId`, `smallAreaId`) is derived here from the snapshot's areas so that the panel
 * shows the right totals at once; the server derives it again by the same rule and its answer wins.
 */

/** Trimmed text, or null for empty. */
const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** The one entity among `areas` whose geometry contains `point`; null when none or several do (as the server counts it). */
function containing<A extends { id: number; geometry: Polygon | MultiPolygon | null }>(point: Position, areas: readonly A[]): A | null {
  let found: A | null = null;
  for (const a of areas) {
    if (!a.geometry || !pointInArea(point, a.geometry)) continue;
    if (found) return null;
    found = a;
  }
  return found;
}

/**
 * Used by the building ops (and the panel's preview): the district and territorial small area of the snapshot
 * containing a building's anchor point (a Point as is, a footprint by its centroid), the server's rule: none
 * when no area or several contain it; a building kept in a virtual small area of the same district stays there.
 */
export function locateBuilding(snapshot: EditSnapshot, geometry: Point | Polygon, current?: Pick<BuildingEntity, "smallAreaId">): Pick<BuildingEntity, "districtId" | "smallAreaId"> {
  const point = buildingAnchor(geometry);
  const district = containing(point, snapshot.districts);
  if (!district) return { districtId: null, smallAreaId: null };
  const kept = current?.smallAreaId != null ? snapshot.smallAreas.find((s) => s.id === current.smallAreaId) : undefined;
  if (kept?.isVirtual && kept.districtId === district.id) return { districtId: district.id, smallAreaId: kept.id };
  const territorial = snapshot.smallAreas.filter((s) => s.districtId === district.id && !s.isVirtual);
  return { districtId: district.id, smallAreaId: containing(point, territorial)?.id ?? null };
}

/** What the user gives when marking a building: a click (a position) or a drawn footprint, and its attributes. */
export interface PlaceBuildingInput {
  position: Position | Polygon;
  use?: BuildingUse;
  name?: string | null;
  nameEn?: string | null;
  floors?: number;
  notes?: string | null;
}

/**
 * Used when the user clicks on the imagery to mark a building, or draws its footprint: a new building
 * (temporary id, version 0, residential and 1 floor unless given, not yet numbered) where it lies in the
 * snapshot. A building outside every district is allowed (the coverage check reports it as unassigned); bad
 * coordinates (`invalid_coordinates`), a broken footprint or a broken attribute rule (`invalid`, naming the
 * field) are refused.
 */
export function placeBuilding(snapshot: EditSnapshot, input: PlaceBuildingInput): OpResult<Change> {
  const geometry: Point | Polygon = Array.isArray(input.position) ? { type: "Point", coordinates: [input.position[0], input.position[1]] } : input.position;
  const badGeometry = buildingGeometryRefusal(geometry);
  if (badGeometry) return badGeometry;
  const [id] = temporaryIds(snapshot, 1);
  const building: BuildingEntity = {
    type: "building", id, version: 0, ...locateBuilding(snapshot, geometry), number: null, use: input.use ?? "residential",
    name: text(input.name), nameEn: text(input.nameEn), floors: input.floors ?? 1, notes: text(input.notes), geometry,
  };
  const badField = buildingFieldsRefusal(building);
  if (badField) return badField;
  return { ok: true, change: { label: "place_building", puts: [putCreate(building)], deletes: [] } };
}

function translate(polygon: Polygon, dx: number, dy: number): Polygon {
  return { type: "Polygon", coordinates: polygon.coordinates.map((ring) => ring.map((p) => [p[0] + dx, p[1] + dy])) };
}

/**
 * Used when the user drags a building: a point building goes to `to`; a footprint is translated so that its
 * anchor (the centroid of its outer ring) lands on `to`. Where it lies is derived again; units of the building
 * assigned to a small area of another district than the one it now lies in lose that assignment (they count
 * where the building lies), in the same Change.
 */
export function moveBuilding(snapshot: EditSnapshot, input: { id: number; to: Position }): OpResult<Change> {
  const building = findBuilding(snapshot, input.id);
  if (!building) return refuse("not_found", `building/${input.id}`);
  if (!isValidPosition(input.to)) return refuse("invalid_coordinates", "to");
  const [ax, ay] = buildingAnchor(building.geometry);
  const geometry: Point | Polygon = building.geometry.type === "Point"
    ? { type: "Point", coordinates: [input.to[0], input.to[1]] }
    : translate(building.geometry, input.to[0] - ax, input.to[1] - ay);
  const badGeometry = buildingGeometryRefusal(geometry);
  if (badGeometry) return { ...badGeometry, place: "to" };
  const place = locateBuilding(snapshot, geometry, building);
  const areaDistrict = new Map(snapshot.smallAreas.map((s) => [s.id, s.districtId]));
  const orphaned = housingUnitsOf(snapshot, building.id).filter((u) => u.smallAreaId !== null && areaDistrict.get(u.smallAreaId) !== place.districtId);
  const puts: Put[] = [putUpdate(building, { geometry, ...place }), ...orphaned.map((u) => putUpdate(u, { smallAreaId: null }))];
  return { ok: true, change: { label: "move_building", puts, deletes: [] } };
}

/** The attributes the building panel saves; a field left out keeps its value. */
export type BuildingAttributes = Partial<Pick<BuildingEntity, "use" | "name" | "nameEn" | "floors" | "notes">>;

/**
 * Used when the building panel is saved: use, names, floors and notes (texts trimmed, empty as null).
 * Refused (`invalid`, naming the field): an unknown use, floors not a whole number 1..200, and a name for a
 * restricted use (military, prison), whose unit name is not recorded.
 */
export function editBuilding(snapshot: EditSnapshot, input: { id: number } & BuildingAttributes): OpResult<Change> {
  const building = findBuilding(snapshot, input.id);
  if (!building) return refuse("not_found", `building/${input.id}`);
  const next: BuildingEntity = {
    ...building,
    use: input.use ?? building.use,
    name: input.name === undefined ? building.name : text(input.name),
    nameEn: input.nameEn === undefined ? building.nameEn : text(input.nameEn),
    floors: input.floors ?? building.floors,
    notes: input.notes === undefined ? building.notes : text(input.notes),
  };
  const refusal = buildingFieldsRefusal(next);
  if (refusal) return refusal;
  return { ok: true, change: { label: "edit_building", puts: [putUpdate(building, next)], deletes: [] } };
}

/**
 * Used when the user deletes a building: the building and all its housing units the snapshot holds go in one
 * Change, so that one undo brings both back (with their ids). The snapshot must hold the building's units
 * (the editor loads them with the building); the server refuses a delete that would leave units behind.
 */
export function deleteBuilding(snapshot: EditSnapshot, input: { id: number }): OpResult<Change> {
  const building = findBuilding(snapshot, input.id);
  if (!building) return refuse("not_found", `building/${input.id}`);
  const deletes = [...housingUnitsOf(snapshot, building.id).map(deleteOf), deleteOf(building)];
  return { ok: true, change: { label: "delete_building", puts: [], deletes } };
}
