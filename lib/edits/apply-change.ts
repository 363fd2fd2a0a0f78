import { refuse, type Refusal } from "./refusals";
import type { Change, Delete, EditableEntity, EditableType, EditSnapshot, Put } from "./types";

/** The result of applying a Change: the next snapshot and the Change that undoes it. */
export interface Applied {
  ok: true;
  next: EditSnapshot;
  inverse: Change;
}

const key = (type: EditableType, id: number) => `${type}/${id}`;

function entitiesOf(snapshot: EditSnapshot): Map<string, EditableEntity> {
  const all = new Map<string, EditableEntity>();
  for (const d of snapshot.districts) all.set(key("district", d.id), d);
  for (const s of snapshot.smallAreas) all.set(key("small_area", s.id), s);
  return all;
}

/**
 * Used by the client to show an edit at once (optimistically) and by tests of every op: applies a Change to a
 * snapshot without touching it, with the same version rules as the server (a put stores
 * `entity.version + 1`; a stale base version is refused), and returns the inverse Change. Entities keep their
 * order; new ones are appended.
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

  const rebuild = <T extends EditableEntity>(list: readonly T[], type: EditableType): T[] => {
    const out: T[] = [];
    for (const e of list) {
      const k = key(type, e.id);
      const w = written.has(k) ? written.get(k) : e;
      if (w) out.push(w as T);
      written.delete(k);
    }
    for (const [k, w] of written) if (w && w.type === type && k.startsWith(`${type}/`)) out.push(w as T);
    return out;
  };
  const next: EditSnapshot = {
    districts: rebuild(snapshot.districts, "district"),
    smallAreas: rebuild(snapshot.smallAreas, "small_area"),
  };
  return { ok: true, next, inverse: { label: change.label, puts: inversePuts, deletes: inverseDeletes } };
}
