import { rebuildSnapshot } from "./apply-change";
import type { BuildingEntity, EditableEntity, EditableType, EditSnapshot, HousingUnitEntity } from "./types";

/**
 * Used by the client after the server wrote an edit (or sent its copy on a conflict): replaces the client's
 * copies with the server's, drops deleted entities, and appends new ones, for every entity type. Temporary
 * (negative) ids the client may still hold are dropped too: the server's entities carry the real ids. The
 * optional buildings and housing-unit lists stay absent unless the server sent some.
 */
export function mergeServerEntities(
  snapshot: EditSnapshot,
  entities: readonly EditableEntity[],
  deleted: ReadonlyArray<{ type: EditableType; id: number }> = [],
): EditSnapshot {
  const gone = new Set(deleted.map((d) => `${d.type}/${d.id}`));
  const incoming = new Map(entities.map((e) => [`${e.type}/${e.id}`, e]));
  const merge = <T extends EditableEntity>(list: readonly T[], type: T["type"]): T[] => {
    const out: T[] = [];
    for (const e of list) {
      const k = `${type}/${e.id}`;
      if (gone.has(k) || e.id < 0) continue;
      out.push((incoming.get(k) as T | undefined) ?? e);
      incoming.delete(k);
    }
    for (const e of incoming.values()) if (e.type === type) out.push(e as T);
    return out;
  };
  return rebuildSnapshot(snapshot, merge);
}

/** Used by the editor to find the entity a gesture acts on. */
export function findSmallArea(snapshot: EditSnapshot, id: number) {
  return snapshot.smallAreas.find((s) => s.id === id) ?? null;
}

/** Used by the editor to find the district a gesture acts on. */
export function findDistrict(snapshot: EditSnapshot, id: number) {
  return snapshot.districts.find((d) => d.id === id) ?? null;
}

/** Used by the building ops to find the building a gesture acts on. */
export function findBuilding(snapshot: EditSnapshot, id: number): BuildingEntity | null {
  return snapshot.buildings?.find((b) => b.id === id) ?? null;
}

/** Used by the housing-unit ops to find the unit a gesture acts on. */
export function findHousingUnit(snapshot: EditSnapshot, id: number): HousingUnitEntity | null {
  return snapshot.housingUnits?.find((u) => u.id === id) ?? null;
}

/** Used by the building and housing-unit ops: a building's units, in the order the snapshot holds them. */
export function housingUnitsOf(snapshot: EditSnapshot, buildingId: number): HousingUnitEntity[] {
  return (snapshot.housingUnits ?? []).filter((u) => u.buildingId === buildingId);
}
