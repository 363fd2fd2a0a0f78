"use server";

import { getDb } from "@/db/client";
import { getCurrentEditor } from "@/app/_lib/permission";
import { submitEdit, type EditResult } from "@/app/_lib/submit-edit";

export type { EditResult };

/**
 * Server action of the boundary editor, one call per gesture (and per undo or redo, which send the inverse
 * Change): validates the Change, writes it in one transaction and returns the stored entities, the inverse
 * and the touched districts' coverage issues — or the refusal (403, 404, 409 with `current`, 422 naming the
 * place). Bad input is a refusal, never a thrown 500.
 */
export async function applyEdit(input: unknown): Promise<EditResult> {
  return submitEdit(getDb(), input, await getCurrentEditor());
}
