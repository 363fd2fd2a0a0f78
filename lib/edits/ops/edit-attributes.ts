import { isSmallAreaCode, nextFreeSmallAreaCode } from "@/lib/domain/codes";
import { findDistrict, findSmallArea } from "../snapshot";
import { refuse, type OpResult } from "../refusals";
import type { Change, EditSnapshot } from "../types";
import { putUpdate, takenCodes } from "./entity-changes";

/** Trimmed text, or null for empty. */
const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** Used by the small-area panel when its name or notes are saved (empty text is stored as null). */
export function editSmallAreaAttributes(snapshot: EditSnapshot, input: { id: number; name: string | null; notes: string | null }): OpResult<Change> {
  const area = findSmallArea(snapshot, input.id);
  if (!area) return refuse("not_found", `small_area/${input.id}`);
  return { ok: true, change: { label: "edit_attributes", puts: [putUpdate(area, { name: text(input.name), notes: text(input.notes) })], deletes: [] } };
}

/**
 * Used by "assign code" on a small area: the code typed (3 digits, 900+ only for virtual small areas:
 * `bad_code`; unused in the district: `code_taken`), or, when none is typed, the lowest free code of the
 * district for its kind (`no_free_code`).
 */
export function assignSmallAreaCode(snapshot: EditSnapshot, input: { id: number; code?: string | null }): OpResult<Change> {
  const area = findSmallArea(snapshot, input.id);
  if (!area) return refuse("not_found", `small_area/${input.id}`);
  const taken = takenCodes(snapshot, area.districtId, area.id);
  const code = text(input.code) ?? nextFreeSmallAreaCode(taken, area.isVirtual);
  if (!code) return refuse("no_free_code", `district/${area.districtId}`);
  if (!isSmallAreaCode(code, area.isVirtual)) return refuse("bad_code", "code");
  if (taken.includes(code)) return refuse("code_taken", "code");
  return { ok: true, change: { label: "assign_code", puts: [putUpdate(area, { code })], deletes: [] } };
}

/** Used by the district panel when its names are saved; the Chinese name may not be empty (`invalid`). */
export function editDistrictAttributes(snapshot: EditSnapshot, input: { id: number; nameZh: string; nameEn: string }): OpResult<Change> {
  const district = findDistrict(snapshot, input.id);
  if (!district) return refuse("not_found", `district/${input.id}`);
  const nameZh = text(input.nameZh);
  if (!nameZh) return refuse("invalid", "nameZh");
  return { ok: true, change: { label: "edit_attributes", puts: [putUpdate(district, { nameZh, nameEn: text(input.nameEn) ?? "" })], deletes: [] } };
}
