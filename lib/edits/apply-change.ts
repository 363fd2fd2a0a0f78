import { refuse, type Refusal } from "./refusals";
import type { Change, Delete, EditableEntity, EditableType, EditSnapshot, Put } from "./types";

/** The result of applying a Change: the next snapshot and the Change that undoes it. */
export interface Applied {
  ok: true;
  next: EditSnapshot;
  inverse: Change;
}

const key = (type: EditableType, id: number) => `${type}/${id}`;

/** Used wherever a snapshot is walked by type: each list of entities and the type it holds, in snapshot order. */
export function snapshotLists(snapshot: EditSnapshot): Array<[EditableType, readonly EditableEntity[]]> {
  return [
    ["district", snapshot.districts],
    ["small_area", snapshot.smallAreas],
    ["building", snapshot.buildings ?? []],
    ["housing_unit", snapshot.housingUnits ?? []],
  ];
}

function entitiesOf(snapshot: EditSnapshot): Map<string, EditableEntity> {
  const all = new Map<string, EditableEntity>();
  for (const [type, list] of snapshotLists(snapshot)) for (const e of list) all.set(key(type, e.id), e);
  return all;
}

/**
 * Used by applyChange and mergeServerEntities to build the next snapshot: each list rebuilt by `rebuild`, the
 * optional lists (buildings, housing units) left out when the snapshot had none and nothing was added.
 */
export function rebuildSnapshot(
  snapshot: EditSnapshot,
  rebuild: <T extends EditableEntity>(list: readonly T[], type: T["type"]) => T[],
): EditSnapshot {
  const next: EditSnapshot = { districts: rebuild(snapshot.districts, "district"), smallAreas: rebuild(snapshot.smallAreas, "small_area") };
  const buildings = rebuild(snapshot.buildings ?? [], "building");
  if (snapshot.buildings || buildings.length) next.buildings = buildings;
  const housingUnits = rebuild(snapshot.housingUnits ?? [], "housing_unit");
  if (snapshot.housingUnits || housingUnits.length) next.housingUnits = housingUnits;
  return next;
}

/**
 * Used by the client to show an edit at once (optimistically) and by tests of every op: applies a Change to a
 * snapshot without touching it, with the same version rules as the server (a put stores
 * `entity.version + 1`; a stale base version is refused), and returns the inverse Change. Entities keep their
 * order; new ones are appended. Works alike for districts, small areas, buildings and housing units; the
 * optional buildings and housing-unit lists stay absent unless a put adds to them.
 */
export function applyChange(snapshot: EditSnapshot, change: Change): Applied | Refusal {
  const all = entitiesOf(snapshot);
  const inversePuts: Put[] = [];
  const inverseDeletes: Delete[] = [];
  const written = new Map<string, EditableEntity | null>();

  for (const del of change.deletes) {
    const k = key(del.type, del.id);
    const current = all.get(k);
    if (!current) return refuse("not_found", k);
    if (current.version !== del.baseVersion) return refuse("stale_version", k);
    written.set(k, null);
    inversePuts.push({ entity: current, baseVersion: null });
  }
  for (const put of change.puts) {
    const k = key(put.entity.type, put.entity.id);
    const current = all.get(k);
    if (put.baseVersion === null) {
      if (current) return refuse("stale_version", k);
    } else {
      if (!current) return refuse("not_found", k);
      if (current.version !== put.baseVersion) return refuse("stale_version", k);
    }
    const stored = { ...put.entity, version: put.entity.version + 1 } as EditableEntity;
    written.set(k, stored);
    if (current) inversePuts.push({ entity: { ...current, version: stored.version } as EditableEntity, baseVersion: stored.version });
    else inverseDeletes.push({ type: stored.type, id: stored.id, baseVersion: stored.version });
  }

  const rebuild = <T extends EditableEntity>(list: readonly T[], type: T["type"]): T[] => {
    const out: T[] = [];
    for (const e of list) {
      const k = key(type, e.id);
      const w = written.has(k) ? written.get(k) : e;
      if (w) out.push(w as T);
      written.delete(k);
    }
    for (const w of written.values()) if (w && w.type === type) out.push(w as T);
    return out;
  };
  return { ok: true, next: rebuildSnapshot(snapshot, rebuild), inverse: { label: change.label, puts: inversePuts, deletes: inverseDeletes } };
}
