"use server";

import { getDb } from "@/db/client";
import type { WorkflowRefused, WorkflowResult } from "@/db/workflow";
import { guardAction } from "@/app/_lib/guard";
import { requestIp } from "@/app/_lib/session";
import { readWorkflow, refusedWorkflowInput, runFlag, runTransition, type WorkflowView } from "@/app/_lib/workflow-input";
import type { WorkflowAction } from "@/lib/domain/workflow";

export type { WorkflowView };

/** What the panel and the guide page send to move a small area one step (`at` = [lon, lat] of a return's pin). */
export interface ChangeSmallAreaStateInput {
  smallAreaId: number;
  action: WorkflowAction;
  baseVersion: number;
  comment?: string;
  at?: [number, number];
}

/**
 * Server action of the workflow buttons (map panel, guide page): submit, approve, return (comment required,
 * pinned at `at` or the area's centre), confirm, release. Answers the area as stored after the step, or the
 * refusal: 401, 403 (audited), 404, 409 `stale_version` with `current`, 422 naming the rule and the place.
 */
export async function changeSmallAreaState(input: ChangeSmallAreaStateInput): Promise<WorkflowResult> {
  const guard = await guardAction("read");
  if (!guard.ok) return guard;
  return runTransition(getDb(), guard.user, input, await requestIp());
}

/** Server action of the "bad imagery" switch: sets or clears the flag; refusals as {@link changeSmallAreaState}. */
export async function flagBadImagery(input: { smallAreaId: number; baseVersion: number; flagged: boolean; comment?: string }): Promise<WorkflowResult> {
  const guard = await guardAction("read");
  if (!guard.ok) return guard;
  return runFlag(getDb(), guard.user, input, await requestIp());
}

/** Server action of the panel: state, flag, allowed steps and history (newest first) of one small area. */
export async function loadWorkflow(smallAreaId: number): Promise<WorkflowView | WorkflowRefused> {
  const guard = await guardAction("read");
  if (!guard.ok) return guard;
  if (!Number.isSafeInteger(smallAreaId) || smallAreaId <= 0) return refusedWorkflowInput("smallAreaId", "a small-area id is a positive integer");
  return readWorkflow(getDb(), guard.user, smallAreaId);
}
