import { nextFreeSmallAreaCode } from "@/lib/domain/codes";
import { findDistrict } from "../snapshot";
import { refuse, type OpResult } from "../refusals";
import type { Change, EditSnapshot, SmallAreaEntity } from "../types";
import { putCreate, takenCodes, temporaryIds } from "./entity-changes";

/**
 * Used by "new virtual small area" on a district: a small area without territory (code 900+), attached to the
 * district, for collective quarters (集体户) or the floors of a large building whose housing units are
 * assigned to it. Refused with `no_free_code` when 900–999 are all taken.
 */
export function addVirtualSmallArea(snapshot: EditSnapshot, input: { districtId: number; name?: string | null }): OpResult<Change> {
  const district = findDistrict(snapshot, input.districtId);
  if (!district) return refuse("not_found", `district/${input.districtId}`);
  const code = nextFreeSmallAreaCode(takenCodes(snapshot, district.id), true);
  if (!code) return refuse("no_free_code", `district/${district.id}`);
  const [id] = temporaryIds(snapshot, 1);
  const area: SmallAreaEntity = {
    type: "small_area", id, version: 0, districtId: district.id, code, name: input.name?.trim() || null, isVirtual: true, geometry: null, status: "draft", notes: null,
  };
  return { ok: true, change: { label: "add_virtual_small_area", puts: [putCreate(area)], deletes: [] } };
}
