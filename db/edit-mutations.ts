/**
 * The one write of the editor (DESIGN.md "How one edit flows", step 4), for boundaries, buildings and housing
 * units alike: a whole Change, checked and written in one `BEGIN IMMEDIATE` transaction, logged, re-derived
 * and re-checked; any refusal rolls it all back.
 */
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { SmallAreaPlace } from "./coverage-queries";
import type { CoverageIssue } from "@/lib/coverage/types";
import { applyChange, snapshotLists } from "@/lib/edits/apply-change";
import type { Refusal } from "@/lib/edits/refusals";
import type { AreaEntity, Change, EditableEntity, EditableType, EditSnapshot } from "@/lib/edits/types";
import { bboxOfGeometry, type Bbox } from "@/lib/geo/bbox";
import { writeTransaction, type Db } from "./client";
import { checkEditedDistricts, placesOfIssues, refuseWorseCoverage } from "./edit-coverage";
import { detachDistrict, detachSmallArea, locateBuilding, reassignBuildings } from "./edit-derive";
import { assignRealIds } from "./edit-ids";
import { loadEditEntities } from "./edit-queries";
import { deleteEntityRow, entityKey, parkCodes, writeEntityRow, type EntityRef } from "./edit-rows";
import { checkChangeRules, checkChangeShape, checkHousingUnitAreas } from "./edit-validate";
import { appendChangeLog, WriteRefused } from "./mutations";
import { applyStatusRule, recordReopened } from "./workflow";

/** What a written Change gives back to the editor, which replaces its copy with it. */
export interface WrittenChange {
  /** every entity the Change put, as stored now (real ids, new versions), in the order of the puts */
  entities: EditableEntity[];
  deleted: EntityRef[];
  /** the real id of each temporary one, keyed `type/tempId` (e.g. `"small_area/-1": 58`) */
  idMap: Record<string, number>;
  /** the Change that undoes this one (real ids, the new versions as base) */
  inverse: Change;
  /**
   * the coverage issues of the districts the Change touched, after it: those whose areas it changed, and those
   * its buildings and housing units lie in (one district's check, a few milliseconds)
   */
  issues: CoverageIssue[];
  /** id and bbox of each small area the issues name, by full code (as GET /api/coverage gives them) */
  places: Record<string, SmallAreaPlace>;
  /** groups this Change's rows in the change log */
  changeId: string;
}

/** How the caller takes part in the write. */
export interface WriteChangeOptions {
  /** permission per record, asked of each stored entity the Change touches and of each new state it puts */
  canEdit?: (entity: EditableEntity, op: "put" | "delete") => boolean;
}

type Entities = Map<string, EditableEntity>;

const AREA_TYPES: ReadonlySet<EditableType> = new Set(["district", "small_area"]);
const isArea = (e: EditableEntity | undefined): e is AreaEntity => e !== undefined && AREA_TYPES.has(e.type);

function byKey(snapshot: EditSnapshot): Entities {
  return new Map(snapshotLists(snapshot).flatMap(([, list]) => list.map((e) => [entityKey(e.type, e.id), e] as const)));
}

function touchedRefs(change: Change): EntityRef[] {
  return [...change.puts.map((p) => ({ type: p.entity.type, id: p.entity.id })), ...change.deletes.map((d) => ({ type: d.type, id: d.id }))];
}

function checkPermission(stored: Entities, change: Change, canEdit: WriteChangeOptions["canEdit"]): void {
  if (!canEdit) return;
  const deleted = new Set(change.deletes.map((d) => entityKey(d.type, d.id)));
  for (const [key, entity] of stored) if (!canEdit(entity, deleted.has(key) ? "delete" : "put")) throw new WriteRefused(403, "forbidden", key);
  change.puts.forEach((put, i) => {
    if (!canEdit(put.entity, "put")) throw new WriteRefused(403, "forbidden", `puts[${i}].entity`);
  });
}

function refusalOf(refusal: Refusal, stored: Entities): WriteRefused {
  const place = refusal.place ?? "change";
  if (refusal.reason === "not_found") return new WriteRefused(404, "not_found", place);
  return new WriteRefused(409, refusal.reason, place, [...stored.values()]);
}

/** The districts whose partition the Change can alter: the districts it touches and those of the small areas it touches. */
function affectedDistrictIds(stored: Entities, next: Entities, change: Change): number[] {
  const ids = new Set<number>();
  for (const ref of touchedRefs(change)) {
    for (const e of [stored.get(entityKey(ref.type, ref.id)), next.get(entityKey(ref.type, ref.id))]) {
      if (isArea(e)) ids.add(e.type === "district" ? e.id : e.districtId);
    }
  }
  return [...ids];
}

/**
 * The districts whose buildings or totals the Change altered (read after the write): where each building it
 * put or deleted lay and lies, and where the building of each housing unit it put or deleted lies.
 */
function buildingDistrictIds(db: Db, stored: Entities, written: Entities, change: Change): number[] {
  const select = db.$client.prepare("SELECT district_id FROM buildings WHERE id = ?");
  const districtOfBuilding = (id: number): number | null => {
    const building = written.get(entityKey("building", id)) ?? stored.get(entityKey("building", id));
    if (building?.type === "building") return building.districtId;
    return (select.get(id) as { district_id: number | null } | undefined)?.district_id ?? null;
  };
  const ids = new Set<number>();
  for (const ref of touchedRefs(change)) {
    for (const e of [stored.get(entityKey(ref.type, ref.id)), written.get(entityKey(ref.type, ref.id))]) {
      const districtId = e?.type === "building" ? e.districtId : e?.type === "housing_unit" ? districtOfBuilding(e.buildingId) : null;
      if (districtId !== null) ids.add(districtId);
    }
  }
  return [...ids];
}

