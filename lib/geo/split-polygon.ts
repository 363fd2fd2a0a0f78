import type { Polygon, Position } from "geojson";
import { NODE_TOLERANCE } from "./node-points";
import { segmentsIntersect } from "./planar-distance";
import { pointInPolygon, pointInRing } from "./point-in-polygon";
import { closeRing, openRing, windRing } from "./rings";

/** Why a line cannot split a polygon (a subset of the edit refusal reasons). */
export type SplitRefusalReason = "split_line_does_not_cross" | "split_line_crosses_twice" | "self_intersection";

/** The two pieces (outer rings counter-clockwise) and the cut they share, from boundary to boundary. */
export type SplitResult =
  | { ok: true; pieces: [Polygon, Polygon]; cut: Position[] }
  | { ok: false; reason: SplitRefusalReason; at?: [number, number] };

const TOL = NODE_TOLERANCE;

/** A place where the line meets a ring: how far along the line, on which ring, where on that ring. */
interface Hit {
  /** index of the line vertex before it plus the fraction of that line segment */
  along: number;
  /** 0 = outer ring, 1… = holes */
  ring: number;
  /** the ring vertex (s = 0) or the ring edge starting at that vertex (0 < s < 1) */
  edge: number;
  s: number;
  point: Position;
}

/** A point of the line that bounds a piece: a hit, or an end of the line lying off every ring. */
type Station = { along: number; point: Position; hit: Hit | null };

const dist2 = (a: Position, b: Position) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
const near = (a: Position, b: Position) => dist2(a, b) <= TOL * TOL;
const xy = (p: Position): [number, number] => [p[0], p[1]];

/** Fraction along ab of the point of ab nearest to p, and that point's squared distance to p. */
function project(p: Position, a: Position, b: Position): { t: number; d2: number } {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return { t, d2: dist2(p, [a[0] + t * dx, a[1] + t * dy]) };
}

/** Ring vertices lying on the line (the line passes exactly through an existing vertex). */
function vertexHits(line: Position[], ring: Position[], r: number, out: Hit[]): void {
  ring.forEach((v, j) => {
    for (let k = 0; k + 1 < line.length; k++) {
      const { t, d2 } = project(v, line[k], line[k + 1]);
      if (d2 <= TOL * TOL) out.push({ along: k + t, ring: r, edge: j, s: 0, point: v });
    }
  });
}

/** Line vertices lying inside a ring edge (a line end snapped onto the boundary): the line's own position. */
function lineVertexHits(line: Position[], ring: Position[], r: number, out: Hit[]): void {
  line.forEach((p, k) => {
    for (let j = 0; j < ring.length; j++) {
      const a = ring[j], b = ring[(j + 1) % ring.length];
      const { t, d2 } = project(p, a, b);
      if (d2 <= TOL * TOL && !near(p, a) && !near(p, b)) out.push({ along: k, ring: r, edge: j, s: t, point: p });
    }
  });
}

/** Proper crossings of a line segment and a ring edge away from both segments' ends, computed once. */
function crossingHits(line: Position[], ring: Position[], r: number, out: Hit[]): void {
  for (let k = 0; k + 1 < line.length; k++) {
    const a = line[k], b = line[k + 1];
    for (let j = 0; j < ring.length; j++) {
      const c = ring[j], d = ring[(j + 1) % ring.length];
      const den = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
      if (den === 0) continue;
      const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / den;
      const s = ((c[0] - a[0]) * (b[1] - a[1]) - (c[1] - a[1]) * (b[0] - a[0])) / den;
      if (t <= 0 || t >= 1 || s <= 0 || s >= 1) continue;
      const point = [c[0] + s * (d[0] - c[0]), c[1] + s * (d[1] - c[1])];
      if (near(point, a) || near(point, b) || near(point, c) || near(point, d)) continue; // found as a vertex hit
      out.push({ along: k + t, ring: r, edge: j, s, point });
    }
  }
}

/** Every place where the line meets any ring, in order along the line, a vertex met from two segments once. */
function findHits(line: Position[], rings: Position[][]): Hit[] {
  const hits: Hit[] = [];
  rings.forEach((ring, r) => {
    vertexHits(line, ring, r, hits);
    lineVertexHits(line, ring, r, hits);
    crossingHits(line, ring, r, hits);
  });
  hits.sort((p, q) => p.along - q.along);
  return hits.filter((h, i) => i === 0 || !(h.s === 0 && hits[i - 1].s === 0 && hits[i - 1].ring === h.ring && hits[i - 1].edge === h.edge));
}

