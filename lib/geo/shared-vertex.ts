import type { Position } from "geojson";
import type { AreaGeometry } from "@/lib/domain/types";
import { bboxOfGeometry } from "./bbox";
import { nodePointsOnGeometry } from "./node-points";
import { pointSegmentDistance } from "./planar-distance";
import { closeRing, openRing } from "./rings";

/**
 * Shared-vertex geometry for reshaping edges that neighbours share (QGIS "topological editing", iD shared
 * nodes): every function takes the list of area geometries the editor holds (districts and small areas, null
 * for virtual small areas) and returns a list of the same length in which an unchanged geometry is the same
 * object, so callers can tell what changed by identity. Inputs are never modified.
 *
 * Positions within `tolerance` degrees on both axes are the same vertex (default 1e-9°, about 0.1 mm, the
 * coverage checks' `snapDegrees`). A "T-junction" is a vertex of some rings lying inside a straight edge of
 * another ring that does not have it; the functions below first add such vertices to that edge (which does
 * not change its shape) so that every ring along a boundary moves together.
 */

/** Default tolerance in degrees under which two positions are the same vertex (≈ 0.1 mm). */
export const VERTEX_TOLERANCE_DEGREES = 1e-9;

/** Where a vertex occurs: index into the geometry list, polygon (0 for a Polygon), ring, position. */
export interface VertexOccurrence {
  geometry: number;
  polygon: number;
  ring: number;
  index: number;
}

/** Used by every function here and by the ops: true when a and b are within `tolerance` on both axes. */
export function samePosition(a: Position, b: Position, tolerance = VERTEX_TOLERANCE_DEGREES): boolean {
  return Math.abs(a[0] - b[0]) <= tolerance && Math.abs(a[1] - b[1]) <= tolerance;
}

type Geometries = ReadonlyArray<AreaGeometry | null>;

function polygonCoordinates(geometry: AreaGeometry): Position[][][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Rebuilds a geometry ring by ring; `edit` returns its argument when a ring is unchanged, and then the
 * geometry itself is returned, so that unchanged geometries keep their identity.
 */
function mapRings(geometry: AreaGeometry, edit: (ring: Position[]) => Position[]): AreaGeometry {
  let changed = false;
  const polygons = polygonCoordinates(geometry).map((polygon) => {
    const rings = polygon.map(edit);
    if (rings.every((r, i) => r === polygon[i])) return polygon;
    changed = true;
    return rings;
  });
  if (!changed) return geometry;
  // a new object without any stale `bbox` member
  return geometry.type === "Polygon" ? { type: "Polygon", coordinates: polygons[0] } : { type: "MultiPolygon", coordinates: polygons };
}

function mapGeometries(geometries: Geometries, edit: (ring: Position[]) => Position[]): Array<AreaGeometry | null> {
  return geometries.map((g) => (g ? mapRings(g, edit) : g));
}

const copy = (p: Position): Position => [p[0], p[1]];

const sameCoordinates = (a: AreaGeometry, b: AreaGeometry | null) => !!b && a.type === b.type && JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);

/**
 * Used by the vertex ops to tell whether the user's position is a vertex at all: every ring position within
 * tolerance of `at`, across the geometries (the closing position of a ring is not listed separately).
 */
export function findVertex(geometries: Geometries, at: Position, tolerance = VERTEX_TOLERANCE_DEGREES): VertexOccurrence[] {
  const found: VertexOccurrence[] = [];
  geometries.forEach((geometry, g) => {
    if (!geometry) return;
    polygonCoordinates(geometry).forEach((polygon, p) =>
      polygon.forEach((ring, r) => ring.forEach((position, index) => {
        const closing = index > 0 && index === ring.length - 1 && position[0] === ring[0][0] && position[1] === ring[0][1];
        if (!closing && samePosition(position, at, tolerance)) found.push({ geometry: g, polygon: p, ring: r, index });
      })),
    );
  });
  return found;
}

/**
 * Used by the move op after {@link addVertexOnEdges}: replaces every position within tolerance of `from`
 * (the closing position of a ring included) by `to`, in every geometry. Landing on another vertex is still
 * just a move: nothing is merged.
 */
export function moveVertex(geometries: Geometries, from: Position, to: Position, tolerance = VERTEX_TOLERANCE_DEGREES): Array<AreaGeometry | null> {
  return mapGeometries(geometries, (ring) =>
    ring.some((p) => samePosition(p, from, tolerance)) ? ring.map((p) => (samePosition(p, from, tolerance) ? copy(to) : p)) : ring,
  );
}

/**
 * Used to heal T-junctions before a shared vertex is moved, deleted or an edge is split: adds `point` as a
 * vertex to every edge that passes through it (within tolerance) in rings that do not have it yet. The
 * shapes do not change; afterwards every ring whose boundary runs through `point` has it as a vertex.
 */
