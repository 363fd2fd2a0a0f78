/**
 * One edit request, from unknown input to the result the editor reads: shared by the edit server action and
 * POST /api/edits, so that both refuse the same things the same way.
 */
import type { Db } from "@/db/client";
import { writeChange, type WrittenChange } from "@/db/edit-mutations";
import { WriteRefused } from "@/db/mutations";
import type { RefusalReason } from "@/lib/edits/refusals";
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
  const parsed = parseChange(input);
  if (!parsed.ok) return refusedInput(422, parsed.place, parsed.message);
  try {
    const written = writeChange(db, parsed.change, editor?.id ?? null, { canEdit: (entity) => canEditEntity(editor, entity) });
    return { ok: true, ...written };
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
