/**
 * Where a record lies relative to a person's assignment (issue #6): the `scope` that `can` in
 * `lib/domain/permissions.ts` needs. Mappers and guides are assigned districts, enumerators small areas,
 * a township office its townships (an office with none is the county office: inside everywhere); admins and
 * auditors are inside everywhere. Every server action and route asks `authorize` before reading or writing.
 */
import { eq, inArray } from "drizzle-orm";
import { can, canEver, type Action, type Scope } from "@/lib/domain/permissions";
import type { UserRole } from "@/lib/domain/types";
import type { Db } from "./client";
import { assignments, buildings, districts, housingUnits, smallAreas } from "./schema";

/** The person asking, as far as permission needs them. */
export interface Actor {
  id: number;
  username: string;
  role: UserRole;
}

/** A record a permission is asked about; `null` means a whole function (users, audit log, dashboard). */
export type Target =
  | { type: "district"; id: number }
  | { type: "small_area"; id: number }
  | { type: "building"; id: number }
  | { type: "housing_unit"; id: number }
  | { type: "township"; id: number }
  | null;

/** A person's assignment: ids of districts, small areas and townships. */
export interface Assignment {
  districtIds: Set<number>;
  smallAreaIds: Set<number>;
  townshipIds: Set<number>;
}

/** Used once per request by `authorize` (and the pages that list "my areas"): the person's assignment. */
export function loadAssignment(db: Db, userId: number): Assignment {
  const rows = db.select().from(assignments).where(eq(assignments.userId, userId)).all();
  return {
    districtIds: new Set(rows.flatMap((r) => (r.districtId !== null ? [r.districtId] : []))),
    smallAreaIds: new Set(rows.flatMap((r) => (r.smallAreaId !== null ? [r.smallAreaId] : []))),
    townshipIds: new Set(rows.flatMap((r) => (r.adminUnitId !== null ? [r.adminUnitId] : []))),
  };
}

/** Where a record sits in the hierarchy (what the scope rules need), or null when it does not exist. */
export interface Place {
  townshipId: number | null;
  districtId: number | null;
  smallAreaId: number | null;
}

/** Used by `authorize`: the township, district and small area of a record. */
export function placeOf(db: Db, target: Exclude<Target, null>): Place | null {
  switch (target.type) {
    case "township":
      return { townshipId: target.id, districtId: null, smallAreaId: null };
    case "district": {
      const row = db.select({ townshipId: districts.townshipId }).from(districts).where(eq(districts.id, target.id)).get();
      return row ? { townshipId: row.townshipId, districtId: target.id, smallAreaId: null } : null;
    }
    case "small_area": {
      const row = db
        .select({ districtId: smallAreas.districtId, townshipId: districts.townshipId })
        .from(smallAreas)
        .innerJoin(districts, eq(districts.id, smallAreas.districtId))
        .where(eq(smallAreas.id, target.id))
        .get();
      return row ? { townshipId: row.townshipId, districtId: row.districtId, smallAreaId: target.id } : null;
    }
    case "building": {
      const row = db.select({ districtId: buildings.districtId, smallAreaId: buildings.smallAreaId }).from(buildings).where(eq(buildings.id, target.id)).get();
      if (!row) return null;
      const district = row.districtId === null ? undefined : db.select({ townshipId: districts.townshipId }).from(districts).where(eq(districts.id, row.districtId)).get();
      return { townshipId: district?.townshipId ?? null, districtId: row.districtId, smallAreaId: row.smallAreaId };
    }
    case "housing_unit": {
      const row = db.select({ buildingId: housingUnits.buildingId, smallAreaId: housingUnits.smallAreaId }).from(housingUnits).where(eq(housingUnits.id, target.id)).get();
      if (!row) return null;
      const building = placeOf(db, { type: "building", id: row.buildingId });
      return building && { ...building, smallAreaId: row.smallAreaId ?? building.smallAreaId };
    }
  }
}

/** Used by `authorize` and by writes that know the place already: is `place` inside `actor`'s assignment? */
export function scopeOf(actor: Actor, assignment: Assignment, place: Place): Scope {
  switch (actor.role) {
    case "admin":
    case "auditor":
      return "inside";
    case "office":
      if (assignment.townshipIds.size === 0) return "inside";
      return place.townshipId !== null && assignment.townshipIds.has(place.townshipId) ? "inside" : "outside";
    case "mapper":
    case "guide":
      return place.districtId !== null && assignment.districtIds.has(place.districtId) ? "inside" : "outside";
    case "enumerator":
      return place.smallAreaId !== null && assignment.smallAreaIds.has(place.smallAreaId) ? "inside" : "outside";
  }
}

/**
 * Used by every server action and route before it reads or writes: may `actor` do `action` on `target`?
 * A target that does not exist is "outside" (so a guessed id is refused, not revealed). With a null target it
 * asks whether the role has the function at all (the users page, the audit log, the dashboard); the records it
 * then touches are asked about one by one. Pass `assignment` when asking many times in one request.
 */
export function authorize(db: Db, actor: Actor, action: Action, target: Target, assignment?: Assignment): boolean {
  if (target === null) return canEver(actor.role, action);
  const place = placeOf(db, target);
  if (!place) return can(actor.role, action, "outside");
  return can(actor.role, action, scopeOf(actor, assignment ?? loadAssignment(db, actor.id), place));
}

/** Used by "my areas" lists (guide view, enumerator): the small areas of the districts or areas assigned. */
export function assignedSmallAreaIds(db: Db, assignment: Assignment): number[] {
  const inDistricts = assignment.districtIds.size
    ? db.select({ id: smallAreas.id }).from(smallAreas).where(inArray(smallAreas.districtId, [...assignment.districtIds])).all().map((r) => r.id)
    : [];
  return [...new Set([...inDistricts, ...assignment.smallAreaIds])].sort((a, b) => a - b);
}
