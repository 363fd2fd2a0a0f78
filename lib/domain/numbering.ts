/**
 * The numbering rule of the census seed documents — "small areas within a district and buildings within a small
 * area are numbered starting at the north-west corner and going clockwise" — made precise. This file is the one
 * place the rule lives; `lib/geo/clockwise-order.ts` feeds it GeoJSON, and the seed, the split op, the CLI and
 * the database renumbering all go through that. Picture: docs/numbering.svg.
 *
 * The rule, on the ground (metres east and north; lon/lat are projected around the parent's label point):
 *
 * 1. The clock hand. The parent (the district of the small areas, the small area of the buildings) has a
 *    centre — its label point, which is its area centroid whenever that lies inside it — and a north-west
 *    corner: the point of its outline nearest to the north-west corner of its bounding box. A hand pivots on
 *    the centre, starts pointing at the north-west corner, and sweeps clockwise once round.
 * 2. What the hand touches. A small area is touched where the hand first meets its *outside edges*: the edges
 *    that face the outline of the areas still to be numbered (an edge whose midpoint is farther than
 *    {@link TOUCH_TOLERANCE_M} from every edge of every other such area). A building is touched where the hand
 *    first meets its footprint (or its point). An item under the hand at the start is touched at the start,
 *    where the hand crosses it.
 * 3. Rings, outside in. Small areas: those with an outside edge form the outer ring; without them, the rest
 *    is numbered the same way, ring by ring (a 3×3 grid: the 8 around, then the centre). Buildings: each has a
 *    relative depth ρ = (distance of its centroid from the centre) / (distance from the centre to the outline
 *    in that direction); sorted by ρ from the outline inwards, a new ring starts wherever ρ drops by more than
 *    {@link RING_GAP} (an empty band), and buildings within {@link TOUCH_TOLERANCE_M} of the centre come last.
 *    Buildings spread evenly form one ring.
 * 4. Within a ring, items go in the order the hand touches them. Touches within {@link TIE_TOLERANCE_M} of each
 *    other (measured across the hand, at the item's distance) are a tie: the nearer to the centre first, then
 *    the item whose reference point (label point, centroid) is further north, then further west.
 *
 * Deterministic: nothing depends on the order of the input. Stable under noise far below the tolerances: ties
 * and the start of the sweep are decided with tolerances, never by exact float equality.
 */

/** A point on the ground: metres east and north of some local origin. */
export type GroundPoint = readonly [number, number];
/** A straight edge from one ground point to the next. */
export type GroundSegment = readonly [GroundPoint, GroundPoint];

/** An edge lying this close (m) to another area's edge is shared, not an outside edge; also "at the centre". */
export const TOUCH_TOLERANCE_M = 0.5;
/** Touches this close (m, across the hand) are ties; a touch this close before the start counts as at the start. */
export const TIE_TOLERANCE_M = 0.01;
/** An empty band of relative depth wider than this separates two rings of buildings. */
export const RING_GAP = 0.2;

/** The parent as the rule sees it: the hand's pivot, its starting point, and the outline (every ring's edges). */
export interface NumberingFrame {
  centre: GroundPoint;
  /** the north-west corner: where the hand points at the start */
  start: GroundPoint;
  outline: readonly GroundSegment[];
  /** compass bearing (degrees clockwise from north) of `start` seen from `centre` */
  startCompass: number;
}

/** An item as the rule sees it: its reference point (label point, centroid or point) and its rings (none for a point). */
export interface GroundShape {
  point: GroundPoint;
  rings: ReadonlyArray<readonly GroundPoint[]>;
}

const DEGREES = 180 / Math.PI;
const distance = (a: GroundPoint, b: GroundPoint) => Math.hypot(b[0] - a[0], b[1] - a[1]);
const compassOf = (from: GroundPoint, to: GroundPoint) => (((Math.atan2(to[0] - from[0], to[1] - from[1]) * DEGREES) % 360) + 360) % 360;

/** The point of segment ab nearest to p. */
function nearestOnSegment(p: GroundPoint, [a, b]: GroundSegment): GroundPoint {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return [a[0] + t * dx, a[1] + t * dy];
}

/**
 * Used by `lib/geo/clockwise-order.ts` once per parent: the frame of the rule — the hand pivots on `centre` and
 * starts at the outline's point nearest to the north-west corner of the outline's bounding box (straight
 * north-west when the outline is empty or that point is the centre).
 */
export function numberingFrame(centre: GroundPoint, outline: readonly GroundSegment[]): NumberingFrame {
  let west = Infinity, north = -Infinity;
  for (const [a, b] of outline) {
    west = Math.min(west, a[0], b[0]);
    north = Math.max(north, a[1], b[1]);
  }
  let start: GroundPoint = [centre[0] - 1, centre[1] + 1];
  let best = Infinity;
  for (const segment of outline) {
    const q = nearestOnSegment([west, north], segment);
    const d = distance(q, [west, north]);
    if (d < best) [best, start] = [d, q];
  }
  const startCompass = distance(centre, start) > 0 ? compassOf(centre, start) : 315;
  return { centre, start, outline, startCompass };
}

