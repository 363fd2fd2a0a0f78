/**
 * Permission per record: the seam the edit write asks about every entity it touches (DESIGN.md "How one edit
 * flows", step 4). There are no sign-ins yet; issue #6 adds users, roles and assignments and fills in
 * `getCurrentEditor` (from the session) and `canEditEntity` (e.g. a mapper edits the districts assigned to
 * them and their small areas; a guide confirms but does not redraw; auditors only read). Buildings and
 * housing units come through the same seam; housing units hold confidential census data (issue #5), so the
 * rule for them is also who may see them.
 */
import type { UserRole } from "@/lib/domain/types";
import type { EditableEntity } from "@/lib/edits/types";

/** The person sending an edit, as the permission rules need them. */
export interface Editor {
  id: number;
  role: UserRole;
}

/** Used by the edit server action and POST /api/edits: who is editing; null while there are no sign-ins (issue #6). */
export async function getCurrentEditor(): Promise<Editor | null> {
  return null;
}

/**
 * Used by the edit write, once for each stored entity a Change touches and once for each new state it puts:
 * may `editor` change this record? Today every edit is allowed — there is no user system, so there is no one
 * to refuse (null editor), and no rule yet for a signed-in one. Issue #6 replaces the body; a refusal becomes
 * a 403 `forbidden` naming the record, and nothing of the Change is written.
 */
export function canEditEntity(editor: Editor | null, entity: EditableEntity): boolean {
  void editor;
  void entity;
  return true;
}