/** Where buildings may change district or small area: old and new bboxes of every area whose place moved. */
function movedRegions(stored: Entities, next: Entities, change: Change): Bbox[] {
  const regions: Bbox[] = [];
  for (const ref of touchedRefs(change)) {
    if (!AREA_TYPES.has(ref.type)) continue;
    const before = stored.get(entityKey(ref.type, ref.id));
    const after = next.get(entityKey(ref.type, ref.id));
    const where = (e?: EditableEntity) => (isArea(e) ? JSON.stringify([e.geometry, e.type === "small_area" ? [e.districtId, e.isVirtual] : null]) : null);
    if (where(before) === where(after)) continue;
    for (const e of [before, after]) if (isArea(e) && e.geometry) regions.push(bboxOfGeometry(e.geometry));
  }
  return regions;
}

/**
 * Writes the rows in an order the foreign keys and unique indexes accept — units and buildings leave before
 * the areas, areas are written before the buildings that are placed in them, buildings before their units —
 * and logs one row per entity. Each building put is placed first (district and small area derived from its
 * point, `next` updated), so that the log and the answer hold where it lies.
 */
function writeRows(db: Db, change: Change, stored: Entities, next: Entities, log: (op: "put" | "delete", key: string, baseVersion: number | null) => void): void {
  const deletes = (type: EntityRef["type"]) => change.deletes.filter((d) => d.type === type);
  const puts = (type: EntityRef["type"]) => change.puts.filter((p) => p.entity.type === type);
  const write = (put: Change["puts"][number]) => {
    const key = entityKey(put.entity.type, put.entity.id);
    writeEntityRow(db, next.get(key)!, stored.has(key));
  };
  for (const del of [...deletes("housing_unit"), ...deletes("building")]) deleteEntityRow(db, del);
  for (const del of deletes("small_area")) {
    detachSmallArea(db, del.id);
    deleteEntityRow(db, del);
  }
  parkCodes(db, change.puts.filter((p) => {
    const old = stored.get(entityKey(p.entity.type, p.entity.id));
    return isArea(old) && isArea(p.entity) && old.code !== p.entity.code;
  }).map((p) => p.entity));
  [...puts("district"), ...puts("small_area")].forEach(write);
  for (const del of deletes("district")) {
    detachDistrict(db, del.id);
    deleteEntityRow(db, del);
  }
  for (const put of puts("building")) {
    const key = entityKey("building", put.entity.id);
    const building = next.get(key);
    const old = stored.get(key);
    if (building?.type !== "building") continue;
    next.set(key, { ...building, ...locateBuilding(db, building.geometry, old?.type === "building" ? old.smallAreaId : null) });
    write(put);
  }
  puts("housing_unit").forEach(write);
  for (const del of change.deletes) log("delete", entityKey(del.type, del.id), del.baseVersion);
  for (const put of change.puts) log("put", entityKey(put.entity.type, put.entity.id), put.baseVersion);
}

function writeInTransaction(db: Db, input: Change, userId: number | null, options: WriteChangeOptions): WrittenChange {
  checkChangeShape(input);
  const { change: withIds, idMap } = assignRealIds(db, input);
  const snapshot = loadEditEntities(db, touchedRefs(withIds));
  const stored = byKey(snapshot);
  // an edit never sets a status; reshaping a signed-off small area sends it back to draft (issue #6)
  const { change, reopened } = applyStatusRule(withIds, stored);
  checkPermission(stored, change, options.canEdit);
  const applied = applyChange(snapshot, change);
  if (!applied.ok) throw refusalOf(applied, stored);
  checkChangeRules(db, change);

  const next = byKey(applied.next);
  // a Change of buildings and housing units alone cannot alter the partition: no check before
  const areasChanged = touchedRefs(change).some((r) => AREA_TYPES.has(r.type));
  const districtIds = areasChanged ? affectedDistrictIds(stored, next, change) : [];
  const districtLevel = touchedRefs(change).some((r) => r.type === "district");
  const before = areasChanged ? checkEditedDistricts(db, districtIds, { buildings: false, districtLevel }) : [];

  const changeId = randomUUID();
  writeRows(db, change, stored, next, (op, key, baseVersion) => {
    const [entityType, id] = key.split("/");
    const entityId = Number(id);
    appendChangeLog(db, { changeId, userId, label: change.label, entityType, entityId, op, baseVersion, before: stored.get(key) ?? null, after: op === "put" ? next.get(key) : null });
  });
  recordReopened(db, reopened, userId);
  reassignBuildings(db, movedRegions(stored, next, change));
  checkHousingUnitAreas(db, change);

  const issues = areasChanged ? checkEditedDistricts(db, districtIds, { buildings: true, districtLevel }) : [];
  if (areasChanged) refuseWorseCoverage(db, before, issues);
  const written = byKey(loadEditEntities(db, change.puts.map((p) => p.entity)));
  const buildingDistricts = buildingDistrictIds(db, stored, written, change).filter((id) => !districtIds.includes(id));
  issues.push(...checkEditedDistricts(db, buildingDistricts, { buildings: true, districtLevel: false }));

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
 * one change-log row per entity, buildings placed (a building put: district and small area derived from its
 * point, its version not bumped for that) and re-assigned, and the touched districts re-checked: a Change that
 * adds overlap, ground outside the district or district overlap is refused (422); a Change of buildings and
 * housing units alone costs no partition check, only the check of its buildings' districts it returns.
 * A small area's status is never taken from the Change (`applyStatusRule`): reshaping an approved, confirmed
 * or ready area makes it a draft again, with a `reopen` review event.
 * Throws `WriteRefused`; on any refusal nothing is written.
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