export function addVertexOnEdges(geometries: Geometries, point: Position, tolerance = VERTEX_TOLERANCE_DEGREES): Array<AreaGeometry | null> {
  return addVerticesOnEdges(geometries, [copy(point)], tolerance);
}

/** Whether the geometry's bbox, widened by the tolerance, holds one of the points (a cheap pre-filter). */
function bboxHolds(geometry: AreaGeometry, points: readonly Position[], tolerance: number): boolean {
  const [minX, minY, maxX, maxY] = bboxOfGeometry(geometry);
  return points.some(([x, y]) => x >= minX - tolerance && x <= maxX + tolerance && y >= minY - tolerance && y <= maxY + tolerance);
}

function addVerticesOnEdges(geometries: Geometries, points: Position[], tolerance: number): Array<AreaGeometry | null> {
  return geometries.map((g) => (g && bboxHolds(g, points, tolerance) ? nodePointsOnGeometry(g, points, tolerance).geometry : g));
}

/** Parameter of the projection of p on the line ab (0 at a, 1 at b). */
function along(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  return ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
}

/** Every vertex of the geometries lying on segment ab (ends included), sorted from a to b, without repeats. */
function verticesOnSegment(geometries: Geometries, a: Position, b: Position, tolerance: number): Position[] {
  const found: Position[] = [copy(a), copy(b)];
  for (const geometry of geometries) {
    if (!geometry) continue;
    for (const polygon of polygonCoordinates(geometry)) {
      for (const ring of polygon) {
        for (const p of ring) {
          if (pointSegmentDistance(p, a, b) > tolerance || found.some((f) => samePosition(f, p, tolerance))) continue;
          found.push(copy(p));
        }
      }
    }
  }
  return found.sort((p, q) => along(p, a, b) - along(q, a, b));
}

function isEdge(p: Position, q: Position, s: Position, t: Position, tolerance: number): boolean {
  return (samePosition(p, s, tolerance) && samePosition(q, t, tolerance)) || (samePosition(p, t, tolerance) && samePosition(q, s, tolerance));
}

function ringHasEdge(ring: readonly Position[], s: Position, t: Position, tolerance: number): boolean {
  return ring.some((p, i) => i > 0 && isEdge(ring[i - 1], p, s, t, tolerance));
}

/** Inserts `at` into every edge st or ts; returns the ring itself when it has no such edge. */
function insertIntoEdge(ring: Position[], s: Position, t: Position, at: Position, tolerance: number): Position[] {
  const open = openRing(ring);
  const out: Position[] = [];
  open.forEach((p, i) => {
    out.push(p);
    if (isEdge(p, open[(i + 1) % open.length], s, t, tolerance)) out.push(copy(at));
  });
  return out.length === open.length ? ring : closeRing(out);
}

/**
 * Used by the insert op (a midpoint of segment ab dragged to `at`, as mapbox-gl-draw does): adds `at` to
 * every ring that has the edge ab or ba. T-junction neighbours, whose rings run along ab with vertices in
 * between, are handled by first adding every vertex lying on ab to every ring along it (no change of shape);
 * the new vertex then goes into the piece of ab that holds the drag's start: `at` itself when it lies on ab,
 * else the midpoint of ab (where mapbox-gl-draw shows the handle); a start exactly on a vertex goes into the
 * piece after it, and an `at` that is already a vertex on ab is only added where it was missing. Rings
 * that do not get the new vertex are returned as they were. `found` is false (and the geometries are returned untouched) when no ring has an edge along ab.
 */
