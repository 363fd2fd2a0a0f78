import type { MultiPolygon, Polygon, Position } from "geojson";

/** One finished vertex gesture on an area being reshaped. */
export type VertexEdit =
  | { kind: "move"; from: Position; to: Position }
  | { kind: "insert"; segment: [Position, Position]; at: Position }
  | { kind: "delete"; at: Position };

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
}

/** open ring (without the closing position) */
function open(ring: Position[]): Position[] {
  return ring.length > 1 && same(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring;
}

function diffRing(before: Position[], after: Position[]): VertexEdit | null {
  const a = open(before), b = open(after);
  if (b.length === a.length) {
    const changed = a.findIndex((p, i) => !same(p, b[i]));
    return changed === -1 ? null : { kind: "move", from: a[changed], to: b[changed] };
  }
  if (b.length === a.length + 1) {
    // the new vertex sits at the first index where the rings part; the rest is shifted by one
    let i = 0;
    while (i < a.length && same(a[i], b[i])) i++;
    const previous = a[(i - 1 + a.length) % a.length];
    const next = a[i % a.length];
    return { kind: "insert", segment: [previous, next], at: b[i] };
  }
  if (b.length === a.length - 1) {
    let i = 0;
    while (i < b.length && same(a[i], b[i])) i++;
    return { kind: "delete", at: a[i] };
  }
  return null;
}

/**
 * Used by the map's drawing adapter after a reshape gesture: compares the area before and after the drawing
 * library changed it and names the one vertex edit made (a drag, a midpoint insert — possibly dragged away —
 * or a delete), in the terms the shared-vertex ops take. Null when nothing (or more than one ring) changed.
 */
export function diffVertexEdit(before: Polygon | MultiPolygon, after: Polygon | MultiPolygon): VertexEdit | null {
  const ringsBefore = ringsOf(before), ringsAfter = ringsOf(after);
  if (ringsBefore.length !== ringsAfter.length) return null;
  let found: VertexEdit | null = null;
  for (let r = 0; r < ringsBefore.length; r++) {
    const edit = diffRing(ringsBefore[r], ringsAfter[r]);
    if (!edit) continue;
    if (found) return null;
    found = edit;
  }
  return found;
}
