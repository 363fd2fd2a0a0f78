import { isSmallAreaCode, nextFreeSmallAreaCode } from "@/lib/domain/codes";
import { bboxesIntersect, bboxOfGeometry } from "@/lib/geo/bbox";
import { CLIP_SNAP_DEGREES, clipToArea, largestPolygon, subtractAreas } from "@/lib/geo/clip-polygon";
import { verticesOf } from "@/lib/geo/rings";
import { findDistrict } from "../snapshot";
import { refuse, type OpResult, type Refusal } from "../refusals";
import type { Change, DrawnPolygon, EditSnapshot } from "../types";
import { checkDrawnPolygon } from "./drawn-shapes";
import { clipSafely, isRefusal, newSmallArea, putCreate, putsForNewVertices, takenCodes, temporaryIds, withNeighbourVertices } from "./entity-changes";

/** The code the user typed, checked, or the next free one of the district. */
function chooseCode(snapshot: EditSnapshot, districtId: number, typed: string | undefined): string | Refusal {
  const taken = takenCodes(snapshot, districtId);
  if (typed === undefined || typed.trim() === "") return nextFreeSmallAreaCode(taken, false) ?? refuse("no_free_code", `district/${districtId}`);
  const code = typed.trim();
  if (!isSmallAreaCode(code, false)) return refuse("bad_code", "code");
  return taken.includes(code) ? refuse("code_taken", "code") : code;
}

/**
 * Used when the user draws a small area freehand inside a district: the outline is checked
 * (`self_intersection`, `too_few_vertices`, `invalid_coordinates`), clipped to the district
 * (`outside_district` when nothing is inside) and away from the district's other small areas ("avoid
 * overlap"; `no_free_ground` when nothing is left). When that leaves several parts, the largest is kept.
 * The code is the one typed (`bad_code`, `code_taken`) or the next free one. The new draft small area
 * (temporary id) shares vertices bit-for-bit with the district and its neighbours: their vertices on its
 * edges become its vertices, and its new vertices on their edges become theirs.
 */
export function drawSmallArea(snapshot: EditSnapshot, input: { districtId: number; polygon: DrawnPolygon; code?: string }): OpResult<Change> {
  const district = findDistrict(snapshot, input.districtId);
  if (!district) return refuse("not_found", `district/${input.districtId}`);
  const code = chooseCode(snapshot, district.id, input.code);
  if (isRefusal(code)) return code;
  const drawn = checkDrawnPolygon(input.polygon);
  if (isRefusal(drawn)) return drawn;
  const inside = clipSafely(() => clipToArea(drawn, district.geometry), "polygon");
  if (inside && isRefusal(inside)) return inside;
  if (!inside) return refuse("outside_district", `district/${district.id}`);
  const box = bboxOfGeometry(inside);
  const siblings = snapshot.smallAreas
    .filter((s) => s.districtId === district.id && s.geometry && bboxesIntersect(box, bboxOfGeometry(s.geometry)))
    .map((s) => s.geometry!);
  const free = clipSafely(() => subtractAreas(inside, siblings), "polygon");
  if (free && isRefusal(free)) return free;
  if (!free) return refuse("no_free_ground", "polygon");
  const geometry = withNeighbourVertices(snapshot, largestPolygon(free), CLIP_SNAP_DEGREES);
  const [id] = temporaryIds(snapshot, 1);
  const puts = [putCreate(newSmallArea(id, district.id, code, geometry)), ...putsForNewVertices(snapshot, verticesOf(geometry), CLIP_SNAP_DEGREES)];
  return { ok: true, change: { label: "draw_small_area", puts, deletes: [] } };
}