export function insertVertexOnSegment(
  geometries: Geometries,
  segment: readonly [Position, Position],
  at: Position,
  tolerance = VERTEX_TOLERANCE_DEGREES,
): { geometries: Array<AreaGeometry | null>; found: boolean } {
  const [a, b] = segment;
  const untouched = { geometries: geometries.slice(), found: false };
  if (samePosition(a, b, tolerance)) return untouched;
  const stops = verticesOnSegment(geometries, a, b, tolerance);
  const healed = addVerticesOnEdges(geometries, stops, tolerance);
  const hasEdge = (s: Position, t: Position) => healed.some((g) => g && polygonCoordinates(g).some((polygon) => polygon.some((ring) => ringHasEdge(ring, s, t, tolerance))));
  if (!stops.slice(1).some((t, i) => hasEdge(stops[i], t))) return untouched;

  const onSegment = pointSegmentDistance(at, a, b) <= tolerance;
  if (onSegment && stops.some((s) => samePosition(s, at, tolerance))) return { geometries: addVertexOnEdges(geometries, at, tolerance), found: true };
  const start = onSegment ? at : [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const k = Math.min(Math.max(0, stops.findLastIndex((s) => along(s, a, b) <= along(start, a, b))), stops.length - 2);
  const [s, t] = [stops[k], stops[k + 1]];
  // only the rings that get the new vertex change; the others keep their (unchanged) shape as they were
  const next = healed.map((g, i) => {
    const edited = g ? mapRings(g, (ring) => insertIntoEdge(ring, s, t, at, tolerance)) : g;
    return edited === g ? geometries[i] : edited;
  });
  return { geometries: next, found: true };
}

/** Why a shared vertex cannot be deleted (names match the edit refusal reasons). */
export type DeleteVertexProblem = "vertex_not_found" | "too_few_vertices" | "vertex_at_junction";

/** The neighbours of `at` in every ring that has it (the positions before and after it). */
function neighboursOf(geometries: Geometries, at: Position, tolerance: number): Position[] {
  const out: Position[] = [];
  for (const geometry of geometries) {
    if (!geometry) continue;
    for (const polygon of polygonCoordinates(geometry)) {
      for (const ring of polygon) {
        const open = openRing(ring);
        open.forEach((p, i) => {
          if (!samePosition(p, at, tolerance)) return;
          out.push(open[(i - 1 + open.length) % open.length], open[(i + 1) % open.length]);
        });
      }
    }
  }
  return out.filter((p) => !samePosition(p, at, tolerance));
}

/** Groups the neighbours by direction from `at`; each group keeps its nearest member. */
function directionsFrom(at: Position, neighbours: Position[], tolerance: number): Position[] {
  const nearest: Position[] = [];
  const d2 = (p: Position) => (p[0] - at[0]) ** 2 + (p[1] - at[1]) ** 2;
  for (const p of [...neighbours].sort((u, v) => d2(u) - d2(v))) {
    // p is at least as far as the group's nearest n: same direction when n lies on segment at→p
    if (!nearest.some((n) => pointSegmentDistance(n, at, p) <= tolerance)) nearest.push(p);
  }
  return nearest;
}

/** Removes `at` from a ring; where the ring's neighbour is farther than the nearest one of its direction, keeps that one. */
function deleteFromRing(ring: Position[], at: Position, nearest: Position[], tolerance: number): Position[] {
  if (!ring.some((p) => samePosition(p, at, tolerance))) return ring;
  const open = openRing(ring);
  const n = open.length;
  const nearestFor = (p: Position) => nearest.find((q) => samePosition(q, p, tolerance) || pointSegmentDistance(q, at, p) <= tolerance) ?? p;
  const out: Position[] = [];
  open.forEach((p, i) => {
    if (!samePosition(p, at, tolerance)) return void out.push(p);
    const before = nearestFor(open[(i - 1 + n) % n]);
    const after = nearestFor(open[(i + 1) % n]);
    if (!samePosition(before, open[(i - 1 + n) % n], tolerance)) out.push(copy(before));
    if (!samePosition(after, open[(i + 1) % n], tolerance)) out.push(copy(after));
  });
  return closeRing(out);
}

/** Number of distinct vertices of a ring, ignoring repeated consecutive positions and the closing one. */
function distinctVertexCount(ring: readonly Position[], tolerance: number): number {
  const open = openRing(ring);
  return open.filter((p, i) => !samePosition(p, open[(i + 1) % open.length], tolerance)).length;
}

/**
 * Used by the delete op: removes the vertex at `at` from every ring that has it (after healing T-junctions
 * there). Refused where three or more boundaries meet (`vertex_at_junction`: deleting it would open a gap
 * or an overlap, since each ring would cut the corner differently) and when a ring would keep fewer than 3
 * distinct vertices. Where rings along the same boundary have different neighbours of `at` (a small area's
 * boundary meets the district boundary nearby), the nearer neighbour is added to the others first, so that
 * every ring gets the same new edge.
 */
export function deleteVertex(
  geometries: Geometries,
  at: Position,
  tolerance = VERTEX_TOLERANCE_DEGREES,
): { ok: true; geometries: Array<AreaGeometry | null> } | { ok: false; problem: DeleteVertexProblem } {
  if (!findVertex(geometries, at, tolerance).length) return { ok: false, problem: "vertex_not_found" };
  const healed = addVertexOnEdges(geometries, at, tolerance);
  const nearest = directionsFrom(at, neighboursOf(healed, at, tolerance), tolerance);
  if (nearest.length !== 2) return { ok: false, problem: "vertex_at_junction" };
  const next = mapGeometries(healed, (ring) => {
    const edited = deleteFromRing(ring, at, nearest, tolerance);
    return edited !== ring && distinctVertexCount(edited, tolerance) < 3 ? [] : edited;
  });
  const tooFew = next.some((g) => g && polygonCoordinates(g).some((polygon) => polygon.some((ring) => ring.length === 0)));
  if (tooFew) return { ok: false, problem: "too_few_vertices" };
  // a ring only healed at `at` and then relieved of it is back as it was: keep the original
  return { ok: true, geometries: next.map((g, i) => (g && g !== geometries[i] && sameCoordinates(g, geometries[i]) ? geometries[i] : g)) };
}
