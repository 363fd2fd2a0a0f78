import type { Polygon, Position } from "geojson";
import { NODE_TOLERANCE, nodePointsOnRing } from "./node-points";
import { isRingCounterClockwise } from "./ring-area";
import { closeRing, openRing, windRing } from "./rings";
import { traceFaces } from "./trace-faces";

/** The merged polygon, or why the polygons cannot be merged into one. */
export type MergeResult = { ok: true; polygon: Polygon } | { ok: false; reason: "merge_not_adjacent" };

/** Rings of one input polygon: open, outer counter-clockwise first, holes clockwise. */
type Rings = Position[][];

function normalise(polygon: Polygon): Rings {
  return polygon.coordinates
    .map((ring, r) => windRing(openRing(ring), r === 0))
    .filter((ring) => ring.length >= 3);
}

/** Every ring with the vertices of the other polygons that lie on its edges inserted (T-junctions noded). */
function nodeTJunctions(polygons: Rings[]): Rings[] {
  return polygons.map((rings, i) => {
    const others = polygons.flatMap((other, j) => (j === i ? [] : other.flat()));
    return rings.map((ring) => nodePointsOnRing(ring, others, NODE_TOLERANCE));
  });
}

/** Grid cell (degrees) for finding positions within the tolerance of each other. */
const CELL = 1e-9;

/** Dense vertex ids; positions closer than the tolerance share the id (and the coordinates) of the first. */
class VertexIds {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  private readonly exact = new Map<string, number>();
  private readonly cells = new Map<string, number[]>();

  idOf(p: Position): number {
    const key = `${p[0]},${p[1]}`;
    const known = this.exact.get(key) ?? this.nearby(p);
    if (known !== undefined) {
      this.exact.set(key, known);
      return known;
    }
    const id = this.xs.length;
    this.xs.push(p[0]);
    this.ys.push(p[1]);
    this.exact.set(key, id);
    const cell = `${Math.floor(p[0] / CELL)},${Math.floor(p[1] / CELL)}`;
    this.cells.set(cell, [...(this.cells.get(cell) ?? []), id]);
    return id;
  }

  position(id: number): Position {
    return [this.xs[id], this.ys[id]];
  }

  private nearby(p: Position): number | undefined {
    const cx = Math.floor(p[0] / CELL), cy = Math.floor(p[1] / CELL);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const hit = this.cells.get(`${cx + dx},${cy + dy}`)?.find((id) => Math.abs(this.xs[id] - p[0]) <= NODE_TOLERANCE && Math.abs(this.ys[id] - p[1]) <= NODE_TOLERANCE);
        if (hit !== undefined) return hit;
      }
    }
    return undefined;
  }
}

/** Minimal union-find over polygon indices: which polygons are joined by shared edges. */
function makeUnion(n: number) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  return { find, join: (a: number, b: number) => void (parent[find(a)] = find(b)) };
}

/**
 * Adds every directed ring segment, cancelling it against a twin running the other way (a shared edge), and
 * joins the owners of the twins. What is left is the boundary of the union.
 */
function cancelSharedEdges(polygons: Rings[], ids: VertexIds, join: (a: number, b: number) => void): Map<string, number[]> {
  const open = new Map<string, number[]>();
  polygons.forEach((rings, owner) => {
    for (const ring of rings) {
      const vs = ring.map((p) => ids.idOf(p));
      vs.forEach((a, k) => {
        const b = vs[(k + 1) % vs.length];
        if (a === b) return;
        const twin = open.get(`${b},${a}`);
        if (twin?.length) join(owner, twin.pop()!);
        else open.set(`${a},${b}`, [...(open.get(`${a},${b}`) ?? []), owner]);
      });
    }
  });
  for (const [key, owners] of open) if (!owners.length) open.delete(key);
  return open;
}

/** Splits a closed vertex cycle at repeated vertices (a boundary that touches itself) into simple loops. */
function splitAtRepeats(cycle: number[]): number[][] {
  const loops: number[][] = [];
  const path: number[] = [];
  const at = new Map<number, number>();
  for (const v of cycle) {
    const k = at.get(v);
    if (k !== undefined) {
      const loop = path.splice(k);
      loops.push(loop);
      loop.forEach((u) => at.delete(u));
    }
    at.set(v, path.length);
    path.push(v);
  }
  if (path.length) loops.push(path);
  return loops.filter((loop) => loop.length >= 3);
}

/**
 * Traces the leftover boundary into rings: faces on the inner side of the leftovers give outer rings
 * (counter-clockwise), the other bounded faces are holes (clockwise).
 */
function traceRings(leftover: Map<string, number[]>, ids: VertexIds): { outers: Position[][]; holes: Position[][] } {
  const from: number[] = [], to: number[] = [];
  for (const key of leftover.keys()) {
    const [a, b] = key.split(",").map(Number);
    from.push(a);
    to.push(b);
  }
  const outers: Position[][] = [], holes: Position[][] = [];
  for (const face of traceFaces({ table: ids, from, to })) {
    const [v0, v1] = face.vertices;
    const filled = leftover.has(`${v0},${v1}`);
    const cycle = filled ? face.vertices : [...face.vertices].reverse();
    for (const loop of splitAtRepeats(cycle)) {
      const ring = loop.map((id) => ids.position(id));
      if (isRingCounterClockwise(ring) === filled) (filled ? outers : holes).push(ring);
    }
  }
  return { outers, holes };
}

/**
 * Used by the merge op: joins polygons that share edges into one polygon by segment cancellation (not by a
 * boolean union, so no vertex moves): T-junctions are noded first (a vertex of one polygon lying on an edge
 * of another, within 1e-12°, splits that edge), segments shared in both directions cancel, and the rest is
 * traced into an outer ring (counter-clockwise) and holes (clockwise). Every vertex left keeps its
 * coordinates bit-for-bit, including collinear ones at former junctions (neighbours share them). Refused
 * with `merge_not_adjacent` unless the polygons form one piece joined through shared edges (touching at a
 * point is not enough).
 */
export function mergePolygons(polygons: Polygon[]): MergeResult {
  const rings = nodeTJunctions(polygons.map(normalise).filter((r) => r.length));
  if (!rings.length) return { ok: false, reason: "merge_not_adjacent" };
  const ids = new VertexIds();
  const { find, join } = makeUnion(rings.length);
  const leftover = cancelSharedEdges(rings, ids, join);
  if (rings.some((_, i) => find(i) !== find(0))) return { ok: false, reason: "merge_not_adjacent" };
  const { outers, holes } = traceRings(leftover, ids);
  if (outers.length !== 1) return { ok: false, reason: "merge_not_adjacent" };
  return { ok: true, polygon: { type: "Polygon", coordinates: [closeRing(outers[0]), ...holes.map(closeRing)] } };
}
