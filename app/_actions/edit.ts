"use server";

import { getDb } from "@/db/client";
import { currentUser, requestIp } from "@/app/_lib/session";
import { previewEdit as previewSubmittedEdit, submitEdit, type EditResult, type PreviewResult } from "@/app/_lib/submit-edit";

export type { EditResult, PreviewResult };

/**
 * Server action of the boundary editor, one call per gesture (and per undo or redo, which send the inverse
 * Change): validates the Change, writes it in one transaction and returns the stored entities, the inverse
 * and the touched districts' coverage issues — or the refusal (403, 404, 409 with `current`, 422 naming the
 * place). Bad input is a refusal, never a thrown 500.
 */
export async function applyEdit(input: unknown): Promise<EditResult> {
  return submitEdit(getDb(), input, await currentUser(), await requestIp());
}

/**
 * Server action of the split preview: what the Change would make of the small areas it puts (households,
 * persons, buildings, size class), without writing anything; refusals as {@link applyEdit} gives them.
 */
export async function previewEdit(input: unknown): Promise<PreviewResult> {
  return previewSubmittedEdit(getDb(), input, await currentUser());
}
