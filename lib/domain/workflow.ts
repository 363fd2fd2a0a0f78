/**
 * The review workflow of a small area (issue #6): draft → submitted (mapper) → approved or returned (office)
 * → confirmed or returned (guide, in the field) → ready for enumeration (office hands it out). A returned
 * area is fixed and submitted again. Editing the shape of an approved, confirmed or ready area sends it back
 * to draft (`reopenOnEdit`). Pure: the server checks permission (`can`) and writes the event.
 */
import type { Action } from "./permissions";

/** States of a small area, in the order the work goes. */
export const SMALL_AREA_STATES = ["draft", "submitted", "returned", "approved", "confirmed", "ready"] as const;
export type SmallAreaState = (typeof SMALL_AREA_STATES)[number];

/** The workflow actions a person takes on a small area (each is also a permission `Action`). */
export const WORKFLOW_ACTIONS = ["submit", "approve", "return", "confirm", "release"] as const satisfies readonly Action[];
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

const TRANSITIONS: Record<WorkflowAction, Partial<Record<SmallAreaState, SmallAreaState>>> = {
  submit: { draft: "submitted", returned: "submitted" },
  approve: { submitted: "approved" },
  // the office returns a submitted area; the guide returns an approved one from the field
  return: { submitted: "returned", approved: "returned" },
  confirm: { approved: "confirmed" },
  release: { confirmed: "ready" },
};

/** Used by the workflow write and the panel's buttons: the state after `action`, or null when it does not apply. */
export function nextState(state: SmallAreaState, action: WorkflowAction): SmallAreaState | null {
  return TRANSITIONS[action][state] ?? null;
}

/** Used by the panel: the actions that apply to an area in `state` (before permission is asked). */
export function actionsFrom(state: SmallAreaState): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => nextState(state, action) !== null);
}

/** Used by the edit write: a return must carry a comment (and the UI pins it to a point). */
export function needsComment(action: WorkflowAction): boolean {
  return action === "return";
}

/** States whose shape was signed off: editing the shape sends the area back to draft, after a warning. */
export const SIGNED_OFF_STATES: readonly SmallAreaState[] = ["approved", "confirmed", "ready"];

/** Used by the edit write for each small area whose geometry a Change alters: the state it takes. */
export function reopenOnEdit(state: SmallAreaState): SmallAreaState {
  return SIGNED_OFF_STATES.includes(state) ? "draft" : state;
}

/** Colours of the states on the map and in the panel (one place, so map, legend and dashboard agree). */
export const STATE_COLOURS: Record<SmallAreaState, string> = {
  draft: "#9e9e9e",
  submitted: "#1e88e5",
  returned: "#e53935",
  approved: "#8e24aa",
  confirmed: "#43a047",
  ready: "#00897b",
};
