import type { Position } from "geojson";
import { addVertexOnEdges, findVertex, moveVertex, samePosition, VERTEX_TOLERANCE_DEGREES } from "@/lib/geo/shared-vertex";
import { refuse, type OpResult } from "../refusals";
import type { Change, EditSnapshot } from "../types";
import { checkPosition, reshapeChange, snapshotGeometries } from "./reshape-change";

/** A finished vertex drag: the vertex was at `from` and was dropped at `to` (lon/lat). */
export interface MoveVertexInput {
  from: Position;
  to: Position;
}

/**
 * Used when the user drags a vertex while reshaping (one drag = one Change = one undo step): moves the vertex
 * at `from` to `to` in every district and small area of the snapshot that has it, so that neighbours keep
 * sharing the edge — a district-boundary vertex moves the neighbouring district and the small areas on both
 * sides that follow it. Where the vertex lies on a straight edge of an area that lacks it (a T-junction, or a
 * small-area corner on the district boundary), that area gets the vertex first and so moves too, rather than
 * opening a gap: a small-area vertex on its district's boundary moves the district boundary.
 * Dropping the vertex on another vertex is just a move (nothing is merged); a drag that ends where it started
 * is an empty Change.
 * Refusals: invalid_coordinates, vertex_not_found, self_intersection, too_few_vertices, outside_district (a
 * small-area vertex inside its district dragged out of it), would_overlap (a moved edge cuts into an area
 * that does not share it).
 */
export function moveSharedVertex(snapshot: EditSnapshot, input: MoveVertexInput, tolerance = VERTEX_TOLERANCE_DEGREES): OpResult<Change> {
  const bad = checkPosition(input.from) ?? checkPosition(input.to);
  if (bad) return bad;
  const geometries = snapshotGeometries(snapshot);
  const at: [number, number] = [input.to[0], input.to[1]];
  if (!findVertex(geometries, input.from, tolerance).length) return refuse("vertex_not_found", undefined, [input.from[0], input.from[1]]);
  if (samePosition(input.from, input.to, 0)) return { ok: true, change: { label: "move_vertex", puts: [], deletes: [] } };
  const moved = moveVertex(addVertexOnEdges(geometries, input.from, tolerance), input.from, at, tolerance);
  return reshapeChange(snapshot, "move_vertex", moved, tolerance);
}
