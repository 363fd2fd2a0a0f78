import type { Polygon, Position } from "geojson";
import { checkGeometryValidity, type GeometryProblem } from "@/lib/coverage/validity";
import { refuse, type Refusal, type RefusalReason } from "../refusals";
import type { CutLine, DrawnPolygon } from "../types";

const REASONS: Record<GeometryProblem["rule"], RefusalReason> = {
  non_finite: "invalid_coordinates",
  out_of_range: "invalid_coordinates",
  too_few_positions: "too_few_vertices",
  not_closed: "invalid",
  self_intersection: "self_intersection",
  wrong_type: "invalid",
};

const validPosition = (p: Position) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

function closed(ring: Position[]): Position[] {
  if (!Array.isArray(ring) || !ring.length || !validPosition(ring[0])) return ring;
  const first = ring[0], last = ring[ring.length - 1];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

/**
 * Used by the draw ops on the polygon the user drew: closes rings left open, then applies the coverage
 * engine's validity rules (one self-intersection test for the whole app) and turns the first problem into a
 * refusal — `invalid_coordinates`, `too_few_vertices`, `self_intersection` or `invalid` — placed at
 * `polygon.coordinates[r]…`.
 */
export function checkDrawnPolygon(polygon: DrawnPolygon): Polygon | Refusal {
  if (!polygon || polygon.type !== "Polygon" || !Array.isArray(polygon.coordinates) || !polygon.coordinates.length) return refuse("invalid", "polygon");
  const closedPolygon: Polygon = { type: "Polygon", coordinates: polygon.coordinates.map(closed) };
  const problem = checkGeometryValidity(closedPolygon)[0];
  if (!problem) return closedPolygon;
  return refuse(REASONS[problem.rule], `polygon.${problem.place}`, problem.at ?? undefined);
}

/** Used by the split ops on the line the user drew: two or more positions, all finite lon/lat. */
export function checkCutLine(line: CutLine): Refusal | null {
  if (!Array.isArray(line) || line.length < 2) return refuse("split_line_does_not_cross", "line");
  const bad = line.findIndex((p) => !validPosition(p));
  return bad === -1 ? null : refuse("invalid_coordinates", `line[${bad}]`);
}
