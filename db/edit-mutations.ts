/**
 * The one write of the boundary editor (DESIGN.md "How one edit flows", step 4): a whole Change, checked and
 * written in one `BEGIN IMMEDIATE` transaction, logged, re-derived and re-checked; any refusal rolls it all back.
 */
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { SmallAreaPlace } from "./coverage-queries";
import type { CoverageIssue } from "@/lib/coverage/types";
import { applyChange } from "@/lib/edits/apply-change";
import type { Refusal } from "@/lib/edits/refusals";
import type { Change, EditableEntity, EditSnapshot } from "@/lib/edits/types";
import { bboxOfGeometry, type Bbox } from "@/lib/geo/bbox";
import { writeTransaction, type Db } from "./client";
import { checkEditedDistricts, placesOfIssues, refuseWorseCoverage } from "./edit-coverage";
import { detachDistrict, detachSmallArea, reassignBuildings } from "./edit-derive";
import { assignRealIds } from "./edit-ids";
import { loadEditEntities } from "./edit-queries";
import { deleteEntityRow, entityKey, parkCodes, writeEntityRow, type EntityRef } from "./edit-rows";
import { checkChangeRules, checkChangeShape } from "./edit-validate";
import { appendChangeLog, WriteRefused } from "./mutations";

/** What a written Change gives back to the editor, which replaces its copy with it. */
export interface WrittenChange {
  /** every entity the Change put, as stored now (real ids, new versions), in the order of the puts */
  entities: EditableEntity[];
  deleted: EntityRef[];
  /** the real id of each temporary one, keyed `type/tempId` (e.g. `"small_area/-1": 58`) */
  idMap: Record<string, number>;
  /** the Change that undoes this one (real ids, the new versions as base) */
  inverse: Change;
  /** the coverage issues of the districts the Change touched, after it */
  issues: CoverageIssue[];
  /** id and bbox of each small area the issues name, by full code (as GET /api/coverage gives them) */
  places: Record<string, SmallAreaPlace>;
  /** groups this Change's rows in the change log */
  changeId: string;
}

/** How the caller takes part in the write. */
export interface WriteChangeOptions {
  /** permission per record, asked of each stored entity the Change touches and of each new state it puts */
  canEdit?: (entity: EditableEntity) => boolean;
}

type Entities = Map<string, EditableEntity>;

function byKey(snapshot: EditSnapshot): Entities {
  return new Map([...snapshot.districts, ...snapshot.smallAreas].map((e) => [entityKey(e.type, e.id), e]));
}

function touchedRefs(change: Change): EntityRef[] {
  return [...change.puts.map((p) => ({ type: p.entity.type, id: p.entity.id })), ...change.deletes.map((d) => ({ type: d.type, id: d.id }))];
}

function checkPermission(stored: Entities, change: Change, canEdit: WriteChangeOptions["canEdit"]): void {
  if (!canEdit) return;
  for (const [key, entity] of stored) if (!canEdit(entity)) throw new WriteRefused(403, "forbidden", key);
  change.puts.forEach((put, i) => {
    if (!canEdit(put.entity)) throw new WriteRefused(403, "forbidden", `puts[${i}].entity`);
  });
}

function refusalOf(refusal: Refusal, stored: Entities): WriteRefused {
  const place = refusal.place ?? "change";
  if (refusal.reason === "not_found") return new WriteRefused(404, "not_found", place);
  return new WriteRefused(409, refusal.reason, place, [...stored.values()]);
}

/** The districts whose partition the Change can alter: those it touches and those of the small areas it touches. */
function affectedDistrictIds(stored: Entities, next: Entities, change: Change): number[] {
  const ids = new Set<number>();
  for (const ref of touchedRefs(change)) {
    for (const e of [stored.get(entityKey(ref.type, ref.id)), next.get(entityKey(ref.type, ref.id))]) {
      if (e) ids.add(e.type === "district" ? e.id : e.districtId);
    }
  }
  return [...ids];
}

/** Where buildings may change district or small area: old and new bboxes of every entity whose place moved. */
function movedRegions(stored: Entities, next: Entities, change: Change): Bbox[] {
  const regions: Bbox[] = [];
  for (const ref of touchedRefs(change)) {
    const before = stored.get(entityKey(ref.type, ref.id));
    const after = next.get(entityKey(ref.type, ref.id));
    const where = (e?: EditableEntity) => (e ? JSON.stringify([e.geometry, e.type === "small_area" ? [e.districtId, e.isVirtual] : null]) : null);
    if (where(before) === where(after)) continue;
    for (const e of [before, after]) if (e?.geometry) regions.push(bboxOfGeometry(e.geometry));
  }
  return regions;
}

