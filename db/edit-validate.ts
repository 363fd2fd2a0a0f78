/**
 * The rules the edit write checks before it writes anything, each refusal naming the place in the Change
 * (`puts[2].entity.code`, `deletes[0]`). Geometry rules come from the coverage checks (lib/coverage/validity);
 * building and housing-unit fields from lib/edits/building-rules (the ops refuse the same). Refusals name
 * places only, never values: housing-unit details and household counts are confidential.
 */
import { checkGeometryValidity, type GeometryProblem } from "@/lib/coverage/validity";
import { isDistrictCode, isSmallAreaCode } from "@/lib/domain/codes";
import { buildingFieldsRefusal, buildingGeometryRefusal, housingUnitFieldsRefusal } from "@/lib/edits/building-rules";
import type { Refusal, RefusalReason } from "@/lib/edits/refusals";
import type { BuildingEntity, Change, DistrictEntity, EditableEntity, HousingUnitEntity, SmallAreaEntity } from "@/lib/edits/types";
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

/** A refusal of the shared field rules, placed inside the Change. */
const placed = (refusal: Refusal, place: string) => invalid(`${place}.${refusal.place}`, refusal.reason, refusal.at);

function checkGeometry(entity: EditableEntity, place: string): void {
  if (entity.type === "housing_unit") return;
  if (entity.type === "building") {
    const refusal = buildingGeometryRefusal(entity.geometry);
    if (refusal) throw placed(refusal, place);
    return;
  }
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

/** Whether an entity of `type` exists once the Change is written: put by it, or stored and not deleted by it. */
function existsAfter(db: Db, change: Change, type: "building" | "small_area", id: number): boolean {
  if (change.puts.some((p) => p.entity.type === type && p.entity.id === id)) return true;
  if (change.deletes.some((d) => d.type === type && d.id === id)) return false;
  return exists(db, `SELECT 1 FROM ${type === "building" ? "buildings" : "small_areas"} WHERE id = ?`, id);
}

function checkBuildingPut(building: BuildingEntity, place: string): void {
  const refusal = buildingFieldsRefusal(building);
  if (refusal) throw placed(refusal, place);
}

function checkHousingUnitPut(db: Db, change: Change, unit: HousingUnitEntity, place: string): void {
  const refusal = housingUnitFieldsRefusal(unit);
  if (refusal) throw placed(refusal, place);
  if (!existsAfter(db, change, "building", unit.buildingId)) throw new WriteRefused(404, "not_found", entityKey("building", unit.buildingId));
  if (unit.smallAreaId !== null && !existsAfter(db, change, "small_area", unit.smallAreaId)) throw invalid(`${place}.smallAreaId`);
}

/** A deleted building takes its units along in the same Change (so that undo brings them back, and the log has them). */
function checkBuildingDelete(db: Db, change: Change, id: number, place: string): void {
  const deletedUnits = JSON.stringify(change.deletes.filter((d) => d.type === "housing_unit").map((d) => d.id));
  const kept = change.puts.some((p) => p.entity.type === "housing_unit" && p.entity.buildingId === id);
  if (kept || exists(db, "SELECT 1 FROM housing_units WHERE building_id = ? AND id NOT IN (SELECT value FROM json_each(?))", id, deletedUnits)) throw invalid(place);
}

/**
 * Used by the edit write after the rows are written (buildings then lie where the write derived): a housing
 * unit assigned to a small area must be assigned to one of its building's district (a large building split
 * across small areas, collective quarters in a virtual small area); 422 naming `puts[i].entity.smallAreaId`.
 */
export function checkHousingUnitAreas(db: Db, change: Change): void {
  const select = db.$client.prepare("SELECT sa.district_id AS area_district, b.district_id AS building_district FROM small_areas sa, buildings b WHERE sa.id = ? AND b.id = ?");
  change.puts.forEach(({ entity }, i) => {
    if (entity.type !== "housing_unit" || entity.smallAreaId === null) return;
    const row = select.get(entity.smallAreaId, entity.buildingId) as { area_district: number; building_district: number | null } | undefined;
    if (!row || row.building_district === null || row.area_district !== row.building_district) throw invalid(`puts[${i}].entity.smallAreaId`);
  });
}

/**
 * Used by the edit write after the version checks (ids are real by then): every put's geometry is valid
 * (virtual small areas have none), codes have their form and are free (districts: 12 digits under their
 * township; small areas: 3 digits, unique in their district), building and housing-unit fields follow their
 * rules, references exist after the Change (a unit's building: 404; the small area it is assigned to: 422),
 * a deleted district keeps no small area and a deleted building no housing unit.
 */
export function checkChangeRules(db: Db, change: Change): void {
  const touchedIds = (type: EditableEntity["type"]) =>
    JSON.stringify([...change.puts.filter((p) => p.entity.type === type).map((p) => p.entity.id), ...change.deletes.filter((d) => d.type === type).map((d) => d.id)]);
  const touched = { district: touchedIds("district"), small_area: touchedIds("small_area") };
  change.puts.forEach(({ entity }, i) => {
    const place = `puts[${i}].entity`;
    checkGeometry(entity, place);
    if (entity.type === "district") checkDistrictPut(db, change, entity, place, touched.district);
    else if (entity.type === "small_area") checkSmallAreaPut(db, change, entity, place, touched.small_area);
    else if (entity.type === "building") checkBuildingPut(entity, place);
    else checkHousingUnitPut(db, change, entity, place);
  });
  change.deletes.forEach((del, j) => {
    if (del.type === "building") checkBuildingDelete(db, change, del.id, `deletes[${j}]`);
    if (del.type !== "district") return;
    const kept = change.puts.some((p) => p.entity.type === "small_area" && p.entity.districtId === del.id);
    if (kept || exists(db, "SELECT 1 FROM small_areas WHERE district_id = ? AND id NOT IN (SELECT value FROM json_each(?))", del.id, touched.small_area)) {
      throw invalid(`deletes[${j}]`, "district_not_empty");
    }
  });
}