/** The hits plus the line's ends where these lie off the rings. */
function stationsOf(line: Position[], hits: Hit[]): Station[] {
  const stations: Station[] = hits.map((hit) => ({ along: hit.along, point: hit.point, hit }));
  const first = line[0], last = line[line.length - 1];
  if (!hits.some((h) => near(h.point, first))) stations.unshift({ along: 0, point: first, hit: null });
  if (!hits.some((h) => near(h.point, last))) stations.push({ along: line.length - 1, point: last, hit: null });
  return stations;
}

/** The line between two stations: the stations' points and the line vertices strictly between them. */
function pathBetween(line: Position[], from: Station, to: Station): Position[] {
  const inner = line.filter((p, k) => k > from.along && k < to.along && !near(p, from.point) && !near(p, to.point));
  return [from.point, ...inner, to.point];
}

/** Whether the piece of line between two stations runs inside the polygon, outside, or along its boundary. */
function classifyPiece(path: Position[], polygon: Polygon, rings: Position[][]): "inside" | "outside" | "boundary" | "empty" {
  const k = path.findIndex((p, i) => i > 0 && dist2(p, path[i - 1]) > 100 * TOL * TOL);
  if (k === -1) return "empty";
  const probe = [(path[k - 1][0] + path[k][0]) / 2, (path[k - 1][1] + path[k][1]) / 2];
  const onBoundary = rings.some((ring) => ring.some((a, j) => project(probe, a, ring[(j + 1) % ring.length]).d2 <= TOL * TOL));
  if (onBoundary) return "boundary";
  return pointInPolygon(probe, polygon) ? "inside" : "outside";
}

/** The open outer ring with the cut's ends inserted (unless they are vertices), and where they sit in it. */
function ringWithEnds(outer: Position[], ends: [Hit, Hit]): { ring: Position[]; at: [number, number] } {
  const entries = outer.map((point, j) => ({ pos: j, point, end: -1 }));
  ends.forEach((h, e) => {
    if (h.s > 0) entries.push({ pos: h.edge + h.s, point: h.point, end: e });
    else entries[h.edge].end = entries[h.edge].end === -1 ? e : entries[h.edge].end;
  });
  entries.sort((p, q) => p.pos - q.pos);
  const at: [number, number] = [entries.findIndex((x) => x.end === 0), entries.findIndex((x) => x.end === 1)];
  return { ring: entries.map((x) => x.point), at };
}

/** Positions of an open ring from index `from` to index `to`, both included, going forward (wrapping). */
function cyclicSlice(ring: Position[], from: number, to: number): Position[] {
  const out: Position[] = [];
  for (let i = from; ; i = (i + 1) % ring.length) {
    out.push(ring[i]);
    if (i === to) return out;
  }
}

/** The holes that lie inside `outer`, judged by a hole vertex that is not on the outer ring. */
function holesInside(outer: Position[], holes: Position[][]): Position[][] {
  return holes.filter((hole) => {
    const probe = hole.find((p) => !outer.some((q) => q[0] === p[0] && q[1] === p[1])) ?? hole[0];
    return pointInRing(probe, outer);
  });
}

/** Builds the two pieces from the cut between two hits on the outer ring. */
function buildPieces(outer: Position[], holes: Position[][], cut: Position[], ends: [Hit, Hit]): [Polygon, Polygon] {
  const { ring, at } = ringWithEnds(outer, ends);
  const inner = cut.slice(1, -1);
  const ringA = closeRing(windRing([...cyclicSlice(ring, at[0], at[1]), ...[...inner].reverse()], true));
  const ringB = closeRing(windRing([...cyclicSlice(ring, at[1], at[0]), ...inner], true));
  const holesA = holesInside(ringA, holes);
  const holesB = holes.filter((h) => !holesA.includes(h));
  return [
    { type: "Polygon", coordinates: [ringA, ...holesA.map((h) => closeRing(windRing(h, false)))] },
    { type: "Polygon", coordinates: [ringB, ...holesB.map((h) => closeRing(windRing(h, false)))] },
  ];
}

