/**
 * The review workflow of small areas on the server (issue #6): state changes (submit, approve, return,
 * confirm, release), the "bad imagery" flag, the history the panel shows, and the status rule of the edit
 * write (an edit never sets a status; changing the shape of a signed-off area sends it back to draft). The
 * states and transitions are `lib/domain/workflow.ts`; who may is `db/access.ts`.
 */
import { desc, eq } from "drizzle-orm";
import type { AreaGeometry } from "@/lib/domain/types";
import { actionsFrom, needsComment, nextState, reopenOnEdit, type SmallAreaState, type WorkflowAction } from "@/lib/domain/workflow";
import type { Change, EditableEntity } from "@/lib/edits/types";
import { labelPoint } from "@/lib/geo/label-point";
import { authorize, loadAssignment, type Actor } from "./access";
import { appendAudit } from "./audit";
import { writeTransaction, type Db } from "./client";
import { reviewEvents, smallAreas, users } from "./schema";

/** Longest comment of a workflow step. */
export const MAX_WORKFLOW_COMMENT = 1000;

/** The workflow fields of a small area, as the panel and the guide page hold them. */
export interface WorkflowArea {
  id: number;
  status: SmallAreaState;
  version: number;
  badImagery: boolean;
}

/** Why a workflow step is refused (translated in the UI under `workflow.refusal.<reason>`). */
export type WorkflowRefusalReason = "unauthenticated" | "forbidden" | "not_found" | "stale_version" | "not_allowed_from_state" | "comment_required" | "invalid";

/** A refused step, in the shape of the edit path's `EditRefused`: nothing was written. */
export interface WorkflowRefused {
  ok: false;
  status: 401 | 403 | 404 | 409 | 422;
  reason: WorkflowRefusalReason;
  /** e.g. `small_area/12`, `comment`, `at`, `baseVersion` */
  place: string;
  /** on 409: the stored row */
  current?: WorkflowArea;
  message: string;
}

/** What a workflow step returns: the area as stored after it, or the refusal. */
export type WorkflowResult = { ok: true; smallArea: WorkflowArea } | WorkflowRefused;

/** One state change asked for. `at` pins a return's comment ([lon, lat]); it defaults to the area's centre. */
export interface TransitionInput {
  smallAreaId: number;
  action: WorkflowAction;
  baseVersion: number;
  comment?: string | null;
  at?: [number, number] | null;
}

/** Setting or clearing the "bad imagery" flag. */
export interface FlagInput {
  smallAreaId: number;
  baseVersion: number;
  flagged: boolean;
  comment?: string | null;
}

const refuse = (status: WorkflowRefused["status"], reason: WorkflowRefusalReason, place: string, message: string, current?: WorkflowArea): WorkflowRefused => ({
  ok: false, status, reason, place, message, ...(current ? { current } : {}),
});

function loadArea(db: Db, id: number) {
  return db.select({ id: smallAreas.id, status: smallAreas.status, version: smallAreas.version, badImagery: smallAreas.badImagery, geometry: smallAreas.geometry })
    .from(smallAreas).where(eq(smallAreas.id, id)).get();
}

const workflowArea = (row: { id: number; status: SmallAreaState; version: number; badImagery: boolean }): WorkflowArea => ({
  id: row.id, status: row.status, version: row.version, badImagery: row.badImagery,
});

/** Permission, existence, comment and version: what every step checks before it writes (audits a refusal). */
function precheck(db: Db, actor: Actor, action: WorkflowAction | "flag_imagery", input: { smallAreaId: number; baseVersion: number; comment?: string | null }, ip: string | null) {
  const place = `small_area/${input.smallAreaId}`;
  if (!authorize(db, actor, action, { type: "small_area", id: input.smallAreaId })) {
    appendAudit(db, { actor, action: "forbidden", outcome: "refused", targetType: "small_area", targetId: input.smallAreaId, detail: action, ip });
    return refuse(403, "forbidden", place, `a ${actor.role} may not ${action} ${place}`);
  }
  const row = loadArea(db, input.smallAreaId);
  if (!row) return refuse(404, "not_found", place, `small area ${input.smallAreaId} does not exist`);
  if (input.comment != null && input.comment.length > MAX_WORKFLOW_COMMENT) return refuse(422, "invalid", "comment", `a comment has at most ${MAX_WORKFLOW_COMMENT} characters`);
  if (input.baseVersion !== row.version) return refuse(409, "stale_version", place, `small area ${input.smallAreaId} is at version ${row.version}, not ${input.baseVersion}`, workflowArea(row));
  return row;
}

