/**
 * The field rules of buildings and housing units, shared by the ops (which refuse before anything is sent)
 * and the edit write (which refuses the same things, naming `puts[i].entity.<field>`). Places are field names
 * only: housing-unit details and household counts are confidential and never go into a refusal.
 */
import type { Point, Polygon, Position } from "geojson";
import { checkGeometryValidity } from "@/lib/coverage/validity";
import { BUILDING_USES, HOUSING_UNIT_STATUSES } from "@/lib/domain/types";
import { ringCentroid } from "@/lib/geo/ring-centroid";
import { refuse, type Refusal } from "./refusals";
import type { BuildingEntity, HousingUnitEntity } from "./types";

/** Floors a building may have. */
export const MIN_FLOORS = 1;
export const MAX_FLOORS = 200;
/** Most units one quick entry (fillHousingUnits) adds, and most housing-unit puts one Change may carry. */
export const MAX_FILL_UNITS = 2000;
/** Longest unit number, entrance, name and notes. */
export const MAX_UNIT_NUMBER_LENGTH = 20;
export const MAX_NAME_LENGTH = 100;
export const MAX_NOTES_LENGTH = 2000;
/** Lowest and highest floor a unit may be on (basements are negative). */
export const MIN_UNIT_FLOOR = -10;

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** Used by the ops and the write: a lon/lat position that is finite and in range. */
export function isValidPosition(p: Position | undefined): boolean {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
}

/**
 * Used by the ops and the write: the first rule a building's geometry breaks — a Point with a valid position,
 * or a Polygon footprint valid by the coverage rules — with its place inside the geometry, else null.
 */
export function buildingGeometryRefusal(geometry: Point | Polygon | null | undefined): Refusal | null {
  if (geometry?.type === "Point") return isValidPosition(geometry.coordinates) ? null : refuse("invalid_coordinates", "geometry.coordinates");
  if (geometry?.type !== "Polygon") return refuse("invalid", "geometry.type");
  const [problem] = checkGeometryValidity(geometry);
  if (!problem) return null;
  const reason = problem.rule === "non_finite" || problem.rule === "out_of_range" ? "invalid_coordinates"
    : problem.rule === "too_few_positions" ? "too_few_vertices"
    : problem.rule === "self_intersection" ? "self_intersection" : "invalid";
  return refuse(reason, `geometry.${problem.place}`, problem.at ?? undefined);
}

/**
 * Used to place a building (client-side derivation, the server's re-derivation, the move op): a Point as is,
 * a footprint by the centroid of its outer ring — the same point the coverage check assigns it by.
 */
export function buildingAnchor(geometry: Point | Polygon): Position {
  return geometry.type === "Point" ? geometry.coordinates : ringCentroid(geometry.coordinates[0]);
}

const tooLong = (text: string | null, max: number) => text !== null && text.length > max;

/**
 * Used by the ops and the write: the first attribute rule a building breaks — use one of BUILDING_USES,
 * floors an integer 1..200, texts not too long, and no name for a restricted use (military, prison: the
 * unit's name is not recorded) — naming the field, else null.
 */
export function buildingFieldsRefusal(b: Pick<BuildingEntity, "use" | "name" | "nameEn" | "floors" | "notes" | "number">): Refusal | null {
  if (!(BUILDING_USES as readonly string[]).includes(b.use)) return refuse("invalid", "use");
  if (!Number.isSafeInteger(b.floors) || b.floors < MIN_FLOORS || b.floors > MAX_FLOORS) return refuse("invalid", "floors");
  if (b.number !== null && !(Number.isSafeInteger(b.number) && b.number > 0)) return refuse("invalid", "number");
  if (tooLong(b.name, MAX_NAME_LENGTH) || (b.use === "restricted" && b.name)) return refuse("invalid", "name");
  if (tooLong(b.nameEn, MAX_NAME_LENGTH) || (b.use === "restricted" && b.nameEn)) return refuse("invalid", "nameEn");
  if (tooLong(b.notes, MAX_NOTES_LENGTH)) return refuse("invalid", "notes");
  return null;
}

/**
 * Used by the ops and the write: the first attribute rule a housing unit breaks — a unit number, a whole
 * floor (−10..200) or none, status one of HOUSING_UNIT_STATUSES, households and persons whole numbers ≥ 0,
 * and no household in a vacant unit (a unit whose household is away, 全户外出, keeps its households and may
 * count 0 persons) — naming the field, else null. Which small area an override names is checked where the
 * areas are known (op: the snapshot; write: the database).
 */
export function housingUnitFieldsRefusal(u: Pick<HousingUnitEntity, "unitNumber" | "floor" | "entrance" | "status" | "households" | "persons">): Refusal | null {
  if (typeof u.unitNumber !== "string" || !u.unitNumber.trim() || u.unitNumber.length > MAX_UNIT_NUMBER_LENGTH) return refuse("invalid", "unitNumber");
  if (u.floor !== null && !(Number.isSafeInteger(u.floor) && u.floor >= MIN_UNIT_FLOOR && u.floor <= MAX_FLOORS)) return refuse("invalid", "floor");
  if (tooLong(u.entrance, MAX_UNIT_NUMBER_LENGTH)) return refuse("invalid", "entrance");
  if (!(HOUSING_UNIT_STATUSES as readonly string[]).includes(u.status)) return refuse("invalid", "status");
  if (!isCount(u.households)) return refuse("invalid", "households");
  if (!isCount(u.persons)) return refuse("invalid", "persons");
  if (u.status === "vacant" && u.households !== 0) return refuse("invalid", "households");
  return null;
}