/** The single piece of line inside the polygon, from boundary to boundary, or why there is none. */
function findCut(line: Position[], polygon: Polygon, rings: Position[][]): { ends: [Hit, Hit]; cut: Position[] } | Extract<SplitResult, { ok: false }> {
  const stations = stationsOf(line, findHits(line, rings));
  const inside: Array<{ from: Station; to: Station; path: Position[] }> = [];
  for (let i = 0; i + 1 < stations.length; i++) {
    const path = pathBetween(line, stations[i], stations[i + 1]);
    if (classifyPiece(path, polygon, rings) === "inside") inside.push({ from: stations[i], to: stations[i + 1], path });
  }
  if (!inside.length) return { ok: false, reason: "split_line_does_not_cross", at: xy(line[0]) };
  if (inside.length > 1) return { ok: false, reason: "split_line_crosses_twice", at: xy(inside[1].from.point) };
  const { from, to, path } = inside[0];
  if (!from.hit || !to.hit) return { ok: false, reason: "split_line_does_not_cross", at: xy(from.hit ? to.point : from.point) };
  if (from.hit.ring !== 0 || to.hit.ring !== 0) return { ok: false, reason: "split_line_crosses_twice", at: xy(from.hit.ring ? from.point : to.point) };
  if (near(from.point, to.point)) return { ok: false, reason: "split_line_does_not_cross", at: xy(from.point) };
  return { ends: [from.hit, to.hit], cut: path };
}

/**
 * Used by the split ops (a small area into two, a district into its first two small areas): cuts a polygon
 * along a line drawn across it. The line must enter and leave the outer ring once; its ends may lie outside
 * or exactly on the boundary, and it may pass through existing vertices. The pieces tile the polygon
 * exactly: every original vertex is kept bit-for-bit, each crossing point is computed once and used in both
 * pieces (the cut is the same positions in both), rings are closed, outer rings counter-clockwise, and each
 * hole goes to the piece that contains it. Refused: a line that does not cross from boundary to boundary
 * (`split_line_does_not_cross`), one that would make more than two pieces, touches the boundary from
 * inside, or runs into a hole (`split_line_crosses_twice`), and a cut that crosses itself
 * (`self_intersection`).
 */
export function splitPolygonByLine(polygon: Polygon, line: Position[]): SplitResult {
  const [outerIn, ...holesIn] = polygon.coordinates;
  const outer = windRing(openRing(outerIn ?? []), true);
  const holes = holesIn.map((h) => openRing(h));
  const path = openLine(line);
  if (outer.length < 3 || path.length < 2) return { ok: false, reason: "split_line_does_not_cross" };
  const found = findCut(path, { type: "Polygon", coordinates: [closeRing(outer), ...holes.map(closeRing)] }, [outer, ...holes]);
  if ("ok" in found) return found;
  const crossing = cutCrossesItself(found.cut);
  if (crossing) return { ok: false, reason: "self_intersection", at: crossing };
  return { ok: true, pieces: buildPieces(outer, holes, found.cut, found.ends), cut: found.cut };
}

/**
 * Where the cut touches itself (two non-adjacent segments meet), or null. The cut touches the rings only at
 * its ends, so a cut that does not touch itself gives two simple pieces.
 */
function cutCrossesItself(cut: Position[]): [number, number] | null {
  for (let i = 0; i + 2 < cut.length; i++) {
    const [a, b, c] = [cut[i], cut[i + 1], cut[i + 2]];
    const cross = (a[0] - b[0]) * (c[1] - b[1]) - (a[1] - b[1]) * (c[0] - b[0]);
    if (cross === 0 && (a[0] - b[0]) * (c[0] - b[0]) + (a[1] - b[1]) * (c[1] - b[1]) > 0) return xy(b); // folds back
  }
  for (let i = 0; i + 1 < cut.length; i++) {
    for (let j = i + 2; j + 1 < cut.length; j++) {
      if (segmentsIntersect(cut[i], cut[i + 1], cut[j], cut[j + 1])) return xy(cut[j]);
    }
  }
  return null;
}

/** The line without consecutive repeated positions (a double click adds one). */
function openLine(line: Position[]): Position[] {
  return line.filter((p, i) => i === 0 || p[0] !== line[i - 1][0] || p[1] !== line[i - 1][1]);
}
