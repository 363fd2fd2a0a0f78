import type { Position } from "geojson";
import { checkGeometryValidity } from "@/lib/coverage/validity";
import type { AreaGeometry } from "@/lib/domain/types";
import { bboxesIntersect, bboxOfGeometry, bboxOfPositions, type Bbox } from "@/lib/geo/bbox";
import { pointSegmentDistance } from "@/lib/geo/planar-distance";
import { pointInArea } from "@/lib/geo/point-in-polygon";
import { segmentsCross } from "@/lib/geo/segments-cross";
import { refuse, type OpResult, type Refusal, type RefusalReason } from "../refusals";
import type { AreaEntity, Change, ChangeLabel, EditableEntity, EditSnapshot } from "../types";
import { putUpdate } from "./entity-changes";

/**
 * The checks shared by the three shared-vertex ops (move, insert, delete): they change the geometry of every
 * district and small area along one boundary at once, then this module turns the changed geometries into one
 * Change, or refuses it when a changed ring crosses itself, a small area would leave its district, or a
 * changed edge would cut into an area that does not share it.
 */

type Edge = [Position, Position];

/** One entity whose geometry the op changed, with what is new in it. */
interface ChangedArea {
  entity: EditableEntity & { geometry: AreaGeometry };
  before: AreaGeometry;
  after: AreaGeometry;
  place: string;
  /** edges of `after` that `before` did not have */
  edges: Edge[];
  /** positions of `after` that `before` did not have */
  vertices: Position[];
  /** bbox of the new and the removed edges: where ground changed hands */
  box: Bbox;
}

/** Used by the vertex ops to read the snapshot: the geometries of its districts, then of its small areas. */
export function snapshotGeometries(snapshot: EditSnapshot): Array<AreaGeometry | null> {
  return [...snapshot.districts.map((d) => d.geometry), ...snapshot.smallAreas.map((s) => s.geometry)];
}

/** Used by the vertex ops on the user's positions: refuses NaN, infinities and positions off the globe. */
export function checkPosition(p: Position): Refusal | null {
  const ok = Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
  return ok ? null : refuse("invalid_coordinates");
}

const pointOf = (p: Position): [number, number] => [p[0], p[1]];
const keyOf = (p: Position) => `${p[0]},${p[1]}`;
const edgeKey = (a: Position, b: Position) => [keyOf(a), keyOf(b)].sort().join(";");

function ringsOf(geometry: AreaGeometry): Position[][] {
  return geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
}

function edgesOf(geometry: AreaGeometry): Edge[] {
  const edges: Edge[] = [];
  for (const ring of ringsOf(geometry)) for (let i = 1; i < ring.length; i++) edges.push([ring[i - 1], ring[i]]);
  return edges;
}

function describeChange(entity: EditableEntity & { geometry: AreaGeometry }, after: AreaGeometry): ChangedArea {
  const before = entity.geometry;
  const oldEdges = new Set(edgesOf(before).map(([a, b]) => edgeKey(a, b)));
  const oldVertices = new Set(ringsOf(before).flat().map(keyOf));
  const newEdges = new Set(edgesOf(after).map(([a, b]) => edgeKey(a, b)));
  const edges = edgesOf(after).filter(([a, b]) => !oldEdges.has(edgeKey(a, b)));
  const removed = edgesOf(before).filter(([a, b]) => !newEdges.has(edgeKey(a, b)));
  const vertices = ringsOf(after).flat().filter((p) => !oldVertices.has(keyOf(p)));
  // the ground that changed hands lies between the removed and the new edges
  const box = edges.length + removed.length ? bboxOfPositions([...edges, ...removed].flat()) : bboxOfGeometry(after);
  return { entity, before, after, place: `${entity.type}/${entity.id}`, edges, vertices, box };
}

function onBoundary(p: Position, geometry: AreaGeometry, tolerance: number): boolean {
  return edgesOf(geometry).some(([a, b]) => pointSegmentDistance(p, a, b) <= tolerance);
}

function strictlyInside(p: Position, geometry: AreaGeometry, tolerance: number): boolean {
  return pointInArea(p, geometry) && !onBoundary(p, geometry, tolerance);
}

const edgeBox = ([a, b]: Edge): Bbox => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];

/** Where segments ab and cd (known to cross) cross. */
function crossingPoint([a, b]: Edge, [c, d]: Edge): [number, number] {
  const rx = b[0] - a[0], ry = b[1] - a[1], sx = d[0] - c[0], sy = d[1] - c[1];
  const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / (rx * sy - ry * sx);
  return [a[0] + t * rx, a[1] + t * ry];
}

/** Where the first of `edges` crosses an edge of `other` (bbox pre-filter per edge), or null. */
function firstCrossing(edges: readonly Edge[], other: readonly Edge[], tolerance: number): [number, number] | null {
  const boxes = edges.map(edgeBox);
  for (const o of other) {
    const ob = edgeBox(o);
    for (let i = 0; i < edges.length; i++) {
      if (bboxesIntersect(boxes[i], ob) && segmentsCross(edges[i][0], edges[i][1], o[0], o[1], tolerance)) return crossingPoint(edges[i], o);
    }
  }
  return null;
}

/**
 * self_intersection, too_few_vertices or invalid_coordinates, from the coverage validity rules (per ring),
 * then the new edges of one ring against the other rings of the same geometry.
 */
