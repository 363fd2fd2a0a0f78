import type { MultiPolygon, Polygon, Position } from "geojson";
import { bboxesIntersect, bboxOfGeometry, bboxOfPositions, type Bbox } from "@/lib/geo/bbox";
import { nodePointsOnGeometry } from "@/lib/geo/node-points";
import { verticesOf } from "@/lib/geo/rings";
import type { Refusal } from "../refusals";
import type { Delete, EditableEntity, EditSnapshot, Put, SmallAreaEntity } from "../types";

/**
 * Small builders shared by the area ops (split, merge, draw, delete, attributes): puts and deletes with the
 * right base versions, temporary ids, codes in use, and handing new boundary vertices to the neighbours.
 */

/** Used by ops whose steps return a value or a refusal: true for the refusal. */
export function isRefusal<T>(value: T | Refusal): value is Refusal {
  return typeof value === "object" && value !== null && (value as Partial<Refusal>).ok === false;
}

/** Used by ops that change an existing entity: its whole new state, based on the version the op read. */
export function putUpdate<E extends EditableEntity>(entity: E, changes: Partial<E>): Put {
  return { entity: { ...entity, ...changes }, baseVersion: entity.version };
}

/** Used by ops that make an entity: version 0, no base version (the id must be free). */
export function putCreate(entity: EditableEntity): Put {
  return { entity: { ...entity, version: 0 }, baseVersion: null };
}

/** Used by ops that remove an entity still at the version the op read. */
export function deleteOf(entity: EditableEntity): Delete {
  return { type: entity.type, id: entity.id, baseVersion: entity.version };
}

/**
 * Used by ops that make entities: `count` temporary ids, -1, -2, … (below any temporary id the snapshot
 * still holds from an edit the server has not answered yet). The server replaces them.
 */
export function temporaryIds(snapshot: EditSnapshot, count: number): number[] {
  const ids = [snapshot.districts, snapshot.smallAreas, snapshot.buildings ?? [], snapshot.housingUnits ?? []].flatMap((list) => list.map((e) => e.id));
  const lowest = ids.reduce((low, id) => Math.min(low, id), 0);
  return Array.from({ length: count }, (_, k) => lowest - 1 - k);
}

/** Used to number and check codes: the codes of a district's small areas, leaving out `exceptId`. */
export function takenCodes(snapshot: EditSnapshot, districtId: number, exceptId?: number): string[] {
  return snapshot.smallAreas.filter((s) => s.districtId === districtId && s.id !== exceptId).map((s) => s.code);
}

/** Used by split and draw: whether a district has small areas with territory (virtual ones have none). */
export function hasTerritorialSmallAreas(snapshot: EditSnapshot, districtId: number): boolean {
  return snapshot.smallAreas.some((s) => s.districtId === districtId && !s.isVirtual && s.geometry !== null);
}

/** Used by split and merge: the one polygon of an area (a MultiPolygon of one part counts), else null. */
export function singlePolygon(geometry: Polygon | MultiPolygon | null): Polygon | null {
  if (!geometry) return null;
  if (geometry.type === "Polygon") return geometry;
  return geometry.coordinates.length === 1 ? { type: "Polygon", coordinates: geometry.coordinates[0] } : null;
}

/** Used by split, merge and draw to build a new small area of a district. */
export function newSmallArea(id: number, districtId: number, code: string, geometry: Polygon | MultiPolygon): SmallAreaEntity {
  return { type: "small_area", id, version: 0, districtId, code, name: null, isVirtual: false, geometry, status: "draft", notes: null };
}

/**
 * Used by split and draw after they made new boundary vertices (the ends of a cut, the corners of a clipped
 * drawing): every other district and small area of the snapshot with an edge through one of `points`
 * (within `tolerance` degrees) gets that point as a vertex too, so neighbours share it bit-for-bit and a
 * later shared-vertex drag moves all of them. `skip` holds "type/id" keys of entities the op writes itself.
 */
export function putsForNewVertices(snapshot: EditSnapshot, points: readonly Position[], tolerance: number, skip: ReadonlySet<string> = new Set()): Put[] {
  if (!points.length) return [];
  const [minX, minY, maxX, maxY] = bboxOfPositions(points);
  const box: Bbox = [minX - tolerance, minY - tolerance, maxX + tolerance, maxY + tolerance];
  const puts: Put[] = [];
  for (const entity of [...snapshot.districts, ...snapshot.smallAreas]) {
    if (!entity.geometry || skip.has(`${entity.type}/${entity.id}`)) continue;
    if (!bboxesIntersect(box, bboxOfGeometry(entity.geometry))) continue;
    const { geometry, inserted } = nodePointsOnGeometry(entity.geometry, points, tolerance);
    if (inserted) puts.push(putUpdate<EditableEntity>(entity, { geometry }));
  }
  return puts;
}

/**
 * Used by the draw ops on the new shape, the other way round from {@link putsForNewVertices}: the vertices
 * of the snapshot's districts and small areas that lie on the shape's edges (within `tolerance` degrees)
 * become vertices of the shape, so the boundary it shares with them has the same vertices on both sides.
 */
export function withNeighbourVertices<G extends Polygon | MultiPolygon>(
  snapshot: EditSnapshot,
  geometry: G,
  tolerance: number,
  outline?: Polygon | MultiPolygon | null,
): G {
  const box = bboxOfGeometry(geometry);
  const near: Position[] = outline ? verticesOf(outline) : [];
  for (const entity of [...snapshot.districts, ...snapshot.smallAreas]) {
    if (entity.geometry && bboxesIntersect(box, bboxOfGeometry(entity.geometry))) near.push(...verticesOf(entity.geometry));
  }
  return nodePointsOnGeometry(geometry, near, tolerance).geometry;
}

/**
 * Used by the draw ops around Turf's clipping, which throws on some degenerate input (rings that touch
 * themselves in ways the validity rules allow): the result, or an `invalid` refusal at `place`.
 */
export function clipSafely<T>(clip: () => T, place: string): T | Refusal {
  try {
    return clip();
  } catch {
    return { ok: false, reason: "invalid", place };
  }
}
