/**
 * The Change: the unit of every edit (DESIGN.md "How one edit flows"). An op builds a Change from a snapshot
 * of the entities the user sees; the client applies it optimistically, the server validates and writes it in
 * one transaction, and the inverse Change (undo) goes back through the same path.
 */
import type { Point, Polygon, Position } from "geojson";
import type { AreaGeometry, BuildingUse, HousingUnitStatus, SmallAreaStatus } from "@/lib/domain/types";

/** The kinds of entity a Change can touch. */
export const EDITABLE_TYPES = ["district", "small_area", "building", "housing_unit"] as const;
export type EditableType = (typeof EDITABLE_TYPES)[number];

/** A census district (普查区) as the editor holds it. */
export interface DistrictEntity {
  type: "district";
  id: number;
  /** the stored version this copy is; 0 for an entity not yet stored */
  version: number;
  townshipId: number;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: "community" | "village";
  geometry: AreaGeometry;
}

/** A small area (普查小区) as the editor holds it; virtual ones have no geometry. */
export interface SmallAreaEntity {
  type: "small_area";
  id: number;
  version: number;
  districtId: number;
  code: string;
  name: string | null;
  isVirtual: boolean;
  geometry: AreaGeometry | null;
  status: SmallAreaStatus;
  notes: string | null;
}

/**
 * A building (建筑物) marked on the imagery: a point, or a footprint. `districtId` and `smallAreaId` are derived
 * by the server from where it lies (what a client sends there is ignored and re-derived).
 */
export interface BuildingEntity {
  type: "building";
  id: number;
  version: number;
  districtId: number | null;
  smallAreaId: number | null;
  /** number within its small area (the numbering rule), null until numbered */
  number: number | null;
  use: BuildingUse;
  /** name of a landmark building (school, factory…); for restricted uses the unit name is not recorded */
  name: string | null;
  nameEn: string | null;
  floors: number;
  notes: string | null;
  geometry: Point | Polygon;
}

/**
 * A housing unit (住房单元) of a building, as listed (摸底). `smallAreaId` is null when the unit counts where its
 * building lies; set, it assigns the unit elsewhere (a large building split across small areas by floor or
 * entrance, or collective quarters in a virtual small area).
 */
export interface HousingUnitEntity {
  type: "housing_unit";
  id: number;
  version: number;
  buildingId: number;
  smallAreaId: number | null;
  unitNumber: string;
  floor: number | null;
  entrance: string | null;
  status: HousingUnitStatus;
  households: number;
  persons: number;
}

export type EditableEntity = DistrictEntity | SmallAreaEntity | BuildingEntity | HousingUnitEntity;

/** The entities with territory (or a virtual small area): what the boundary ops and the coverage checks read. */
export type AreaEntity = DistrictEntity | SmallAreaEntity;

/**
 * Write an entity's whole new state. `baseVersion` is the stored version the op read (the server refuses with
 * 409 when it moved on); null means "create": the id must be free. New entities made by an op carry negative
 * temporary ids (-1, -2, …) that the server replaces; a re-create (undo of a delete) carries its old id.
 */
export interface Put {
  entity: EditableEntity;
  baseVersion: number | null;
}

/** Remove an entity that is still at `baseVersion`. */
export interface Delete {
  type: EditableType;
  id: number;
  baseVersion: number;
}

/** What the user did, as shown in the undo button's tooltip and written to the change log. */
export const CHANGE_LABELS = [
  "draw_district",
  "draw_small_area",
  "split_district",
  "split_small_area",
  "merge_small_areas",
  "move_vertex",
  "insert_vertex",
  "delete_vertex",
  "delete_small_area",
  "delete_district",
  "edit_attributes",
  "assign_code",
  "add_virtual_small_area",
  "place_building",
  "move_building",
  "edit_building",
  "delete_building",
  "fill_housing_units",
  "edit_housing_unit",
  "delete_housing_unit",
  "undo",
  "redo",
] as const;
export type ChangeLabel = (typeof CHANGE_LABELS)[number];

/** One gesture's worth of puts and deletes, written all or nothing. */
export interface Change {
  label: ChangeLabel;
  puts: Put[];
  deletes: Delete[];
}

/**
 * The entities an op reads: what the editor has loaded (the township, or the districts around the edit), and
 * the buildings and housing units it has open (building edits load one building with its units).
 */
export interface EditSnapshot {
  districts: DistrictEntity[];
  smallAreas: SmallAreaEntity[];
  buildings?: BuildingEntity[];
  housingUnits?: HousingUnitEntity[];
}

/** A line drawn by the user across an area (split), in lon/lat. */
export type CutLine = Position[];

/** A polygon drawn by the user (district, freehand small area), in lon/lat. */
export type DrawnPolygon = Polygon;
