/**
 * Who works where (issue #6): the office assigns districts to mappers and guides, small areas to enumerators
 * and townships to township offices. Each write is one transaction: the person must exist, be enabled and
 * have the role the assignment needs; every record must exist and lie where the actor may assign; rows that
 * exist already are left as they are. Writes are audited (`assign` / `unassign`, with counts); a refusal
 * writes nothing (a permission refusal is audited as `forbidden`). Read by `db/access.ts` (`loadAssignment`).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { UserRole } from "@/lib/domain/types";
import { authorize, loadAssignment, type Actor } from "./access";
import { appendAudit } from "./audit";
import { writeTransaction, type Db } from "./client";
import { adminUnits, assignments, districts, smallAreas, users } from "./schema";

/** Why an assignment was refused: the HTTP status, a rule key the UI translates (`assign.refusal.<reason>`), the place. */
export class AssignRefused extends Error {
  constructor(
    readonly status: 403 | 404 | 422,
    readonly reason: "not_found" | "forbidden" | "wrong_role" | "user_disabled" | "invalid",
    readonly place: string,
    message: string,
  ) {
    super(message);
    this.name = "AssignRefused";
  }
}

/** What an assignment is of: the kind of record and the column holding it. */
type Kind = "district" | "small_area" | "township";
type AssignmentRole = "mapper" | "guide" | "enumerator" | "office";

/** Most records one call may name (a county has ~400 districts and ~3,500 small areas). */
export const MAX_ASSIGN_IDS = 5000;

/** Where the request came from, for the audit. */
export interface AssignContext {
  ip?: string | null;
}

/** What an assignment write did. */
export interface AssignResult {
  added: number;
  /** records the person had already */
  unchanged: number;
}

const column = (kind: Kind) => (kind === "district" ? assignments.districtId : kind === "small_area" ? assignments.smallAreaId : assignments.adminUnitId);
const plural = (kind: Kind) => (kind === "district" ? "districts" : kind === "small_area" ? "small areas" : "townships");

function checkIds(ids: readonly number[], place: string): number[] {
  if (ids.length === 0) throw new AssignRefused(422, "invalid", place, `${place}: choose at least one`);
  if (ids.length > MAX_ASSIGN_IDS) throw new AssignRefused(422, "invalid", place, `${place}: at most ${MAX_ASSIGN_IDS} at a time`);
  ids.forEach((id, i) => {
    if (!Number.isSafeInteger(id) || id <= 0) throw new AssignRefused(422, "invalid", `${place}[${i}]`, `${place}[${i}]: an id is a positive integer`);
  });
  return [...new Set(ids)];
}

/** The person to assign, who must exist, be enabled and have `role`. */
function targetUser(db: Db, userId: number, role: UserRole): { id: number; username: string } {
  if (!Number.isSafeInteger(userId) || userId <= 0) throw new AssignRefused(422, "invalid", "userId", "userId: an id is a positive integer");
  const user = db.select({ id: users.id, username: users.username, role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, userId)).get();
  if (!user) throw new AssignRefused(404, "not_found", `user/${userId}`, `user ${userId} does not exist`);
  if (user.disabled) throw new AssignRefused(422, "user_disabled", `user/${userId}`, `${user.username} is disabled`);
  if (user.role !== role) throw new AssignRefused(422, "wrong_role", `user/${userId}`, `${user.username} is a ${user.role}, not a ${role}`);
  return user;
}

function existingIds(db: Db, kind: Kind, ids: number[]): Set<number> {
  const rows =
    kind === "district"
      ? db.select({ id: districts.id }).from(districts).where(inArray(districts.id, ids)).all()
      : kind === "small_area"
        ? db.select({ id: smallAreas.id }).from(smallAreas).where(inArray(smallAreas.id, ids)).all()
        : db.select({ id: adminUnits.id }).from(adminUnits).where(and(inArray(adminUnits.id, ids), eq(adminUnits.level, "township"))).all();
  return new Set(rows.map((r) => r.id));
}

