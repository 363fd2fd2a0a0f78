import type { HousingUnitStatus } from "@/lib/domain/types";
import { housingUnitFieldsRefusal, MAX_FILL_UNITS, MAX_FLOORS } from "../building-rules";
import { refuse, type OpResult } from "../refusals";
import { findBuilding, findHousingUnit, findSmallArea, housingUnitsOf } from "../snapshot";
import type { Change, EditSnapshot, HousingUnitEntity } from "../types";
import { deleteOf, putCreate, putUpdate, temporaryIds } from "./entity-changes";

/**
 * The housing-unit ops (住房单元, listing 摸底): quick entry of many units, editing one unit's exceptions, and
 * deleting one. Refusals name fields only: unit details and household counts are confidential.
 */

/** Trimmed text, or null for empty. */
const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** The quick entry "12 units, all occupied, 1 household each". */
export interface FillHousingUnitsInput {
  buildingId: number;
  /** how many units to add, 1..2000 */
  count: number;
  /** every new unit's status; occupied when left out */
  status?: HousingUnitStatus;
  /** households in each new unit (0 for vacant units) */
  households: number;
  /** persons in each new unit; 0 when left out (counted later) */
  personsPerUnit?: number;
  /** number the units by floor ("101, 102, …, 201, …") over this many floors instead of "1, 2, 3, …" */
  floors?: number;
  /** every new unit's entrance (单元), e.g. "1" */
  entrance?: string | null;
}

const INTEGER_NUMBER = /^\d+$/;

/** Plain numbers: after the highest whole-number unit number the building has. */
function plainNumbers(existing: readonly HousingUnitEntity[], count: number): Array<{ unitNumber: string; floor: number | null }> {
  const highest = existing.reduce((max, u) => (INTEGER_NUMBER.test(u.unitNumber) ? Math.max(max, Number(u.unitNumber)) : max), 0);
  return Array.from({ length: count }, (_, k) => ({ unitNumber: String(highest + 1 + k), floor: null }));
}

/**
 * Numbers by floor: `count` units spread evenly upwards over `floors` floors (⌈count / floors⌉ a floor, the
 * top floors may get fewer), numbered floor × 100 + index ("101", "102", "201", …), each floor continuing
 * after the units already numbered on it; null when a floor would need more than 99 numbers.
 */
function floorNumbers(existing: readonly HousingUnitEntity[], count: number, floors: number): Array<{ unitNumber: string; floor: number }> | null {
  const perFloor = Math.ceil(count / floors);
  const out: Array<{ unitNumber: string; floor: number }> = [];
  for (let k = 0; k < count; k++) {
    const floor = Math.floor(k / perFloor) + 1;
    const prefix = String(floor);
    const used = existing.reduce((max, u) => {
      const rest = u.floor === floor && u.unitNumber.startsWith(prefix) ? u.unitNumber.slice(prefix.length) : "";
      return rest.length === 2 && INTEGER_NUMBER.test(rest) ? Math.max(max, Number(rest)) : max;
    }, 0);
    const index = used + (k % perFloor) + 1;
    if (index > 99) return null;
    out.push({ unitNumber: `${prefix}${String(index).padStart(2, "0")}`, floor });
  }
  return out;
}

/**
 * Used by the quick entry of the building panel: adds `count` units (1..2000) to the building, each with the
 * same status, households and persons, after the units it has. Numbering: "1", "2", … continuing after the
 * highest whole-number unit number; with `floors`, by floor ("101, 102, …", see {@link floorNumbers}) with
 * `floor` set. Refused (`invalid`, naming the field): a count out of range, floors not 1..200 (or more than
 * 99 units on a floor: `count`), and the unit rules (a vacant unit has no household).
 */
export function fillHousingUnits(snapshot: EditSnapshot, input: FillHousingUnitsInput): OpResult<Change> {
  const building = findBuilding(snapshot, input.buildingId);
  if (!building) return refuse("not_found", `building/${input.buildingId}`);
  if (!Number.isSafeInteger(input.count) || input.count < 1 || input.count > MAX_FILL_UNITS) return refuse("invalid", "count");
  if (input.floors !== undefined && !(Number.isSafeInteger(input.floors) && input.floors >= 1 && input.floors <= MAX_FLOORS)) return refuse("invalid", "floors");
  const template = {
    status: input.status ?? "occupied", households: input.households, persons: input.personsPerUnit ?? 0, entrance: text(input.entrance),
  } as const;
  const refusal = housingUnitFieldsRefusal({ ...template, unitNumber: "1", floor: null });
  if (refusal) return refusal.place === "persons" ? { ...refusal, place: "personsPerUnit" } : refusal;
  const existing = housingUnitsOf(snapshot, building.id);
  const numbers = input.floors === undefined ? plainNumbers(existing, input.count) : floorNumbers(existing, input.count, input.floors);
  if (!numbers) return refuse("invalid", "count");
  const ids = temporaryIds(snapshot, input.count);
  const puts = numbers.map(({ unitNumber, floor }, k) =>
    putCreate({ type: "housing_unit", id: ids[k], version: 0, buildingId: building.id, smallAreaId: null, unitNumber, floor, ...template }),
  );
  return { ok: true, change: { label: "fill_housing_units", puts, deletes: [] } };
}

/** The fields the unit row of the panel saves; a field left out keeps its value. */
export type HousingUnitAttributes = Partial<Pick<HousingUnitEntity, "unitNumber" | "floor" | "entrance" | "status" | "households" | "persons" | "smallAreaId">>;

/**
 * Used when one unit is edited (the exceptions after a quick entry): number, floor, entrance, status,
 * households, persons, and the small area it counts in — null for where its building lies, or a small area
 * of the building's district (a large building split by floor or entrance, or collective quarters in a
 * virtual small area 900+). Refused (`invalid`, naming the field): the unit rules, and an assignment to a
 * small area outside the building's district (or not in the snapshot).
 */
export function editHousingUnit(snapshot: EditSnapshot, input: { id: number } & HousingUnitAttributes): OpResult<Change> {
  const unit = findHousingUnit(snapshot, input.id);
  if (!unit) return refuse("not_found", `housing_unit/${input.id}`);
  const next: HousingUnitEntity = {
    ...unit,
    unitNumber: input.unitNumber === undefined ? unit.unitNumber : input.unitNumber.trim(),
    floor: input.floor === undefined ? unit.floor : input.floor,
    entrance: input.entrance === undefined ? unit.entrance : text(input.entrance),
    status: input.status ?? unit.status,
    households: input.households ?? unit.households,
    persons: input.persons ?? unit.persons,
    smallAreaId: input.smallAreaId === undefined ? unit.smallAreaId : input.smallAreaId,
  };
  const refusal = housingUnitFieldsRefusal(next);
  if (refusal) return refusal;
  if (next.smallAreaId !== null) {
    const building = findBuilding(snapshot, unit.buildingId);
    const area = findSmallArea(snapshot, next.smallAreaId);
    if (!building || !area || building.districtId === null || area.districtId !== building.districtId) return refuse("invalid", "smallAreaId");
  }
  return { ok: true, change: { label: "edit_housing_unit", puts: [putUpdate(unit, next)], deletes: [] } };
}

/** Used when the user deletes one unit of a building's list. */
export function deleteHousingUnit(snapshot: EditSnapshot, input: { id: number }): OpResult<Change> {
  const unit = findHousingUnit(snapshot, input.id);
  if (!unit) return refuse("not_found", `housing_unit/${input.id}`);
  return { ok: true, change: { label: "delete_housing_unit", puts: [], deletes: [deleteOf(unit)] } };
}