function validAt(at: unknown): at is [number, number] {
  return Array.isArray(at) && at.length === 2 && at.every((v) => typeof v === "number" && Number.isFinite(v)) && Math.abs(at[0]) <= 180 && Math.abs(at[1]) <= 90;
}

function centreOf(geometry: AreaGeometry | null): [number, number] | null {
  if (!geometry) return null;
  try {
    return labelPoint(geometry);
  } catch {
    return null;
  }
}

function insertEvent(db: Db, e: { smallAreaId: number; userId: number | null; action: string; from: string; to: string; comment: string | null; at: [number, number] | null }): void {
  // raw SQL: the action column is plain text; `release` is a workflow action too
  db.$client
    .prepare("INSERT INTO review_events (small_area_id, user_id, action, from_status, to_status, comment, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .run(e.smallAreaId, e.userId, e.action, e.from, e.to, e.comment, e.at?.[0] ?? null, e.at?.[1] ?? null);
}

function bump(db: Db, id: number, fields: { status?: SmallAreaState; badImagery?: boolean }): WorkflowArea {
  db.$client
    .prepare("UPDATE small_areas SET status = COALESCE(?, status), bad_imagery = COALESCE(?, bad_imagery), version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?")
    .run(fields.status ?? null, fields.badImagery === undefined ? null : fields.badImagery ? 1 : 0, id);
  return workflowArea(loadArea(db, id)!);
}

const cleanComment = (comment: string | null | undefined): string | null => (comment?.trim() ? comment.trim() : null);

/**
 * Used by the workflow server action and POST /api/small-areas/{id}/workflow: moves a small area (virtual ones
 * too) one step through the workflow in one transaction — permission for `action` on the area (403, audited),
 * 404 missing, 422 bad comment or `at`, 409 `stale_version` with the stored row, 422 `not_allowed_from_state`,
 * 422 `comment_required` for a return without one — then writes the status (version + 1), a review event
 * with the comment and its point (a return without `at` is pinned at the area's centre) and an audit row
 * `workflow.<action>`. Refusals are returned, never thrown; on a refusal nothing but the audit is written.
 */
export function transitionSmallArea(db: Db, actor: Actor, input: TransitionInput, ip: string | null = null): WorkflowResult {
  return writeTransaction(db, () => {
    const row = precheck(db, actor, input.action, input, ip);
    if ("ok" in row) return row;
    if (input.at != null && !validAt(input.at)) return refuse(422, "invalid", "at", "at must be [lon, lat] with finite lon in [-180, 180] and lat in [-90, 90]");
    const to = nextState(row.status, input.action);
    if (!to) return refuse(422, "not_allowed_from_state", `small_area/${row.id}.status`, `${input.action} does not apply to a ${row.status} small area`, workflowArea(row));
    const comment = cleanComment(input.comment);
    if (needsComment(input.action) && !comment) return refuse(422, "comment_required", "comment", `a ${input.action} needs a comment`);
    const at = input.at ?? (input.action === "return" ? centreOf(row.geometry) : null);
    insertEvent(db, { smallAreaId: row.id, userId: actor.id, action: input.action, from: row.status, to, comment, at });
    const written = bump(db, row.id, { status: to });
    appendAudit(db, { actor, action: `workflow.${input.action}`, targetType: "small_area", targetId: row.id, detail: `${row.status} -> ${to}`, ip });
    return { ok: true, smallArea: written };
  });
}

/**
 * Used by the panel's and the guide page's "bad imagery" switch: sets or clears the flag (permission
 * `flag_imagery`, version checked) with a review event `flag_imagery` and an audit row. Setting the value the
 * area already has writes nothing (so every flag event is a toggle, which the history relies on).
 */
export function setBadImagery(db: Db, actor: Actor, input: FlagInput, ip: string | null = null): WorkflowResult {
  return writeTransaction(db, () => {
    const row = precheck(db, actor, "flag_imagery", input, ip);
    if ("ok" in row) return row;
    if (row.badImagery === input.flagged) return { ok: true, smallArea: workflowArea(row) };
    insertEvent(db, { smallAreaId: row.id, userId: actor.id, action: "flag_imagery", from: row.status, to: row.status, comment: cleanComment(input.comment), at: null });
    const written = bump(db, row.id, { badImagery: input.flagged });
    appendAudit(db, { actor, action: "workflow.flag_imagery", targetType: "small_area", targetId: row.id, detail: input.flagged ? "flagged" : "cleared", ip });
    return { ok: true, smallArea: written };
  });
}

/** One event of a small area's history. `flagged` is set on `flag_imagery` events (the flag after it). */
export interface WorkflowEvent {
  id: number;
  action: WorkflowAction | "reopen" | "flag_imagery";
  fromStatus: SmallAreaState;
  toStatus: SmallAreaState;
  comment: string | null;
  at: [number, number] | null;
  createdAt: string;
  user: { id: number; displayName: string } | null;
  flagged?: boolean;
}

/** Used by the panel and the guide page: the events of a small area, newest first, with who did them. */
export function smallAreaHistory(db: Db, smallAreaId: number): WorkflowEvent[] {
  const rows = db
    .select({ event: reviewEvents, displayName: users.displayName })
    .from(reviewEvents)
    .leftJoin(users, eq(users.id, reviewEvents.userId))
    .where(eq(reviewEvents.smallAreaId, smallAreaId))
    .orderBy(desc(reviewEvents.id))
    .all();
  // every flag event toggles the flag: walking back from the current value gives each one's result
  let flag = loadArea(db, smallAreaId)?.badImagery ?? false;
  return rows.map(({ event: e, displayName }) => {
    const item: WorkflowEvent = {
      id: e.id,
      action: e.action as WorkflowEvent["action"],
      fromStatus: e.fromStatus as SmallAreaState,
      toStatus: e.toStatus as SmallAreaState,
      comment: e.comment,
      at: e.lon !== null && e.lat !== null ? [e.lon, e.lat] : null,
      createdAt: e.createdAt,
      user: e.userId !== null && displayName !== null ? { id: e.userId, displayName } : null,
    };
    if (e.action === "flag_imagery") {
      item.flagged = flag;
      flag = !flag;
    }
    return item;
  });
}

/** Used by the panel and the guide page: the steps that apply to the area's state and that `actor` may take. */
export function allowedWorkflowActions(db: Db, actor: Actor, smallAreaId: number): WorkflowAction[] {
  const row = loadArea(db, smallAreaId);
  if (!row) return [];
  const assignment = loadAssignment(db, actor.id);
  return actionsFrom(row.status).filter((action) => authorize(db, actor, action, { type: "small_area", id: smallAreaId }, assignment));
}

/** A small area the edit write sends back to draft, with the state it had. */
export interface Reopened {
  smallAreaId: number;
  from: SmallAreaState;
}

/**
 * Used by the edit write (`writeChange`) before it applies a Change: a Change never sets a status, so every
 * small-area put keeps the stored status (a new area is a draft); a put that alters the geometry of an
 * approved, confirmed or ready area turns it into a draft (`reopenOnEdit`), listed in `reopened`.
 */
export function applyStatusRule(change: Change, stored: ReadonlyMap<string, EditableEntity>): { change: Change; reopened: Reopened[] } {
  const reopened: Reopened[] = [];
  const puts = change.puts.map((put) => {
    if (put.entity.type !== "small_area") return put;
    const old = stored.get(`small_area/${put.entity.id}`);
    if (old?.type !== "small_area") return { ...put, entity: { ...put.entity, status: "draft" as const } };
    const reshaped = JSON.stringify(old.geometry) !== JSON.stringify(put.entity.geometry);
    const status = reshaped ? reopenOnEdit(old.status) : old.status;
    if (status !== old.status) reopened.push({ smallAreaId: old.id, from: old.status });
    return { ...put, entity: { ...put.entity, status } };
  });
  return { change: { ...change, puts }, reopened };
}

/** Used by the edit write inside its transaction, after the rows: one `reopen` review event per area reopened. */
export function recordReopened(db: Db, reopened: readonly Reopened[], userId: number | null): void {
  for (const r of reopened) insertEvent(db, { smallAreaId: r.smallAreaId, userId, action: "reopen", from: r.from, to: "draft", comment: null, at: null });
}