/** Writes the rows in an order the foreign keys and unique indexes accept, and logs one row per entity. */
function writeRows(db: Db, change: Change, stored: Entities, next: Entities, log: (op: "put" | "delete", key: string, baseVersion: number | null) => void): void {
  const deletes = (type: EntityRef["type"]) => change.deletes.filter((d) => d.type === type);
  const puts = (type: EntityRef["type"]) => change.puts.filter((p) => p.entity.type === type);
  for (const del of deletes("small_area")) {
    detachSmallArea(db, del.id);
    deleteEntityRow(db, del);
  }
  parkCodes(db, change.puts.filter((p) => {
    const old = stored.get(entityKey(p.entity.type, p.entity.id));
    return old && old.code !== p.entity.code;
  }).map((p) => p.entity));
  for (const put of [...puts("district"), ...puts("small_area")]) {
    const key = entityKey(put.entity.type, put.entity.id);
    writeEntityRow(db, next.get(key)!, stored.has(key));
  }
  for (const del of deletes("district")) {
    detachDistrict(db, del.id);
    deleteEntityRow(db, del);
  }
  for (const del of change.deletes) log("delete", entityKey(del.type, del.id), del.baseVersion);
  for (const put of change.puts) log("put", entityKey(put.entity.type, put.entity.id), put.baseVersion);
}

function writeInTransaction(db: Db, input: Change, userId: number | null, options: WriteChangeOptions): WrittenChange {
  checkChangeShape(input);
  const { change, idMap } = assignRealIds(db, input);
  const snapshot = loadEditEntities(db, touchedRefs(change));
  const stored = byKey(snapshot);
  checkPermission(stored, change, options.canEdit);
  const applied = applyChange(snapshot, change);
  if (!applied.ok) throw refusalOf(applied, stored);
  checkChangeRules(db, change);

  const next = byKey(applied.next);
  const districtIds = affectedDistrictIds(stored, next, change);
  const districtLevel = touchedRefs(change).some((r) => r.type === "district");
  const before = checkEditedDistricts(db, districtIds, { buildings: false, districtLevel });

  const changeId = randomUUID();
  writeRows(db, change, stored, next, (op, key, baseVersion) => {
    const [entityType, id] = key.split("/");
    const entityId = Number(id);
    appendChangeLog(db, { changeId, userId, label: change.label, entityType, entityId, op, baseVersion, before: stored.get(key) ?? null, after: op === "put" ? next.get(key) : null });
  });
  reassignBuildings(db, movedRegions(stored, next, change));

  const issues = checkEditedDistricts(db, districtIds, { buildings: true, districtLevel });
  refuseWorseCoverage(db, before, issues);

  const written = byKey(loadEditEntities(db, change.puts.map((p) => p.entity)));
  return {
    entities: change.puts.map((p) => written.get(entityKey(p.entity.type, p.entity.id))!),
    deleted: change.deletes.map((d) => ({ type: d.type, id: d.id })),
    idMap,
    inverse: applied.inverse,
    issues,
    places: placesOfIssues(db, issues),
    changeId,
  };
}

/**
 * Used by the edit server action and POST /api/edits (after zod): writes a whole Change in one
 * `BEGIN IMMEDIATE` transaction — temporary ids replaced by fresh ones, permission asked per record, versions
 * checked and bumped as applyChange does (404 missing, 409 stale with the stored copies in `current`),
 * geometry and code rules checked (422 naming the place), rows written with their bbox (and so the R*Tree),
 * one change-log row per entity, buildings re-assigned, and the touched districts re-checked: a Change that
 * adds overlap, ground outside the district or district overlap is refused (422). Throws `WriteRefused`;
 * on any refusal nothing is written.
 */
export function writeChange(db: Db, change: Change, userId: number | null, options: WriteChangeOptions = {}): WrittenChange {
  try {
    return writeTransaction(db, () => writeInTransaction(db, change, userId, options));
  } catch (error) {
    // a constraint the checks above missed is still bad input, not a server fault
    if (error instanceof Database.SqliteError && error.code.startsWith("SQLITE_CONSTRAINT")) throw new WriteRefused(422, "invalid", "change");
    throw error;
  }
}