/** Every record must exist (404) and lie where the actor may assign (403), checked in the order given. */
function checkTargets(db: Db, actor: Actor, kind: Kind, ids: number[]): void {
  const found = existingIds(db, kind, ids);
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw new AssignRefused(404, "not_found", `${kind}/${missing}`, `${kind} ${missing} does not exist`);
  const assignment = loadAssignment(db, actor.id);
  const refused = ids.find((id) => !authorize(db, actor, "assign", { type: kind, id }, assignment));
  if (refused !== undefined) throw new AssignRefused(403, "forbidden", `${kind}/${refused}`, `a ${actor.role} may not assign ${kind} ${refused}`);
}

/** Runs a write; a permission refusal (after the rollback) is audited as `forbidden`. */
function audited<T>(db: Db, actor: Actor, action: string, context: AssignContext, write: () => T): T {
  try {
    return writeTransaction(db, write);
  } catch (error) {
    if (error instanceof AssignRefused && error.status === 403) {
      const [targetType, targetId] = error.place.split("/");
      appendAudit(db, { actor, action: "forbidden", outcome: "refused", targetType, targetId, detail: action, ip: context.ip });
    }
    throw error;
  }
}

function assign(db: Db, actor: Actor, kind: Kind, role: AssignmentRole, userId: number, rawIds: readonly number[], place: string, context: AssignContext): AssignResult {
  return audited(db, actor, "assign", context, () => {
    const ids = checkIds(rawIds, place);
    const user = targetUser(db, userId, role);
    checkTargets(db, actor, kind, ids);
    const col = column(kind);
    const had = new Set(
      db.select({ id: col }).from(assignments).where(and(eq(assignments.userId, user.id), eq(assignments.role, role), inArray(col, ids))).all().map((r) => r.id),
    );
    const fresh = ids.filter((id) => !had.has(id));
    if (fresh.length) {
      db.insert(assignments)
        .values(fresh.map((id) => ({ userId: user.id, role, createdBy: actor.id, districtId: kind === "district" ? id : null, smallAreaId: kind === "small_area" ? id : null, adminUnitId: kind === "township" ? id : null })))
        .run();
    }
    const result = { added: fresh.length, unchanged: ids.length - fresh.length };
    appendAudit(db, { actor, action: "assign", targetType: "user", targetId: user.id, ip: context.ip, detail: `${role} ${user.username}: ${result.added} ${plural(kind)} added, ${result.unchanged} already assigned` });
    return result;
  });
}

/** Used by the assign page: gives districts to a mapper or a guide (whose role must be `role`). */
export function assignDistricts(db: Db, actor: Actor, input: { userId: number; districtIds: readonly number[]; role: "mapper" | "guide" }, context: AssignContext = {}): AssignResult {
  if (input.role !== "mapper" && input.role !== "guide") throw new AssignRefused(422, "invalid", "role", "role: districts go to a mapper or a guide");
  return assign(db, actor, "district", input.role, input.userId, input.districtIds, "districtIds", context);
}

/** Used by the assign page: gives small areas to an enumerator. */
export function assignSmallAreas(db: Db, actor: Actor, input: { userId: number; smallAreaIds: readonly number[] }, context: AssignContext = {}): AssignResult {
  return assign(db, actor, "small_area", "enumerator", input.userId, input.smallAreaIds, "smallAreaIds", context);
}

/** Used by the assign page: makes an office account the office of townships (a township office). */
export function assignTownships(db: Db, actor: Actor, input: { userId: number; townshipIds: readonly number[] }, context: AssignContext = {}): AssignResult {
  return assign(db, actor, "township", "office", input.userId, input.townshipIds, "townshipIds", context);
}

/**
 * Used by the assign page: removes assignments by id. Each must exist (404) and lie where the actor may
 * assign (403); all go or none. Returns how many were removed.
 */
