/**
 * The audit trail (issue #6): one append-only row per sign-in, failure, permission refusal, write, and view or
 * export of housing-unit data. Rows name the person (id, name, role at the time), the action, the record and
 * where the request came from; never a household value. The table's triggers refuse UPDATE and DELETE.
 */
import { and, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { auditLog } from "./schema";

/** Who did something, as the audit row records them (null for an anonymous request). */
export interface AuditActor {
  id: number;
  username: string;
  role: string;
}

/** One audit entry to append. `detail` is a short plain text (a rule, a file name, a count), never unit data. */
export interface AuditEntry {
  actor: AuditActor | null;
  /** e.g. `sign_in`, `sign_in_failed`, `forbidden`, `edit`, `workflow.approve`, `units.view`, `export` */
  action: string;
  outcome?: "ok" | "refused" | "failed";
  targetType?: string | null;
  targetId?: string | number | null;
  detail?: string | null;
  ip?: string | null;
  /** for sign-in failures of people who may not exist: the name as typed */
  username?: string | null;
}

/** Used by every server path that the audit must see: appends one row (inside or outside a transaction). */
export function appendAudit(db: Db, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      userId: entry.actor?.id ?? null,
      username: entry.actor?.username ?? entry.username ?? null,
      role: entry.actor?.role ?? null,
      action: entry.action,
      outcome: entry.outcome ?? "ok",
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      detail: entry.detail ? entry.detail.slice(0, 500) : null,
      ip: entry.ip ?? null,
    })
    .run();
}

/** Filters of the auditor's page and of `countAudit`. Times are ISO UTC strings. */
export interface AuditFilter {
  userId?: number;
  username?: string;
  action?: string;
  outcome?: "ok" | "refused" | "failed";
  ip?: string;
  from?: string;
  to?: string;
}

function where(filter: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.userId !== undefined) parts.push(eq(auditLog.userId, filter.userId));
  if (filter.username) parts.push(eq(auditLog.username, filter.username));
  if (filter.action) parts.push(filter.action.endsWith("*") ? sql`${auditLog.action} LIKE ${filter.action.slice(0, -1) + "%"}` : eq(auditLog.action, filter.action));
  if (filter.outcome) parts.push(eq(auditLog.outcome, filter.outcome));
  if (filter.ip) parts.push(eq(auditLog.ip, filter.ip));
  if (filter.from) parts.push(gte(auditLog.at, filter.from));
  if (filter.to) parts.push(lte(auditLog.at, filter.to));
  return parts.length ? and(...parts) : undefined;
}

/** Used by the auditor's page: the newest rows matching `filter`, `limit` at a time from `offset`. */
export function listAudit(db: Db, filter: AuditFilter, limit = 100, offset = 0) {
  return db.select().from(auditLog).where(where(filter)).orderBy(desc(auditLog.id)).limit(limit).offset(offset).all();
}

/** Used by the sign-in throttle and tests: how many rows match `filter`. */
export function countAudit(db: Db, filter: AuditFilter): number {
  return db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where(filter)).get()?.n ?? 0;
}
