/**
 * The rules the edit write checks before it writes anything, each refusal naming the place in the Change
 * (`puts[2].entity.code`, `deletes[0]`). Geometry rules come from the coverage checks (lib/coverage/validity).
 */
import { checkGeometryValidity, type GeometryProblem } from "@/lib/coverage/validity";
import { isDistrictCode, isSmallAreaCode } from "@/lib/domain/codes";
import type { RefusalReason } from "@/lib/edits/refusals";
import type { Change, DistrictEntity, EditableEntity, SmallAreaEntity } from "@/lib/edits/types";
import type { Db } from "./client";
import { entityKey } from "./edit-rows";
import { WriteRefused } from "./mutations";

const invalid = (place: string, reason: RefusalReason = "invalid", at?: [number, number]) => new WriteRefused(422, reason, place, undefined, at);

/**
 * Used first by the edit write: rules of the Change itself — each entity appears once; ids are non-zero
 * integers, negative (temporary) only in creates (`baseVersion` null); an update's entity carries the
 * version it is based on (the stored version becomes `version + 1`, as applyChange computes it).
 */
export function checkChangeShape(change: Change): void {
  const seen = new Set<string>();
  const once = (key: string, place: string) => {
    if (seen.has(key)) throw invalid(place);
    seen.add(key);
  };
  change.deletes.forEach((del, j) => {
    if (!Number.isSafeInteger(del.id) || del.id <= 0) throw invalid(`deletes[${j}].id`);
    once(entityKey(del.type, del.id), `deletes[${j}]`);
  });
  change.puts.forEach((put, i) => {
    const { id, version } = put.entity;
    if (!Number.isSafeInteger(id) || id === 0) throw invalid(`puts[${i}].entity.id`);
    if (id < 0 && put.baseVersion !== null) throw invalid(`puts[${i}].baseVersion`);
    if (!Number.isSafeInteger(version) || version < 0) throw invalid(`puts[${i}].entity.version`);
    if (put.baseVersion !== null && version !== put.baseVersion) throw invalid(`puts[${i}].entity.version`);
    once(entityKey(put.entity.type, id), `puts[${i}].entity.id`);
  });
}

const PROBLEM_REASON: Record<GeometryProblem["rule"], RefusalReason> = {
  non_finite: "invalid_coordinates",
  out_of_range: "invalid_coordinates",
  too_few_positions: "too_few_vertices",
  self_intersection: "self_intersection",
  not_closed: "invalid",
  wrong_type: "invalid",
};

function checkGeometry(entity: EditableEntity, place: string): void {
  const virtual = entity.type === "small_area" && entity.isVirtual;
  if (virtual) {
    if (entity.geometry !== null) throw invalid(`${place}.geometry`);
    return;
  }
  const [problem] = checkGeometryValidity(entity.geometry);
  if (problem) throw invalid(`${place}.geometry.${problem.place}`, PROBLEM_REASON[problem.rule], problem.at ?? undefined);
}

function exists(db: Db, sql: string, ...params: unknown[]): boolean {
  return db.$client.prepare(sql).get(...params) !== undefined;
}

function checkDistrictPut(db: Db, change: Change, district: DistrictEntity, place: string, touched: string): void {
  const township = db.$client.prepare("SELECT code FROM admin_units WHERE id = ? AND level = 'township'").get(district.townshipId) as { code: string } | undefined;
  if (!township) throw invalid(`${place}.townshipId`);
  if (!isDistrictCode(district.code) || !district.code.startsWith(township.code)) throw invalid(`${place}.code`, "bad_code");
  const twin = change.puts.some((p) => p.entity !== district && p.entity.type === "district" && p.entity.code === district.code);
  if (twin || exists(db, "SELECT 1 FROM districts WHERE code = ? AND id NOT IN (SELECT value FROM json_each(?))", district.code, touched)) {
    throw invalid(`${place}.code`, "code_taken");
  }
}

function checkSmallAreaPut(db: Db, change: Change, area: SmallAreaEntity, place: string, touched: string): void {
  if (!isSmallAreaCode(area.code, area.isVirtual)) throw invalid(`${place}.code`, "bad_code");
  const districtPut = change.puts.some((p) => p.entity.type === "district" && p.entity.id === area.districtId);
  const districtDeleted = change.deletes.some((d) => d.type === "district" && d.id === area.districtId);
  if (districtDeleted || (!districtPut && !exists(db, "SELECT 1 FROM districts WHERE id = ?", area.districtId))) {
    throw new WriteRefused(404, "not_found", entityKey("district", area.districtId));
  }
  const twin = change.puts.some((p) => p.entity !== area && p.entity.type === "small_area" && p.entity.districtId === area.districtId && p.entity.code === area.code);
  const sql = "SELECT 1 FROM small_areas WHERE district_id = ? AND code = ? AND id NOT IN (SELECT value FROM json_each(?))";
  if (twin || exists(db, sql, area.districtId, area.code, touched)) throw invalid(`${place}.code`, "code_taken");
}

/**
 * Used by the edit write after the version checks (ids are real by then): every put's geometry is valid
 * (virtual small areas have none), codes have their form and are free (districts: 12 digits under their
 * township; small areas: 3 digits, unique in their district), references exist after the Change, and a
 * deleted district keeps no small area.
 */
export function checkChangeRules(db: Db, change: Change): void {
  const touchedIds = (type: EditableEntity["type"]) =>
    JSON.stringify([...change.puts.filter((p) => p.entity.type === type).map((p) => p.entity.id), ...change.deletes.filter((d) => d.type === type).map((d) => d.id)]);
  const touched = { district: touchedIds("district"), small_area: touchedIds("small_area") };
  change.puts.forEach(({ entity }, i) => {
    const place = `puts[${i}].entity`;
    checkGeometry(entity, place);
    if (entity.type === "district") checkDistrictPut(db, change, entity, place, touched.district);
    else checkSmallAreaPut(db, change, entity, place, touched.small_area);
  });
  change.deletes.forEach((del, j) => {
    if (del.type !== "district") return;
    const kept = change.puts.some((p) => p.entity.type === "small_area" && p.entity.districtId === del.id);
    if (kept || exists(db, "SELECT 1 FROM small_areas WHERE district_id = ? AND id NOT IN (SELECT value FROM json_each(?))", del.id, touched.small_area)) {
      throw invalid(`deletes[${j}]`, "district_not_empty");
    }
  });
}
