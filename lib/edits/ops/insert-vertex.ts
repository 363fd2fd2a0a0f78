import type { Position } from "geojson";
import { insertVertexOnSegment, VERTEX_TOLERANCE_DEGREES } from "@/lib/geo/shared-vertex";
import { refuse, type OpResult } from "../refusals";
import type { Change, EditSnapshot } from "../types";
import { checkPosition, reshapeChange, snapshotGeometries } from "./reshape-change";

/** A new vertex on an edge: the edge's two ends (as drawn) and where the vertex ends up (lon/lat). */
export interface InsertVertexInput {
  segment: [Position, Position];
  at: Position;
}

/**
 * Used when the user drags a midpoint handle while reshaping (mapbox-gl-draw gives the edge and where the
 * new vertex was dropped, possibly off the edge): inserts the vertex at `at` on that edge in every district
 * and small area that has it, so both sides of a shared edge keep it. T-junction neighbours (rings running
 * along the edge with vertices in between) get those vertices too and the new one in the piece under the
 * handle (see `insertVertexOnSegment`). Refusals: invalid_coordinates, edge_not_found (no area has the
 * edge), and those of a move: self_intersection, outside_district, would_overlap.
 */
export function insertSharedVertex(snapshot: EditSnapshot, input: InsertVertexInput, tolerance = VERTEX_TOLERANCE_DEGREES): OpResult<Change> {
  const bad = checkPosition(input.segment[0]) ?? checkPosition(input.segment[1]) ?? checkPosition(input.at);
  if (bad) return bad;
  const at: [number, number] = [input.at[0], input.at[1]];
  const result = insertVertexOnSegment(snapshotGeometries(snapshot), input.segment, at, tolerance);
  if (!result.found) return refuse("edge_not_found", undefined, at);
  return reshapeChange(snapshot, "insert_vertex", result.geometries, tolerance);
}
