/**
 * Writes. Each runs in one `BEGIN IMMEDIATE` transaction, checks the version the client based its edit on,
 * bumps it, and appends to the change log; a refusal throws `WriteRefused` and nothing is written.
 * Server actions call these after validating input and permission.
 */
import { randomUUID } from "node:crypto";
import type { RefusalReason } from "@/lib/edits/refusals";
import type { Db } from "./client";
import { writeTransaction } from "./client";

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

/** Input of an attribute edit of a small area: the version it was based on and the new values. */
export interface SmallAreaAttributes {
  id: number;
  version: number;
  name: string | null;
  notes: string | null;
}

/**
 * Used by the side panel's save (through its server action): sets a small area's name and notes when
 * `version` is still the stored one; returns the new version. Throws 404 or 409 (with the stored row).
 */
export function updateSmallAreaAttributes(db: Db, input: SmallAreaAttributes, userId: number | null): { version: number } {
  return writeTransaction(db, () => {
    const row = db.$client.prepare("SELECT id, name, notes, version FROM small_areas WHERE id = ?").get(input.id) as
      | { id: number; name: string | null; notes: string | null; version: number }
      | undefined;
    if (!row) throw new WriteRefused(404, "not_found", `small_areas/${input.id}`);
    if (row.version !== input.version) throw new WriteRefused(409, "stale_version", `small_areas/${input.id}`, row);
    const version = row.version + 1;
    db.$client
      .prepare("UPDATE small_areas SET name = ?, notes = ?, version = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?")
      .run(input.name, input.notes, version, input.id);
    appendChangeLog(db, {
      changeId: randomUUID(),
      userId,
      label: "edit_attributes",
      entityType: "small_area",
      entityId: input.id,
      op: "put",
      baseVersion: row.version,
      before: { name: row.name, notes: row.notes },
      after: { name: input.name, notes: input.notes },
    });
    return { version };
  });
}
