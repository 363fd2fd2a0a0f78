/**
 * The Change: the unit of every edit (DESIGN.md "How one edit flows"). An op builds a Change from a snapshot
 * of the entities the user sees; the client applies it optimistically, the server validates and writes it in
 * one transaction, and the inverse Change (undo) goes back through the same path.
 */
import type { Polygon, Position } from "geojson";
import type { AreaGeometry, SmallAreaStatus } from "@/lib/domain/types";

/** The kinds of entity a Change can touch. Buildings join with issue #5. */
export const EDITABLE_TYPES = ["district", "small_area"] as const;
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

export type EditableEntity = DistrictEntity | SmallAreaEntity;

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

/** The entities an op reads: what the editor has loaded (the township, or the districts around the edit). */
export interface EditSnapshot {
  districts: DistrictEntity[];
  smallAreas: SmallAreaEntity[];
}

/** A line drawn by the user across an area (split), in lon/lat. */
export type CutLine = Position[];

/** A polygon drawn by the user (district, freehand small area), in lon/lat. */
export type DrawnPolygon = Polygon;