/** Where the hand first touches something: the sweep angle (degrees from the start; a hair below 0 counts as the start) and the distance there. */
interface Touch {
  angle: number;
  distance: number;
}

/** Degrees that TIE_TOLERANCE_M spans across the hand at `r` metres from the centre (at most 1°). */
const tieAngle = (r: number) => Math.min(1, (TIE_TOLERANCE_M / Math.max(r, TIE_TOLERANCE_M)) * DEGREES);

/** Sweep angle of p: degrees clockwise from the start, in [0, 360). */
function sweepOf(frame: NumberingFrame, p: GroundPoint): number {
  return (((compassOf(frame.centre, p) - frame.startCompass) % 360) + 360) % 360;
}

function touchOfPoint(frame: NumberingFrame, p: GroundPoint): Touch {
  const r = distance(frame.centre, p);
  const angle = sweepOf(frame, p);
  return { angle: angle >= 360 - tieAngle(r) ? angle - 360 : angle, distance: r };
}

/** How far from `from`, along the unit direction (dx, dy), the ray crosses segment ab; null when it does not. */
function rayCrossing(from: GroundPoint, dx: number, dy: number, [a, b]: GroundSegment): number | null {
  const ex = b[0] - a[0], ey = b[1] - a[1];
  const denom = dx * ey - dy * ex;
  if (denom === 0) return null;
  const t = ((a[0] - from[0]) * ey - (a[1] - from[1]) * ex) / denom;
  const u = ((a[0] - from[0]) * dy - (a[1] - from[1]) * dx) / denom;
  return t >= 0 && u >= 0 && u <= 1 ? t : null;
}

/**
 * Where the hand first meets segment ab: at its clockwise-first end — or, when the segment reaches across the
 * start, at the start (angle 0), where the hand crosses it.
 */
function touchOfSegment(frame: NumberingFrame, a: GroundPoint, b: GroundPoint): Touch {
  const ra = distance(frame.centre, a), rb = distance(frame.centre, b);
  if (ra <= TIE_TOLERANCE_M || rb <= TIE_TOLERANCE_M) return touchOfPoint(frame, ra <= rb ? b : a);
  const cw = (((sweepOf(frame, b) - sweepOf(frame, a)) % 360) + 360) % 360;
  const [first, extent] = cw <= 180 ? [a, cw] : [b, 360 - cw];
  const touch = touchOfPoint(frame, first);
  if (touch.angle + extent <= 360 + tieAngle(Math.min(ra, rb))) return touch;
  const reach = distance(frame.centre, frame.start);
  const crossing = reach > 0 ? rayCrossing(frame.centre, (frame.start[0] - frame.centre[0]) / reach, (frame.start[1] - frame.centre[1]) / reach, [a, b]) : null;
  return { angle: 0, distance: crossing ?? Math.min(ra, rb) };
}

const earlier = (p: Touch, q: Touch) => p.angle < q.angle || (p.angle === q.angle && p.distance < q.distance);

function firstTouch(frame: NumberingFrame, segments: readonly GroundSegment[], point: GroundPoint): Touch {
  let best: Touch | null = null;
  for (const [a, b] of segments) {
    const t = touchOfSegment(frame, a, b);
    if (!best || earlier(t, best)) best = t;
  }
  return best ?? touchOfPoint(frame, point);
}

interface Entry<T> {
  item: T;
  point: GroundPoint;
  touch: Touch;
}

/** North first, then west: the last tie-break of the rule. */
const northWestFirst = (p: GroundPoint, q: GroundPoint) => q[1] - p[1] || p[0] - q[0];

/** One ring in the order of the hand; near-equal touches grouped as ties, nearer then north-west first. */
function sortRing<T>(entries: Entry<T>[]): T[] {
  const byAngle = [...entries].sort((p, q) => p.touch.angle - q.touch.angle || northWestFirst(p.point, q.point));
  const out: T[] = [];
  let group: Entry<T>[] = [];
  const flush = () => {
    group.sort((p, q) => (Math.abs(p.touch.distance - q.touch.distance) > TIE_TOLERANCE_M ? p.touch.distance - q.touch.distance : northWestFirst(p.point, q.point)));
    out.push(...group.map((e) => e.item));
    group = [];
  };
  for (const e of byAngle) {
    const last = group[group.length - 1];
    if (last && e.touch.angle - last.touch.angle > tieAngle(Math.min(e.touch.distance, last.touch.distance))) flush();
    group.push(e);
  }
  flush();
  return out;
}

function segmentsOf(shape: GroundShape): GroundSegment[] {
  const out: GroundSegment[] = [];
  for (const ring of shape.rings) {
    for (let i = 0; i + 1 < ring.length; i++) out.push([ring[i], ring[i + 1]]);
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (ring.length > 2 && (first[0] !== last[0] || first[1] !== last[1])) out.push([last, first]);
  }
  return out.filter(([a, b]) => a[0] !== b[0] || a[1] !== b[1]);
}

