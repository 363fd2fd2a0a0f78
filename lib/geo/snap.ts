import type { Geometry, Position } from "geojson";
import { bboxesIntersect, bboxOfPositions, type Bbox } from "./bbox";
import { metresPerDegree } from "./metres-per-degree";
import { pointSegmentDistance } from "./planar-distance";
import { closeRing, openRing } from "./rings";

/**
 * Snapping as QGIS does it: within the tolerance, the nearest existing vertex wins; failing that, the nearest
 * point on an existing edge; failing that, the point stays where it is. Work is done in a local planar frame
 * around the point (metres per degree at its latitude), so a tolerance means the same on the ground east-west
 * and north-south.
 *
 * The map adapter (lib/map) turns its pixel tolerance into metres at the current zoom and latitude (ground
 * metres per screen pixel × pixels, e.g. QGIS's 12 px) and passes `{ metres }`; a tolerance in degrees per
 * axis (`{ x, y }`) is for callers that already work in degrees.
 */

/** How far a snap reaches: metres on the ground, or degrees of longitude (x) and latitude (y). */
export type SnapTolerance = { metres: number } | { x: number; y: number };

/** A ring or line whose vertices and edges can be snapped to (lon/lat). */
export type SnapTarget = readonly Position[];

/** Where a point snapped: to a vertex, onto an edge (with that edge), or nowhere (the point itself). */
export interface SnapResult {
  position: Position;
  kind: "vertex" | "edge" | "none";
  /** ground distance in metres from the point to `position` (0 for "none") */
  distanceM: number;
  /** the edge snapped onto, when kind is "edge" */
  segment?: [Position, Position];
}

/**
 * Used by the editor to build the snapping targets once per gesture: every ring and line of the geometries
 * (points are left out), optionally only those whose bbox comes within `near` = [west, south, east, north].
 */
export function snapTargetsOf(geometries: ReadonlyArray<Geometry | null>, near?: Bbox): SnapTarget[] {
  const targets: SnapTarget[] = [];
  const add = (line: Position[]) => {
    if (!near || bboxesIntersect(bboxOfPositions(line), near)) targets.push(line);
  };
  const visit = (g: Geometry | null) => {
    if (!g) return;
    if (g.type === "LineString") add(g.coordinates);
    else if (g.type === "MultiLineString" || g.type === "Polygon") g.coordinates.forEach(add);
    else if (g.type === "MultiPolygon") g.coordinates.forEach((polygon) => polygon.forEach(add));
    else if (g.type === "GeometryCollection") g.geometries.forEach(visit);
  };
  geometries.forEach(visit);
  return targets;
}

/** The frame: scales that make the tolerance 1 unit on each axis, and metres per degree for distances. */
function frameAt(point: Position, tolerance: SnapTolerance) {
  const [mx, my] = metresPerDegree(point[1]);
  const [sx, sy] = "metres" in tolerance ? [mx / tolerance.metres, my / tolerance.metres] : [1 / tolerance.x, 1 / tolerance.y];
  const local = (p: Position): Position => [(p[0] - point[0]) * sx, (p[1] - point[1]) * sy];
  const metres = (p: Position) => Math.hypot((p[0] - point[0]) * mx, (p[1] - point[1]) * my);
  return { sx, sy, local, metres };
}

/** Where on edge ab (in lon/lat) the point nearest the origin of the local frame lies. */
function nearestOnEdge(a: Position, b: Position, la: Position, lb: Position): Position {
  const dx = lb[0] - la[0];
  const dy = lb[1] - la[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (-la[0] * dx - la[1] * dy) / len2));
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

/**
 * Used while drawing (each click and mouse move, through the map adapter) and by {@link snapRing}: snaps
 * `point` to the nearest vertex of the targets within the tolerance, else to the nearest point on one of
 * their edges within it, else leaves it (kind "none").
 */
export function snapPosition(point: Position, targets: readonly SnapTarget[], tolerance: SnapTolerance): SnapResult {
  const none: SnapResult = { position: point, kind: "none", distanceM: 0 };
  const reach = "metres" in tolerance ? tolerance.metres : Math.min(tolerance.x, tolerance.y);
  if (!(reach > 0)) return none;
  const { sx, sy, local, metres } = frameAt(point, tolerance);
  const [west, east, south, north] = [point[0] - 1 / sx, point[0] + 1 / sx, point[1] - 1 / sy, point[1] + 1 / sy];
  const origin: Position = [0, 0];
  let vertex: { p: Position; d: number } | null = null;
  let edge: { a: Position; b: Position; d: number } | null = null;
  for (const line of targets) {
    for (let i = 0; i < line.length; i++) {
      const b = line[i];
      if (b[0] >= west && b[0] <= east && b[1] >= south && b[1] <= north) {
        const d = Math.hypot(...(local(b) as [number, number]));
        if (d <= 1 && (!vertex || d < vertex.d)) vertex = { p: b, d };
      }
      if (i === 0 || vertex) continue; // a vertex within reach beats any edge
      const a = line[i - 1];
      if (Math.max(a[0], b[0]) < west || Math.min(a[0], b[0]) > east || Math.max(a[1], b[1]) < south || Math.min(a[1], b[1]) > north) continue;
      const d = pointSegmentDistance(origin, local(a), local(b));
      if (d <= 1 && (!edge || d < edge.d)) edge = { a, b, d };
    }
  }
  if (vertex) return { position: [vertex.p[0], vertex.p[1]], kind: "vertex", distanceM: metres(vertex.p) };
  if (!edge) return none;
  const position = nearestOnEdge(edge.a, edge.b, local(edge.a), local(edge.b));
  return { position, kind: "edge", distanceM: metres(position), segment: [edge.a, edge.b] };
}

/**
 * Used when a drawn district or freehand small area is finished: snaps every vertex of the drawn ring (closed
 * or not) with {@link snapPosition}, drops vertices that snapped onto the one before (or onto the first),
 * and returns the ring closed. The tolerance is the drawing tolerance the adapter used (metres at the zoom the shape was drawn).
 */
export function snapRing(ring: readonly Position[], targets: readonly SnapTarget[], tolerance: SnapTolerance): Position[] {
  return closeRing(openRing(openRing(ring).map((p) => snapPosition(p, targets, tolerance).position)));
}
