/**
 * Temporary ids: an op gives the entities it creates negative ids (-1, -2, …); the edit write replaces them
 * with fresh real ids, everywhere in the Change, before anything else reads it.
 */
import type { Change, EditableEntity, EditableType, Put } from "@/lib/edits/types";
import type { Db } from "./client";
import { entityKey, highestIdEver } from "./edit-rows";
import { WriteRefused } from "./mutations";

/** The Change with real ids, and which real id each temporary one became (`"small_area/-1"` → 58). */
export interface RealIds {
  change: Change;
  idMap: Record<string, number>;
}

function withIds(entity: EditableEntity, id: number, districtIds: Map<number, number>, place: string): EditableEntity {
  if (entity.type === "district") return { ...entity, id };
  if (entity.districtId > 0) return { ...entity, id };
  const districtId = districtIds.get(entity.districtId);
  if (districtId === undefined) throw new WriteRefused(422, "invalid", `${place}.districtId`);
  return { ...entity, id, districtId };
}

/**
 * Used by the edit write inside its transaction: new ids are handed out above the highest id the table ever
 * had, in the order of the puts; a small area pointing at a temporary district id gets the district's real id.
 * A create that carries a positive id (an undo re-creating a deleted entity) must name an id handed out
 * before — clients do not invent ids.
 */
export function assignRealIds(db: Db, change: Change): RealIds {
  const highest: Record<EditableType, number> = { district: highestIdEver(db, "district"), small_area: highestIdEver(db, "small_area") };
  const next = { ...highest };
  const idMap: Record<string, number> = {};
  const fresh = new Map<string, number>();
  const districtIds = new Map<number, number>();
  change.puts.forEach(({ entity, baseVersion }, i) => {
    if (entity.id > 0 && baseVersion === null && entity.id > highest[entity.type]) throw new WriteRefused(422, "invalid", `puts[${i}].entity.id`);
    if (entity.id > 0) return;
    const id = ++next[entity.type];
    fresh.set(entityKey(entity.type, entity.id), id);
    idMap[entityKey(entity.type, entity.id)] = id;
    if (entity.type === "district") districtIds.set(entity.id, id);
  });
  const puts: Put[] = change.puts.map((put, i) => {
    const id = fresh.get(entityKey(put.entity.type, put.entity.id)) ?? put.entity.id;
    return { ...put, entity: withIds(put.entity, id, districtIds, `puts[${i}].entity`) };
  });
  return { change: { ...change, puts }, idMap };
}
