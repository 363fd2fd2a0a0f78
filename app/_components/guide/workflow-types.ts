/**
 * The shape of the workflow server action (`changeSmallAreaState` in app/_actions/workflow.ts) as the guide
 * view calls it. The page hands the action in as a prop of this type, so a change of its signature shows up
 * as a type error at the page.
 */

/** What the guide view sends: confirm, or return with a comment pinned at `at` ([lon, lat]). */
export interface ChangeStateInput {
  smallAreaId: number;
  action: "confirm" | "return";
  baseVersion: number;
  comment?: string;
  at?: [number, number];
}

/** The refusal reasons translated under `workflow.refusal` (`network`: the action did not answer); others show the server's message. */
export const KNOWN_REFUSALS = ["forbidden", "stale_version", "not_allowed_from_state", "comment_required", "unauthenticated", "not_found", "invalid", "network"] as const;

/** The action's answer: the area's new state, or a refusal naming the rule and the place. */
export type ChangeStateResult =
  | { ok: true; smallArea: { id: number; status: string; version: number; badImagery: boolean } }
  | { ok: false; status: number; reason: string; place: string; message: string };

/** The server action itself. */
export type ChangeSmallAreaState = (input: ChangeStateInput) => Promise<ChangeStateResult>;
