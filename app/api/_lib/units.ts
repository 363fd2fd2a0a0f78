/**
 * Housing units are confidential (DESIGN.md: boundaries may be shared, units may not; issue #6): the routes
 * that carry them (GET /api/buildings/{id}, GET /api/edits/snapshot) keep only the units the person may read
 * (`read_units` on the unit's place: its building's district and township, the small area it counts in) and
 * audit every view of the ones they send.
 */
import type { Db } from "@/db/client";
import { loadAssignment, placeOf, scopeOf, type Actor, type Place } from "@/db/access";
import { appendAudit } from "@/db/audit";
import { can } from "@/lib/domain/permissions";
import type { HousingUnitEntity } from "@/lib/edits/types";

/** The units `actor` may read, and whether any were left out. */
export interface ReadableUnits {
  units: HousingUnitEntity[];
  hidden: boolean;
}

/** Used by the routes above: keeps the units of `units` that `actor` may read (one assignment load, one place per building). */
export function readableUnits(db: Db, actor: Actor, units: readonly HousingUnitEntity[]): ReadableUnits {
  if (units.length === 0) return { units: [], hidden: false };
  const assignment = loadAssignment(db, actor.id);
  const buildingPlaces = new Map<number, Place | null>();
  const kept = units.filter((unit) => {
    if (!buildingPlaces.has(unit.buildingId)) buildingPlaces.set(unit.buildingId, placeOf(db, { type: "building", id: unit.buildingId }));
    const building = buildingPlaces.get(unit.buildingId);
    // a unit whose building is gone lies nowhere: outside every assignment
    if (!building) return can(actor.role, "read_units", "outside");
    const place: Place = { ...building, smallAreaId: unit.smallAreaId ?? building.smallAreaId };
    return can(actor.role, "read_units", scopeOf(actor, assignment, place));
  });
  return { units: kept, hidden: kept.length < units.length };
}

/**
 * Used by the routes above once per request that sends units: appends `units.view` naming the record the units
 * were read through (a building, or the editor's snapshot) and how many were sent (a count, never a value).
 */
export function auditUnitsView(db: Db, actor: Actor, target: { type: string; id: number | string | null }, count: number, ip: string | null): void {
  appendAudit(db, { actor, action: "units.view", targetType: target.type, targetId: target.id, detail: `${count} housing units`, ip });
}
