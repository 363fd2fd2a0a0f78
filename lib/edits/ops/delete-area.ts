import { findDistrict, findSmallArea } from "../snapshot";
import { refuse, type OpResult } from "../refusals";
import type { Change, EditSnapshot } from "../types";
import { deleteOf } from "./entity-changes";

/**
 * Used when the user deletes a small area: it goes, and its ground is left as a gap for the coverage checks
 * to report (no neighbour silently absorbs it).
 */
export function deleteSmallArea(snapshot: EditSnapshot, input: { id: number }): OpResult<Change> {
  const area = findSmallArea(snapshot, input.id);
  if (!area) return refuse("not_found", `small_area/${input.id}`);
  return { ok: true, change: { label: "delete_small_area", puts: [], deletes: [deleteOf(area)] } };
}

/** Used when the user deletes a district; refused (`district_not_empty`) while it has small areas, virtual ones included. */
export function deleteDistrict(snapshot: EditSnapshot, input: { id: number }): OpResult<Change> {
  const district = findDistrict(snapshot, input.id);
  if (!district) return refuse("not_found", `district/${input.id}`);
  if (snapshot.smallAreas.some((s) => s.districtId === district.id)) return refuse("district_not_empty", `district/${district.id}`);
  return { ok: true, change: { label: "delete_district", puts: [], deletes: [deleteOf(district)] } };
}
