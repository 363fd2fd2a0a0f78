/**
 * One workflow request, from unknown input to the result (issue #6): shared by the workflow server actions
 * and POST /api/small-areas/{id}/workflow, so that both refuse the same things the same way (zod first, 422
 * naming the place; then the db write, which asks the permission of the step itself).
 */
import { z } from "zod";
import { eq } from "drizzle-orm";
import { authorize, type Actor } from "@/db/access";
import type { Db } from "@/db/client";
import { smallAreas } from "@/db/schema";
import {
  allowedWorkflowActions, MAX_WORKFLOW_COMMENT, setBadImagery, smallAreaHistory, transitionSmallArea,
  type WorkflowEvent, type WorkflowRefused, type WorkflowResult,
} from "@/db/workflow";
import { WORKFLOW_ACTIONS, type SmallAreaState, type WorkflowAction } from "@/lib/domain/workflow";
import { formatPlace } from "./change-schema";

const id = z.number().int().positive();
const version = z.number().int().min(0);
const comment = z.string().max(MAX_WORKFLOW_COMMENT).nullish();

/** A state change: `{ smallAreaId, action, baseVersion, comment?, at? }` (`at` = [lon, lat]). */
export const transitionSchema = z.strictObject({
  smallAreaId: id,
  action: z.enum(WORKFLOW_ACTIONS),
  baseVersion: version,
  comment,
  at: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).nullish(),
});

/** Setting or clearing the "bad imagery" flag: `{ smallAreaId, baseVersion, flagged, comment? }`. */
export const flagSchema = z.strictObject({ smallAreaId: id, baseVersion: version, flagged: z.boolean(), comment });

/** Used for input refused before the write: 422 `invalid` at `place`. */
export function refusedWorkflowInput(place: string, message: string): WorkflowRefused {
  return { ok: false, status: 422, reason: "invalid", place, message };
}

function parse<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | WorkflowRefused {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return refusedWorkflowInput(issue.path.length ? formatPlace(issue.path) : "body", issue.message);
}

/** Used by the `changeSmallAreaState` action and the workflow route: zod, then `transitionSmallArea`. */
export function runTransition(db: Db, actor: Actor, input: unknown, ip: string | null): WorkflowResult {
  const parsed = parse(transitionSchema, input);
  if (!parsed.ok) return parsed;
  const { at, ...rest } = parsed.value;
  return transitionSmallArea(db, actor, { ...rest, at: at ? [at[0], at[1]] : null }, ip);
}

/** Used by the `flagBadImagery` action and the workflow route: zod, then `setBadImagery`. */
export function runFlag(db: Db, actor: Actor, input: unknown, ip: string | null): WorkflowResult {
  const parsed = parse(flagSchema, input);
  return parsed.ok ? setBadImagery(db, actor, parsed.value, ip) : parsed;
}

/** The workflow section of a small area as the panel shows it. */
export interface WorkflowView {
  ok: true;
  status: SmallAreaState;
  version: number;
  badImagery: boolean;
  /** the steps that apply to the state and that the person may take */
  allowed: WorkflowAction[];
  /** whether the person may set or clear the "bad imagery" flag */
  canFlag: boolean;
  /** newest first */
  history: WorkflowEvent[];
}

/** Used by the `loadWorkflow` action and GET /api/small-areas/{id}/workflow (after the read guard): 404 when missing. */
export function readWorkflow(db: Db, actor: Actor, smallAreaId: number): WorkflowView | WorkflowRefused {
  const row = db.select({ status: smallAreas.status, version: smallAreas.version, badImagery: smallAreas.badImagery }).from(smallAreas).where(eq(smallAreas.id, smallAreaId)).get();
  if (!row) return { ok: false, status: 404, reason: "not_found", place: `small_area/${smallAreaId}`, message: `small area ${smallAreaId} does not exist` };
  return {
    ok: true,
    ...row,
    allowed: allowedWorkflowActions(db, actor, smallAreaId),
    canFlag: authorize(db, actor, "flag_imagery", { type: "small_area", id: smallAreaId }),
    history: smallAreaHistory(db, smallAreaId),
  };
}
