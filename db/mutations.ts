/**
 * What every write shares: the refusal it throws (`WriteRefused`, nothing is then written) and the append-only
 * change log. The edit path itself (one `BEGIN IMMEDIATE` transaction per Change, version checks) is
 * `edit-mutations.ts`.
 */
import type { RefusalReason } from "@/lib/edits/refusals";
import type { Db } from "./client";

/**
 * Why a write was refused; `reason` is a message key the UI translates (`edit.refusal.<reason>`), `place` names
 * the field or record (e.g. `small_area/12`, `puts[0].entity.geometry.coordinates[0]`), `current` carries the
 * stored copy on a conflict (409) and `at` a position to show on the map.
 */
export class WriteRefused extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 422,
    readonly reason: RefusalReason,
    readonly place: string,
    readonly current?: unknown,
    readonly at?: [number, number],
  ) {
    super(`${reason} at ${place}`);
    this.name = "WriteRefused";
  }
}

interface LogEntry {
  changeId: string;
  userId: number | null;
  label: string;
  entityType: string;
  entityId: number;
  op: "put" | "delete";
  baseVersion: number | null;
  before: unknown;
  after: unknown;
}

/** Used inside write transactions: appends one row to the append-only change log. */
export function appendChangeLog(db: Db, entry: LogEntry): void {
  db.$client
    .prepare(
      `INSERT INTO change_log (change_id, user_id, label, entity_type, entity_id, op, base_version, before, after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(entry.changeId, entry.userId, entry.label, entry.entityType, entry.entityId, entry.op, entry.baseVersion, JSON.stringify(entry.before), JSON.stringify(entry.after));
}
