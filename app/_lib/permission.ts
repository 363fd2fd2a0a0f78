/**
 * Permission per record for the edit write (DESIGN.md "How one edit flows", step 4; issue #6). The write asks
 * `entityPermission` for every stored entity a Change touches and for every new state it puts; the answer comes
 * from the role table (`lib/domain/permissions.ts`) and the person's assignment (`db/access.ts`): a mapper
 * edits the districts assigned to them and their small areas, buildings and units; creating or deleting a
 * district needs an admin; guides, enumerators, the office and auditors do not redraw.
 */
import type { Db } from "@/db/client";
import { loadAssignment, placeOf, scopeOf, type Actor, type Assignment, type Place } from "@/db/access";
import { districts } from "@/db/schema";
import { can, canEver } from "@/lib/domain/permissions";
import type { EditableEntity } from "@/lib/edits/types";
import { eq } from "drizzle-orm";

/** The person sending an edit, as the permission rules need them. */
export type Editor = Actor;

/**
 * Used by the edit, preview and renumber paths: a `canEdit(entity)` for `editor` that loads their assignment
 * once. A null editor (nobody signed in) may edit nothing.
 */
export function entityPermission(db: Db, editor: Editor | null): (entity: EditableEntity, op?: "put" | "delete") => boolean {
  if (!editor) return () => false;
  let assignment: Assignment | null = null;
  const scope = (place: Place) =>
    scopeOf(editor, (assignment ??= loadAssignment(db, editor.id)), place);
  return (entity, op = "put") => {
    switch (entity.type) {
      case "district": {
        // districts are the office's structure: making or removing one is asked as of no district assigned
        const isNew = entity.version === 0 || entity.id < 0;
        if (isNew || op === "delete") return can(editor.role, isNew ? "create" : "delete", scope({ townshipId: entity.townshipId, districtId: null, smallAreaId: null }));
        return can(editor.role, "edit_shape", scope({ townshipId: entity.townshipId, districtId: entity.id, smallAreaId: null }));
      }
      case "small_area":
        return can(editor.role, "edit_shape", scope({ townshipId: townshipOf(db, entity.districtId), districtId: entity.districtId, smallAreaId: entity.id }));
      case "building":
        return can(editor.role, "edit_shape", scope({ townshipId: townshipOf(db, entity.districtId), districtId: entity.districtId, smallAreaId: entity.smallAreaId }));
      case "housing_unit": {
        // a unit of a building made in the same Change: the building's own put is asked about its place
        if (entity.buildingId < 0) return canEver(editor.role, "edit_units");
        const building = placeOf(db, { type: "building", id: entity.buildingId });
        if (!building) return canEver(editor.role, "edit_units");
        return can(editor.role, "edit_units", scope({ ...building, smallAreaId: entity.smallAreaId ?? building.smallAreaId }));
      }
    }
  };
}

function townshipOf(db: Db, districtId: number | null): number | null {
  if (districtId === null) return null;
  return db.select({ townshipId: districts.townshipId }).from(districts).where(eq(districts.id, districtId)).get()?.townshipId ?? null;
}
