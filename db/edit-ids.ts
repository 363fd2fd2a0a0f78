/**
 * Temporary ids: an op gives the entities it creates negative ids (-1, -2, …); the edit write replaces them
 * with fresh real ids, everywhere in the Change, before anything else reads it.
 */
import { EDITABLE_TYPES, type Change, type EditableEntity, type EditableType, type Put } from "@/lib/edits/types";
import type { Db } from "./client";
import { entityKey, highestIdEver } from "./edit-rows";
import { WriteRefused } from "./mutations";

/** The Change with real ids, and which real id each temporary one became (`"small_area/-1"` → 58). */
export interface RealIds {
  change: Change;
  idMap: Record<string, number>;
}

type Fresh = Map<string, number>;

/** A reference to another entity of the Change: positive ids as they are, temporary ones mapped (422 when unknown). */
function realRef(fresh: Fresh, type: EditableType, id: number, place: string): number {
  if (id > 0) return id;
  const real = fresh.get(entityKey(type, id));
  if (real === undefined) throw new WriteRefused(422, "invalid", place);
  return real;
}

function withIds(entity: EditableEntity, id: number, fresh: Fresh, place: string): EditableEntity {
  switch (entity.type) {
    case "district":
      return { ...entity, id };
    case "small_area":
      return { ...entity, id, districtId: realRef(fresh, "district", entity.districtId, `${place}.districtId`) };
    case "building":
      // where a building lies is derived by the write; a client's guess at a not-yet-stored area means nothing
      return { ...entity, id, districtId: entity.districtId !== null && entity.districtId > 0 ? entity.districtId : null, smallAreaId: entity.smallAreaId !== null && entity.smallAreaId > 0 ? entity.smallAreaId : null };
    case "housing_unit":
      return {
        ...entity, id,
        buildingId: realRef(fresh, "building", entity.buildingId, `${place}.buildingId`),
        smallAreaId: entity.smallAreaId === null ? null : realRef(fresh, "small_area", entity.smallAreaId, `${place}.smallAreaId`),
      };
  }
}

/**
 * Used by the edit write inside its transaction: new ids are handed out above the highest id the table ever
 * had, in the order of the puts; references to entities created in the same Change by their temporary ids
 * get the real ids (a small area's district, a housing unit's building and the small area it is assigned to).
 * A create that carries a positive id (an undo re-creating a deleted entity) must name an id handed out
 * before — clients do not invent ids.
 */
export function assignRealIds(db: Db, change: Change): RealIds {
  const highest = Object.fromEntries(EDITABLE_TYPES.map((type) => [type, highestIdEver(db, type)])) as Record<EditableType, number>;
  const next = { ...highest };
  const idMap: Record<string, number> = {};
  const fresh: Fresh = new Map();
  change.puts.forEach(({ entity, baseVersion }, i) => {
    if (entity.id > 0 && baseVersion === null && entity.id > highest[entity.type]) throw new WriteRefused(422, "invalid", `puts[${i}].entity.id`);
    if (entity.id > 0) return;
    const id = ++next[entity.type];
    fresh.set(entityKey(entity.type, entity.id), id);
    idMap[entityKey(entity.type, entity.id)] = id;
  });
  const puts: Put[] = change.puts.map((put, i) => {
    const id = fresh.get(entityKey(put.entity.type, put.entity.id)) ?? put.entity.id;
    return { ...put, entity: withIds(put.entity, id, fresh, `puts[${i}].entity`) };
  });
  return { change: { ...change, puts }, idMap };
}
