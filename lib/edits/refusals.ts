/**
 * Why an op or the server refuses an edit. Exported constants (as terra-draw's validations), translated in
 * the UI under `edit.refusal.<reason>`; `place` names the entity or the position.
 */
export const REFUSAL_REASONS = [
  /** a ring crosses itself (or another ring of the same polygon) */
  "self_intersection",
  /** a ring would have fewer than 3 distinct vertices */
  "too_few_vertices",
  /** coordinates not finite or outside lon/lat range */
  "invalid_coordinates",
  /** the split line does not cross the area from boundary to boundary */
  "split_line_does_not_cross",
  /** the split line would cut the area into more than two pieces, or through a hole */
  "split_line_crosses_twice",
  /** a district that already has small areas is split: split its small areas instead */
  "district_has_small_areas",
  /** merge needs two or more small areas */
  "merge_needs_two",
  /** merged small areas must belong to one district */
  "merge_different_districts",
  /** merged small areas must share an edge (touching at a point is not enough) */
  "merge_not_adjacent",
  /** a vertex or a drawn shape would leave the district */
  "outside_district",
  /** a drawn shape lies wholly on ground that is already taken */
  "no_free_ground",
  /** the edit would make areas overlap */
  "would_overlap",
  /** no vertex at the position given */
  "vertex_not_found",
  /** no edge at the position given */
  "edge_not_found",
  /** a district with small areas cannot be deleted */
  "district_not_empty",
  /** the code is taken in the district, or has the wrong form */
  "code_taken",
  "bad_code",
  /** no free 3-digit code is left in the district */
  "no_free_code",
  /** the entity is missing (deleted meanwhile) */
  "not_found",
  /** someone else changed the entity since it was loaded (409) */
  "stale_version",
  /** the user may not edit this record (403) */
  "forbidden",
  /** nobody is signed in, or the session ended (401) */
  "unauthenticated",
  /** the input is malformed (422) */
  "invalid",
  /** three or more boundaries meet at the vertex: deleting it would open a gap or an overlap */
  "vertex_at_junction",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** A refusal: the rule broken and where. */
export interface Refusal {
  ok: false;
  reason: RefusalReason;
  /** e.g. "small_area/12", "line[3]", "features[0].geometry" */
  place?: string;
  /** a position to show on the map */
  at?: [number, number];
}

/** What every op returns: a Change to send, or a refusal. */
export type OpResult<C> = { ok: true; change: C } | Refusal;

/** Used by ops to build a refusal in one line. */
export function refuse(reason: RefusalReason, place?: string, at?: [number, number]): Refusal {
  return { ok: false, reason, ...(place ? { place } : {}), ...(at ? { at } : {}) };
}
