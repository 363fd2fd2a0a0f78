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
import { parseChange } from "./change-schema";
import { canEditEntity, type Editor } from "./permission";

/** A refused edit: HTTP-like status, the rule (translated under `edit.refusal.<reason>`), where, and why. */
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
 * `editor`, asking `canEditEntity` per record. Bad input and broken rules come back as refusals, never thrown.
 */
export function submitEdit(db: Db, input: unknown, editor: Editor | null): EditResult {
  const written = runEdit(input, editor, (change, options) => writeChange(db, change, editor?.id ?? null, options));
  return written.ok ? { ok: true, ...written.value } : written;
}

/** What a preview returns: the sizes the small areas the Change puts would have, or the refusal a write would get. */
export type PreviewResult = { ok: true; areas: PreviewedArea[] } | EditRefused;

/**
 * Used by the edit preview action (the split's "the pieces would have…"): the same validation and rules as
 * {@link submitEdit}, written and rolled back.
 */
export function previewEdit(db: Db, input: unknown, editor: Editor | null): PreviewResult {
  const previewed = runEdit(input, editor, (change, options) => previewChange(db, change, editor?.id ?? null, options));
  return previewed.ok ? { ok: true, areas: previewed.value } : previewed;
}

/** zod, then `write` with the per-record permission; refusals come back as values, never thrown. */
function runEdit<T>(input: unknown, editor: Editor | null, write: (change: Change, options: WriteChangeOptions) => T): { ok: true; value: T } | EditRefused {
  const parsed = parseChange(input);
  if (!parsed.ok) return refusedInput(422, parsed.place, parsed.message);
  try {
    return { ok: true, value: write(parsed.change, { canEdit: (entity) => canEditEntity(editor, entity) }) };
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
