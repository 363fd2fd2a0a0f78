/**
 * Renumbering a district from the UI, from unknown input to the result the panel reads: shared by the
 * renumber server actions, so that preview and apply refuse bad input the same way (4xx naming the place,
 * never a thrown 500).
 */
import { z } from "zod";
import type { Db } from "@/db/client";
import { WriteRefused } from "@/db/mutations";
import { applyRenumber, previewRenumber, type RenumberPreview } from "@/db/renumber";
import type { RefusalReason } from "@/lib/edits/refusals";
import { entityPermission, type Editor } from "./permission";

/** Most rows a preview sent back may list (a district holds a few thousand buildings at most). */
export const MAX_PREVIEW_ROWS = 100_000;

const districtCode = z.string().regex(/^\d{12}$/, "a district code is 12 digits");
const id = z.number().int().positive();
const code = z.string().regex(/^\d{3}$/, "a small-area code is 3 digits");
const previewSchema = z.object({
  smallAreas: z.array(z.object({ id, oldCode: z.string().max(20), newCode: code })).max(MAX_PREVIEW_ROWS),
  buildings: z.array(z.object({ id, smallAreaCode: code, oldNumber: z.number().int().nullable(), newNumber: z.number().int().positive() })).max(MAX_PREVIEW_ROWS),
});

/** A renumbering refused: HTTP-like status, the rule (translated under `edit.refusal.<reason>`), where, and why. */
export interface RenumberRefused {
  ok: false;
  /** 403 forbidden, 404 no such district, 409 the numbers moved on since the preview (`current`), 422 bad input */
  status: number;
  reason: RefusalReason;
  place: string;
  /** on 409: the preview as it is now, to show instead */
  current?: RenumberPreview;
  message: string;
}

/** A preview (old → new codes and numbers), or after applying it, the same with the change-log group. */
export type RenumberResult = { ok: true; preview: RenumberPreview; changeId: string | null } | RenumberRefused;

function placeOf(path: PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : `${s}${s ? "." : ""}${String(k)}`), "");
}

function invalid(error: z.ZodError, prefix: string): RenumberRefused {
  const issue = error.issues[0];
  return { ok: false, status: 422, reason: "invalid", place: placeOf([prefix, ...issue.path]), message: issue.message };
}

function refused(error: unknown): RenumberRefused {
  if (!(error instanceof WriteRefused)) throw error;
  const current = error.status === 409 ? (error.current as RenumberPreview) : undefined;
  return { ok: false, status: error.status, reason: error.reason, place: error.place, message: error.message, ...(current ? { current } : {}) };
}

/** Used by the preview server action: what renumbering the district would change (or why it cannot be shown). */
export function previewDistrict(db: Db, input: unknown): RenumberResult {
  const parsed = districtCode.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, "districtCode");
  try {
    return { ok: true, preview: previewRenumber(db, parsed.data), changeId: null };
  } catch (error) {
    return refused(error);
  }
}

/**
 * Used by the apply server action: applies the renumbering the user saw (`expected`, as the preview gave it)
 * for `editor`, asking `entityPermission` of the district and each of its small areas; refuses with 409 and the
 * current preview when the numbers moved on since.
 */
export function applyDistrict(db: Db, input: unknown, expected: unknown, editor: Editor | null): RenumberResult {
  const parsedCode = districtCode.safeParse(input);
  if (!parsedCode.success) return invalid(parsedCode.error, "districtCode");
  const parsedPreview = previewSchema.safeParse(expected);
  if (!parsedPreview.success) return invalid(parsedPreview.error, "expected");
  try {
    const { changeId, ...preview } = applyRenumber(db, parsedCode.data, editor?.id ?? null, parsedPreview.data, { canEdit: entityPermission(db, editor) });
    return { ok: true, preview, changeId };
  } catch (error) {
    return refused(error);
  }
}
