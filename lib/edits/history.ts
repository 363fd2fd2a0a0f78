import { snapshotLists } from "./apply-change";
import type { Change, ChangeLabel, EditableEntity, EditSnapshot } from "./types";

/**
 * One undo (or redo) step: the Change that reverses a gesture, the gesture's label for the tooltip, and the
 * entities as the gesture left them (to tell "only my own later undo moved the version on" from "someone
 * changed it", see {@link rebaseOnSnapshot}).
 */
export interface HistoryEntry {
  label: ChangeLabel;
  change: Change;
  after?: EditableEntity[];
}

/** The undo and redo stacks, newest last. Plain data, so it can be kept in localStorage across reloads. */
export interface EditHistory {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

/** How many gestures the history keeps. */
export const HISTORY_LIMIT = 100;

/** Used on startup and after a reset. */
export function emptyHistory(): EditHistory {
  return { undo: [], redo: [] };
}

/**
 * Used after the server wrote a new gesture: its inverse goes on the undo stack, and the redo stack is
 * dropped (a new edit starts a new branch, as in every editor).
 */
export function recordEdit(history: EditHistory, label: ChangeLabel, inverse: Change, after: EditableEntity[] = []): EditHistory {
  return { undo: [...history.undo, { label, change: inverse, after }].slice(-HISTORY_LIMIT), redo: [] };
}

/**
 * Used after the server wrote an undo (the top of the undo stack): that entry leaves the undo stack and the
 * inverse the server returned (which redoes the gesture) goes on the redo stack.
 */
export function recordUndo(history: EditHistory, inverse: Change, after: EditableEntity[] = []): EditHistory {
  const top = history.undo[history.undo.length - 1];
  if (!top) return history;
  return { undo: history.undo.slice(0, -1), redo: [...history.redo, { label: top.label, change: inverse, after }] };
}

/** Used after the server wrote a redo: the mirror of {@link recordUndo}. */
export function recordRedo(history: EditHistory, inverse: Change, after: EditableEntity[] = []): EditHistory {
  const top = history.redo[history.redo.length - 1];
  if (!top) return history;
  return { undo: [...history.undo, { label: top.label, change: inverse, after }], redo: history.redo.slice(0, -1) };
}

const contentOf = (entity: EditableEntity) => JSON.stringify({ ...entity, version: 0 });

/**
 * Used just before an undo or redo is sent. Its base versions are those the gesture left; if the user's own
 * undo/redo round trips have since moved an entity's version on while its content is still exactly what the
 * gesture left, the step is rebased on the current version. Anything whose content differs (someone else
 * changed it) keeps its old base version, so the server answers 409 and nothing is overwritten.
 */
export function rebaseOnSnapshot(entry: HistoryEntry, snapshot: EditSnapshot): Change {
  const after = new Map((entry.after ?? []).map((e) => [`${e.type}/${e.id}`, e]));
  const current = new Map<string, EditableEntity>(snapshotLists(snapshot).flatMap(([, list]) => list.map((e) => [`${e.type}/${e.id}`, e] as const)));
  const rebased = (type: string, id: number, baseVersion: number): number => {
    const now = current.get(`${type}/${id}`);
    const left = after.get(`${type}/${id}`);
    return now && left && now.version !== baseVersion && contentOf(now) === contentOf(left) ? now.version : baseVersion;
  };
  return {
    ...entry.change,
    puts: entry.change.puts.map((put) => {
      if (put.baseVersion === null) return put;
      const base = rebased(put.entity.type, put.entity.id, put.baseVersion);
      return { entity: { ...put.entity, version: base } as EditableEntity, baseVersion: base };
    }),
    deletes: entry.change.deletes.map((d) => ({ ...d, baseVersion: rebased(d.type, d.id, d.baseVersion) })),
  };
}

/**
 * Used when reading the history back from storage: anything that is not a well-formed history (an older
 * format, a hand-edited value) yields an empty one rather than an exception.
 */
export function parseHistory(text: string | null): EditHistory {
  if (!text) return emptyHistory();
  try {
    const value = JSON.parse(text) as EditHistory;
    const ok = (list: unknown) => Array.isArray(list) && list.every((e) => e && typeof e === "object" && "label" in e && "change" in e);
    return ok(value.undo) && ok(value.redo) ? value : emptyHistory();
  } catch {
    return emptyHistory();
  }
}