function validityRefusal(area: ChangedArea, tolerance: number): Refusal | null {
  const reasons: Record<string, RefusalReason> = {
    self_intersection: "self_intersection",
    too_few_positions: "too_few_vertices",
    non_finite: "invalid_coordinates",
    out_of_range: "invalid_coordinates",
  };
  const problem = checkGeometryValidity(area.after)[0];
  // an area that was invalid already may be edited (that is how it gets repaired); the checks report it
  if (problem && checkGeometryValidity(area.before).length) return null;
  if (problem) return refuse(reasons[problem.rule] ?? "invalid", area.place, problem.at ?? undefined);
  // rings of one geometry (outer and holes, parts) must not cross each other either
  const rings = ringsOf(area.after);
  for (const ring of rings) {
    const own = new Set(ring.slice(1).map((p, i) => edgeKey(ring[i], p)));
    const crossing = firstCrossing(area.edges.filter(([a, b]) => own.has(edgeKey(a, b))), edgesOf({ type: "Polygon", coordinates: rings.filter((r) => r !== ring) }), tolerance);
    if (crossing) return refuse("self_intersection", area.place, crossing);
  }
  return null;
}

/** A small area whose new vertices or edges leave its district (which may have moved along with it). */
function outsideDistrictRefusal(area: ChangedArea, district: AreaGeometry | null, tolerance: number): Refusal | null {
  if (area.entity.type !== "small_area" || !district) return null;
  const out = area.vertices.find((v) => !pointInArea(v, district) && !onBoundary(v, district, tolerance));
  if (out) return refuse("outside_district", area.place, pointOf(out));
  // where the district boundary is the area's own boundary, a crossing is the area crossing itself (validity)
  const own = new Set(edgesOf(area.after).map(([a, b]) => edgeKey(a, b)));
  const crossing = firstCrossing(area.edges, edgesOf(district).filter(([a, b]) => !own.has(edgeKey(a, b))), tolerance);
  return crossing ? refuse("outside_district", area.place, crossing) : null;
}

/** A changed area that cuts into, covers a vertex of, or moves a vertex into an area of its level. */
function overlapRefusal(area: ChangedArea, others: ReadonlyArray<{ id: number; geometry: AreaGeometry; box: Bbox }>, tolerance: number): Refusal | null {
  for (const other of others) {
    if (other.id === area.entity.id || !bboxesIntersect(other.box, area.box)) continue;
    const crossing = firstCrossing(area.edges, edgesOf(other.geometry), tolerance);
    if (crossing) return refuse("would_overlap", area.place, crossing);
    const moved = area.vertices.find((v) => strictlyInside(v, other.geometry, tolerance));
    if (moved) return refuse("would_overlap", area.place, pointOf(moved));
    const [x0, y0, x1, y1] = area.box;
    const covered = ringsOf(other.geometry)
      .flat()
      .find((v) => v[0] >= x0 && v[0] <= x1 && v[1] >= y0 && v[1] <= y1 && strictlyInside(v, area.after, tolerance) && !strictlyInside(v, area.before, tolerance));
    if (covered) return refuse("would_overlap", area.place, pointOf(covered));
  }
  return null;
}

/** The other areas of one level with their (new) geometry and bbox. */
function areasOf(entities: readonly EditableEntity[], geometries: ReadonlyArray<AreaGeometry | null>) {
  return entities.flatMap((e, i) => {
    const geometry = geometries[i];
    return geometry ? [{ id: e.id, geometry, box: bboxOfGeometry(geometry) }] : [];
  });
}

/**
 * Used by moveSharedVertex, insertSharedVertex and deleteSharedVertex: compares the snapshot with the new
 * geometries (districts then small areas, as {@link snapshotGeometries}; an unchanged geometry is the same
 * object), checks every changed area, and returns one Change that puts each changed entity at its base
 * version, or the first refusal, whose `at` is where the rule breaks (where edges cross, the vertex that left
 * or entered). Checks, in order:
 * 1. outside_district: a small area's new vertex or edge leaves its district. First, because it names the
 *    cause when a vertex dragged out also folds a ring. A small-area vertex on the district boundary moves the
 *    district with it, so only vertices inside the district can leave it.
 * 2. self_intersection, too_few_vertices: validity of each changed geometry (coverage rules, then ring against
 *    ring); skipped for a geometry that was invalid already, so that it can be repaired.
 * 3. would_overlap: a new edge crosses an area of the same level that does not share it, a new vertex enters
 *    one, or the area now covers one of its vertices. Touching is not crossing; the coverage checks remain the
 *    safety net for degenerate cases (an edge passing exactly through a foreign vertex).
 */
export function reshapeChange(snapshot: EditSnapshot, label: ChangeLabel, next: ReadonlyArray<AreaGeometry | null>, tolerance: number): OpResult<Change> {
  const entities: AreaEntity[] = [...snapshot.districts, ...snapshot.smallAreas];
  const changed: ChangedArea[] = [];
  entities.forEach((entity, i) => {
    const after = next[i];
    if (after && entity.geometry && after !== entity.geometry) changed.push(describeChange(entity as ChangedArea["entity"], after));
  });
  const districtGeometry = new Map(snapshot.districts.map((d, i) => [d.id, next[i]]));
  for (const area of changed) {
    const district = area.entity.type === "small_area" ? (districtGeometry.get(area.entity.districtId) ?? null) : null;
    const refusal = outsideDistrictRefusal(area, district, tolerance);
    if (refusal) return refusal;
  }
  for (const area of changed) {
    const refusal = validityRefusal(area, tolerance);
    if (refusal) return refusal;
  }
  const districts = areasOf(snapshot.districts, next.slice(0, snapshot.districts.length));
  const smallAreas = areasOf(snapshot.smallAreas, next.slice(snapshot.districts.length));
  for (const area of changed) {
    const refusal = overlapRefusal(area, area.entity.type === "district" ? districts : smallAreas, tolerance);
    if (refusal) return refusal;
  }
  return { ok: true, change: { label, puts: changed.map((c) => putUpdate(c.entity, { geometry: c.after })), deletes: [] } };
}