export function unassign(db: Db, actor: Actor, assignmentIds: readonly number[], context: AssignContext = {}): { removed: number } {
  return audited(db, actor, "unassign", context, () => {
    const ids = checkIds(assignmentIds, "assignmentIds");
    const rows = db.select().from(assignments).where(inArray(assignments.id, ids)).all();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing !== undefined) throw new AssignRefused(404, "not_found", `assignment/${missing}`, `assignment ${missing} does not exist`);
    const assignment = loadAssignment(db, actor.id);
    for (const id of ids) {
      const row = byId.get(id)!;
      const target = row.districtId !== null ? { type: "district" as const, id: row.districtId } : row.smallAreaId !== null ? { type: "small_area" as const, id: row.smallAreaId } : { type: "township" as const, id: row.adminUnitId! };
      if (!authorize(db, actor, "assign", target, assignment)) throw new AssignRefused(403, "forbidden", `${target.type}/${target.id}`, `a ${actor.role} may not unassign ${target.type} ${target.id}`);
    }
    db.delete(assignments).where(inArray(assignments.id, ids)).run();
    const people = [...new Set(rows.map((r) => r.userId))];
    appendAudit(db, { actor, action: "unassign", targetType: "user", targetId: people.length === 1 ? people[0] : null, ip: context.ip, detail: `${ids.length} assignments removed from ${people.length} people` });
    return { removed: ids.length };
  });
}

/** Used by the assign page's Remove button: the ids of `userId`'s assignments to the records named. */
export function findAssignmentIds(db: Db, input: { userId: number; districtIds?: readonly number[]; smallAreaIds?: readonly number[]; townshipIds?: readonly number[] }): number[] {
  const found: number[] = [];
  for (const [kind, ids] of [["district", input.districtIds], ["small_area", input.smallAreaIds], ["township", input.townshipIds]] as const) {
    if (!ids?.length) continue;
    const col = column(kind);
    found.push(...db.select({ id: assignments.id }).from(assignments).where(and(eq(assignments.userId, input.userId), inArray(col, [...ids]))).all().map((r) => r.id));
  }
  return found.sort((a, b) => a - b);
}

/** One assignment as the assign page and the users page show it. */
export interface AssignmentRow {
  id: number;
  userId: number;
  username: string;
  displayName: string;
  role: AssignmentRole;
  districtId: number | null;
  districtCode: string | null;
  districtNameZh: string | null;
  districtNameEn: string | null;
  smallAreaId: number | null;
  /** district code + small-area code */
  smallAreaCode: string | null;
  smallAreaName: string | null;
  townshipId: number | null;
  townshipCode: string | null;
  townshipNameZh: string | null;
  townshipNameEn: string | null;
  createdAt: string;
}

/**
 * Used by the assign page and the users page: assignments with the person's names and the codes and names of
 * the district, small area (with its district) or township, optionally of one person; by person, then code.
 */
export function listAssignments(db: Db, filter: { userId?: number } = {}): AssignmentRow[] {
  return db.$client
    .prepare(
      `SELECT a.id, a.user_id AS userId, u.username, u.display_name AS displayName, a.role,
              COALESCE(a.district_id, sd.id) AS districtId, COALESCE(d.code, sd.code) AS districtCode,
              COALESCE(d.name_zh, sd.name_zh) AS districtNameZh, COALESCE(d.name_en, sd.name_en) AS districtNameEn,
              a.small_area_id AS smallAreaId, sd.code || sa.code AS smallAreaCode, sa.name AS smallAreaName,
              t.id AS townshipId, t.code AS townshipCode, t.name_zh AS townshipNameZh, t.name_en AS townshipNameEn, a.created_at AS createdAt
       FROM assignments a
       JOIN users u ON u.id = a.user_id
       LEFT JOIN districts d ON d.id = a.district_id
       LEFT JOIN small_areas sa ON sa.id = a.small_area_id
       LEFT JOIN districts sd ON sd.id = sa.district_id
       LEFT JOIN admin_units t ON t.id = COALESCE(a.admin_unit_id, d.township_id, sd.township_id)
       WHERE ? IS NULL OR a.user_id = ?
       ORDER BY u.username, COALESCE(d.code, sd.code, t.code), sa.code`,
    )
    .all(filter.userId ?? null, filter.userId ?? null) as AssignmentRow[];
}
