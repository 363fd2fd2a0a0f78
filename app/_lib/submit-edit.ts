/**
 * One edit request, from unknown input to the result the editor reads: shared by the edit server action and
 * POST /api/edits, so that both refuse the same things the same way.
 */
import type { Db } from "@/db/client";
import { writeChange, type WriteChangeOptions, type WrittenChange } from "@/db/edit-mutations";
import { previewChange, type PreviewedArea } from "@/db/edit-preview";
import { WriteRefused } from "@/db/mutations";
import type { RefusalReason } from "@/lib/edits/refusals";
import type { Change } from "@/lib/edits/types";
import { appendAudit } from "@/db/audit";
import { parseChange } from "./change-schema";
import { entityPermission, type Editor } from "./permission";

/** A refused edit: HTTP-like status (401 not signed in), the rule (translated under `edit.refusal.<reason>`), where, and why. */
export interface EditRefused {
  ok: false;
  /** 403 forbidden, 404 not found, 409 stale (with `current`), 413 too large, 422 invalid input or rule */
  status: number;
  reason: RefusalReason;
  /** e.g. `puts[0].entity.geometry.coordinates[0]`, `small_area/12`, `body` */
  place: string;
  /** on 409: the stored copies (EditableEntity[]) of the entities the Change touches */
  current?: unknown;
  /** a position to show on the map */
  at?: [number, number];
  /** English detail for logs and API clients; the UI shows the translated reason */
  message: string;
}

/** What an edit returns: the written Change as stored (entities, ids, inverse, issues), or a refusal. */
export type EditResult = ({ ok: true } & WrittenChange) | EditRefused;

/** Used for refusals found before the write (malformed JSON, too large a body). */
export function refusedInput(status: number, place: string, message: string): EditRefused {
  return { ok: false, status, reason: "invalid", place, message };
}

/**
 * Used by the edit server action and POST /api/edits: validates `input` as a Change (zod) and writes it for
 * `editor`, asking `entityPermission` per record. Bad input and broken rules come back as refusals, never thrown.
 */
export function submitEdit(db: Db, input: unknown, editor: Editor | null, ip: string | null = null): EditResult {
  const written = runEdit(db, input, editor, (change, options) => writeChange(db, change, editor?.id ?? null, options));
  if (editor && written.ok) appendAudit(db, { actor: editor, action: "edit", targetType: "change", targetId: written.value.changeId, detail: labelOf(input), ip });
  if (editor && !written.ok && written.status === 403) appendAudit(db, { actor: editor, action: "forbidden", outcome: "refused", targetType: "edit", targetId: written.place, detail: "edit", ip });
  return written.ok ? { ok: true, ...written.value } : written;
}

function labelOf(input: unknown): string | null {
  const label = input && typeof input === "object" ? (input as { label?: unknown }).label : null;
  return typeof label === "string" ? label : null;
}

/** What a preview returns: the sizes the small areas the Change puts would have, or the refusal a write would get. */
export type PreviewResult = { ok: true; areas: PreviewedArea[] } | EditRefused;

/**
 * Used by the edit preview action (the split's "the pieces would have…"): the same validation and rules as
 * {@link submitEdit}, written and rolled back.
 */
export function previewEdit(db: Db, input: unknown, editor: Editor | null): PreviewResult {
  const previewed = runEdit(db, input, editor, (change, options) => previewChange(db, change, editor?.id ?? null, options));
  return previewed.ok ? { ok: true, areas: previewed.value } : previewed;
}

/** zod, then `write` with the per-record permission; refusals come back as values, never thrown. */
function runEdit<T>(db: Db, input: unknown, editor: Editor | null, write: (change: Change, options: WriteChangeOptions) => T): { ok: true; value: T } | EditRefused {
  if (!editor) return { ok: false, status: 401, reason: "unauthenticated", place: "session", message: "sign in first" };
  const parsed = parseChange(input);
  if (!parsed.ok) return refusedInput(422, parsed.place, parsed.message);
  try {
    return { ok: true, value: write(parsed.change, { canEdit: entityPermission(db, editor) }) };
  } catch (error) {
    if (!(error instanceof WriteRefused)) throw error;
    return {
      ok: false,
      status: error.status,
      reason: error.reason,
      place: error.place,
      message: error.message,
      ...(error.current !== undefined ? { current: error.current } : {}),
      ...(error.at ? { at: error.at } : {}),
    };
  }
}
