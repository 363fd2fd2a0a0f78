import type { MultiPolygon, Polygon, Position } from "geojson";
import { deleteBuilding } from "@/lib/edits/ops/building";
import { deleteDistrict, deleteSmallArea } from "@/lib/edits/ops/delete-area";
import { deleteSharedVertex } from "@/lib/edits/ops/delete-vertex";
import { drawDistrict } from "@/lib/edits/ops/draw-district";
import { drawSmallArea } from "@/lib/edits/ops/draw-small-area";
import { addVirtualSmallArea } from "@/lib/edits/ops/virtual-small-area";
import { editSmallAreaAttributes } from "@/lib/edits/ops/edit-attributes";
import { insertSharedVertex } from "@/lib/edits/ops/insert-vertex";
import { mergeSmallAreas } from "@/lib/edits/ops/merge-small-areas";
import { moveSharedVertex } from "@/lib/edits/ops/move-vertex";
import { splitDistrict, splitSmallArea } from "@/lib/edits/ops/split-area";
import { nextFreeDistrictCode } from "@/lib/domain/codes";
import { refuse } from "@/lib/edits/refusals";
import { findDistrict, findSmallArea } from "@/lib/edits/snapshot";
import type { EditSnapshot } from "@/lib/edits/types";
import type { VertexEdit } from "@/lib/edits/vertex-edit";
import { labelPoint } from "@/lib/geo/label-point";
import { pointInArea } from "@/lib/geo/point-in-polygon";
import type { Gesture } from "./use-editor";

/** What the user has selected on the map: small areas (several for a merge), one district, or one building. */
export interface Selection {
  smallAreas: number[];
  district: number | null;
  building?: number | null;
}

/** the point halfway along a line (by vertex distance in degrees: enough to pick the area it runs through) */
function middleOfLine(line: Position[]): Position {
  const lengths = line.slice(1).map((p, i) => Math.hypot(p[0] - line[i][0], p[1] - line[i][1]));
  let half = lengths.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    if (half <= lengths[i] && lengths[i] > 0) {
      const t = half / lengths[i];
      return [line[i][0] + t * (line[i + 1][0] - line[i][0]), line[i][1] + t * (line[i + 1][1] - line[i][1])];
    }
    half -= lengths[i];
  }
  return line[0];
}

function districtAt(snapshot: EditSnapshot, point: Position) {
  return snapshot.districts.find((d) => pointInArea(point, d.geometry)) ?? null;
}

/**
 * Used by the split tool and its preview: what a line splits — the selected small area, or else the small
 * area the line runs through, or else a district with no small areas yet (into its first two small areas).
 */
export function splitTarget(snapshot: EditSnapshot, line: Position[], selection: Selection): { type: "small_area" | "district"; id: number } | null {
  const middle = middleOfLine(line);
  const selected = selection.smallAreas.length === 1 && findSmallArea(snapshot, selection.smallAreas[0]) ? selection.smallAreas[0] : null;
  const area = selected ?? snapshot.smallAreas.find((s) => s.geometry && pointInArea(middle, s.geometry))?.id ?? null;
  if (area !== null) return { type: "small_area", id: area };
  const selectedDistrict = selection.district !== null && findDistrict(snapshot, selection.district) ? selection.district : null;
  const district = selectedDistrict ?? districtAt(snapshot, middle)?.id ?? null;
  return district === null ? null : { type: "district", id: district };
}

/** Used by the split tool: splits what {@link splitTarget} names along the line. */
export function splitGesture(line: Position[], selection: Selection): Gesture {
  return (snapshot) => {
    const target = splitTarget(snapshot, line, selection);
    if (!target) return refuse("split_line_does_not_cross", "line", middleOfLine(line) as [number, number]);
    return target.type === "small_area" ? splitSmallArea(snapshot, { id: target.id, line }) : splitDistrict(snapshot, { id: target.id, line });
  };
}

/** Used by the freehand small-area tool: the new area goes to the district under its label point. */
export function drawSmallAreaGesture(polygon: Polygon): Gesture {
  return (snapshot) => {
    const district = districtAt(snapshot, labelPoint(polygon)) ?? districtAt(snapshot, polygon.coordinates[0][0]);
    if (!district) return refuse("outside_district", "polygon", labelPoint(polygon));
    return drawSmallArea(snapshot, { districtId: district.id, polygon });
  };
}

/** What the new-district dialog asks for. */
export interface NewDistrict {
  townshipId: number;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: "community" | "village";
}

/** Used by the district tool after the dialog: the drawn polygon, clipped to the township and away from existing districts. */
export function drawDistrictGesture(polygon: Polygon, district: NewDistrict, township: Polygon | MultiPolygon | null): Gesture {
  return (snapshot) => drawDistrict(snapshot, { ...district, polygon, township });
}

/** Used by the merge button and its shortcut. */
export function mergeGesture(ids: number[]): Gesture {
  return (snapshot) => mergeSmallAreas(snapshot, { ids });
}

/** Used by the delete button and its shortcut: the selected building, small area, or an empty selected district. */
export function deleteGesture(selection: Selection): Gesture | null {
  if (selection.building != null) {
    const id = selection.building;
    return (snapshot) => deleteBuilding(snapshot, { id });
  }
  const area = selection.smallAreas[selection.smallAreas.length - 1];
  if (area !== undefined) return (snapshot) => deleteSmallArea(snapshot, { id: area });
  if (selection.district !== null) {
    const id = selection.district;
    return (snapshot) => deleteDistrict(snapshot, { id });
  }
  return null;
}

/** Used by the reshape tool: a finished vertex gesture, applied to every area sharing the vertex. */
export function vertexGesture(edit: VertexEdit): Gesture {
  if (edit.kind === "move") return (snapshot) => moveSharedVertex(snapshot, { from: edit.from, to: edit.to });
  if (edit.kind === "insert") return (snapshot) => insertSharedVertex(snapshot, { segment: edit.segment, at: edit.at });
  return (snapshot) => deleteSharedVertex(snapshot, { at: edit.at });
}

/** Used by the district dialog: the next district code of a kind in a township (see `nextFreeDistrictCode`). */
export function nextDistrictCode(snapshot: EditSnapshot, townshipCode: string, kind: NewDistrict["kind"]): string {
  return nextFreeDistrictCode(townshipCode, snapshot.districts.map((d) => d.code), kind) ?? "";
}

/**
 * Used by the side panel's save: name and notes of a small area, refused as stale when the panel was read
 * at another version than the editor holds (the panel's copy is what the user edited).
 */
export function attributesGesture(id: number, version: number, name: string | null, notes: string | null): Gesture {
  return (snapshot) => {
    const area = findSmallArea(snapshot, id);
    if (area && area.version !== version) return refuse("stale_version", `small_area/${id}`);
    return editSmallAreaAttributes(snapshot, { id, name, notes });
  };
}

/** Used by "virtual area" on the selected district: a small area 900+ without territory. */
export function virtualSmallAreaGesture(districtId: number): Gesture {
  return (snapshot) => addVirtualSmallArea(snapshot, { districtId });
}