const pointKey = (p: GroundPoint) => `${p[0]},${p[1]}`;
const edgeKey = ([a, b]: GroundSegment) => (pointKey(a) < pointKey(b) ? `${pointKey(a)} ${pointKey(b)}` : `${pointKey(b)} ${pointKey(a)}`);

interface AreaParts {
  segments: GroundSegment[];
  /** {@link edgeKey} of each segment */
  keys: string[];
  bbox: [number, number, number, number];
}

function partsOf(shape: GroundShape): AreaParts {
  const segments = segmentsOf(shape);
  const bbox: AreaParts["bbox"] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [a] of segments) [bbox[0], bbox[1], bbox[2], bbox[3]] = [Math.min(bbox[0], a[0]), Math.min(bbox[1], a[1]), Math.max(bbox[2], a[0]), Math.max(bbox[3], a[1])];
  return { segments, keys: segments.map(edgeKey), bbox };
}

function nearSegments(p: GroundPoint, parts: AreaParts): boolean {
  const [w, s, e, n] = parts.bbox, tol = TOUCH_TOLERANCE_M;
  if (p[0] < w - tol || p[0] > e + tol || p[1] < s - tol || p[1] > n + tol) return false;
  return parts.segments.some((seg) => distance(p, nearestOnSegment(p, seg)) <= tol);
}

/** The outside edges of each area of `set` (see the rule, step 2): not shared with another area of the set. */
function outsideEdges(parts: readonly AreaParts[], set: readonly number[]): Map<number, GroundSegment[]> {
  const owners = new Map<string, number>();
  for (const i of set) for (const key of parts[i].keys) owners.set(key, (owners.get(key) ?? 0) + 1);
  const out = new Map<number, GroundSegment[]>();
  for (const i of set) {
    const facing = parts[i].segments.filter((seg, k) => {
      if (owners.get(parts[i].keys[k])! > 1) return false;
      const mid: GroundPoint = [(seg[0][0] + seg[1][0]) / 2, (seg[0][1] + seg[1][1]) / 2];
      return !set.some((j) => j !== i && nearSegments(mid, parts[j]));
    });
    if (facing.length) out.set(i, facing);
  }
  return out;
}

/**
 * Used (through `orderSmallAreasClockwise`) wherever small areas get their codes: the areas of one parent in
 * the rule's order — outer ring first, by where the hand first meets their outside edges; then ring by ring.
 * Areas should tile the parent; where they do not, edges facing a gap count as outside edges.
 */
export function orderAreasOnGround<T>(frame: NumberingFrame, items: readonly T[], shapeOf: (item: T) => GroundShape): T[] {
  const shapes = items.map(shapeOf);
  const parts = shapes.map(partsOf);
  let left = items.map((_, i) => i);
  const out: T[] = [];
  while (left.length) {
    const facing = outsideEdges(parts, left);
    // duplicates cover each other completely: fall back to their reference points
    const ring = facing.size ? left.filter((i) => facing.has(i)) : left;
    out.push(...sortRing(ring.map((i) => ({ item: items[i], point: shapes[i].point, touch: facing.size ? firstTouch(frame, facing.get(i)!, shapes[i].point) : touchOfPoint(frame, shapes[i].point) }))));
    const numbered = new Set(ring);
    left = left.filter((i) => !numbered.has(i));
  }
  return out;
}

/** Distance from the centre to the farthest crossing of the outline along the ray through p (Infinity when none). */
function reachTowards(frame: NumberingFrame, p: GroundPoint): number {
  const r = distance(frame.centre, p);
  const dx = (p[0] - frame.centre[0]) / r, dy = (p[1] - frame.centre[1]) / r;
  let reach = -Infinity;
  for (const segment of frame.outline) reach = Math.max(reach, rayCrossing(frame.centre, dx, dy, segment) ?? -Infinity);
  return reach > 0 ? reach : Infinity;
}

/**
 * Used (through `orderBuildingsClockwise`) wherever buildings get their numbers: the buildings of one parent
 * in the rule's order — rings of relative depth from the outline inwards, within a ring by where the hand first
 * meets each footprint (or point).
 */
export function orderBuildingsOnGround<T>(frame: NumberingFrame, items: readonly T[], shapeOf: (item: T) => GroundShape): T[] {
  const entries = items.map((item) => {
    const shape = shapeOf(item);
    const r = distance(frame.centre, shape.point);
    const depth = r <= TOUCH_TOLERANCE_M ? -1 : Math.min(1, r / reachTowards(frame, shape.point));
    return { item, point: shape.point, depth, touch: firstTouch(frame, segmentsOf(shape), shape.point) };
  });
  entries.sort((p, q) => q.depth - p.depth || northWestFirst(p.point, q.point));
  const out: T[] = [];
  let ring: typeof entries = [];
  for (const e of entries) {
    const last = ring[ring.length - 1];
    if (last && (last.depth - e.depth > RING_GAP || (e.depth < 0 && last.depth >= 0))) {
      out.push(...sortRing(ring));
      ring = [];
    }
    ring.push(e);
  }
  out.push(...sortRing(ring));
  return out;
}
