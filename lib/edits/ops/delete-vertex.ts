import type { Position } from "geojson";
import { deleteVertex, VERTEX_TOLERANCE_DEGREES } from "@/lib/geo/shared-vertex";
import { refuse, type OpResult } from "../refusals";
import type { Change, EditSnapshot } from "../types";
import { checkPosition, reshapeChange, snapshotGeometries } from "./reshape-change";

/** The vertex to delete (lon/lat). */
export interface DeleteVertexInput {
  at: Position;
}

/**
 * Used when the user selects a vertex while reshaping and presses Delete: removes it from every district and
 * small area that has it, so the shared edge stays shared (both sides get the same straight edge). Refusals:
 * invalid_coordinates, vertex_not_found, vertex_at_junction (three or more boundaries meet there: each area
 * would cut the corner its own way and open a gap), too_few_vertices, and those of a move:
 * self_intersection, outside_district, would_overlap.
 */
export function deleteSharedVertex(snapshot: EditSnapshot, input: DeleteVertexInput, tolerance = VERTEX_TOLERANCE_DEGREES): OpResult<Change> {
  const bad = checkPosition(input.at);
  if (bad) return bad;
  const at: [number, number] = [input.at[0], input.at[1]];
  const result = deleteVertex(snapshotGeometries(snapshot), at, tolerance);
  if (!result.ok) return refuse(result.problem, undefined, at);
  return reshapeChange(snapshot, "delete_vertex", result.geometries, tolerance);
}
