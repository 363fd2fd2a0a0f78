import type { Position } from "geojson";
import { latToWorldY, lonToWorldX } from "@/lib/geo/web-mercator";
import type { Box } from "./grid-index";

/** Flat [x0, y0, x1, y1, …] in Mercator world units; rings are stored without the closing vertex. */
export type Coords = Float64Array;

/** Used when building the scene: lon/lat positions → world coordinates (drops a ring's closing vertex). */
export function project(positions: Position[], isRing: boolean): Coords {
  let n = positions.length;
  if (isRing && n > 1) {
    const [a, b] = [positions[0], positions[n - 1]];
    if (a[0] === b[0] && a[1] === b[1]) n--;
  }
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = lonToWorldX(positions[i][0]);
    out[2 * i + 1] = latToWorldY(positions[i][1]);
  }
  return out;
}

/** Used for every scene item: the bbox of some coordinate arrays, grown by `pad` world units. */
export function boxOf(parts: Coords[], pad = 0): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const c of parts) {
    for (let i = 0; i < c.length; i += 2) {
      if (c[i] < minX) minX = c[i];
      if (c[i] > maxX) maxX = c[i];
      if (c[i + 1] < minY) minY = c[i + 1];
      if (c[i + 1] > maxY) maxY = c[i + 1];
    }
  }
  return { minX: minX - pad, minY: minY - pad, maxX: maxX + pad, maxY: maxY + pad };
}

/** Used to orient shadow parts consistently: twice the signed area (positive = clockwise on screen, y down). */
export function signedArea2(c: Coords): number {
  let sum = 0;
  const n = c.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    sum += c[2 * i] * c[2 * j + 1] - c[2 * j] * c[2 * i + 1];
  }
  return sum;
}

/** Used to orient shadow parts consistently: the same ring in the opposite order. */
export function reversed(c: Coords): Coords {
  const n = c.length / 2;
  const out = new Float64Array(c.length);
  for (let i = 0; i < n; i++) {
    out[2 * i] = c[2 * (n - 1 - i)];
    out[2 * i + 1] = c[2 * (n - 1 - i) + 1];
  }
  return out;
}

/** Used to align crop strips and roofs: the unit direction of the longest edge of a ring. */
export function longestEdgeDirection(c: Coords): [number, number] {
  const n = c.length / 2;
  let best = 0;
  let dir: [number, number] = [1, 0];
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const dx = c[2 * j] - c[2 * i];
    const dy = c[2 * j + 1] - c[2 * i + 1];
    const len = Math.hypot(dx, dy);
    if (len > best) {
      best = len;
      dir = [dx / len, dy / len];
    }
  }
  return dir;
}

/** Used for roof details and shading: the vertex average of a ring. */
export function centroid(c: Coords): [number, number] {
  let x = 0;
  let y = 0;
  const n = c.length / 2;
  for (let i = 0; i < n; i++) {
    x += c[2 * i];
    y += c[2 * i + 1];
  }
  return [x / n, y / n];
}

/**
 * Used to place trees along roads and rivers: points every `spacing` world units along a polyline, each with
 * the unit normal (to the left in world coordinates) at that point.
 */
export function samplesAlong(c: Coords, spacing: number, phase: number): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  let carry = phase;
  for (let i = 0; i + 3 < c.length; i += 2) {
    const dx = c[i + 2] - c[i];
    const dy = c[i + 3] - c[i + 1];
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    const [ux, uy] = [dx / len, dy / len];
    let t = carry;
    for (; t < len; t += spacing) out.push([c[i] + ux * t, c[i + 1] + uy * t, uy, -ux]);
    carry = t - len;
  }
  return out;
}

/** Used before clipping: true when a ring turns the same way at every vertex. */
export function isConvex(c: Coords): boolean {
  const n = c.length / 2;
  let sign = 0;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = [c[2 * i], c[2 * i + 1]];
    const [bx, by] = [c[(2 * i + 2) % c.length], c[(2 * i + 3) % c.length]];
    const [cx, cy] = [c[(2 * i + 4) % c.length], c[(2 * i + 5) % c.length]];
    const cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

/** Used to cut crop strips to a convex field once, instead of clipping on every tile (Sutherland–Hodgman). */
export function clipToConvex(subject: Coords, clip: Coords): Coords {
  const orientation = Math.sign(signedArea2(clip)) || 1;
  let points: number[] = Array.from(subject);
  const n = clip.length / 2;
  for (let e = 0; e < n && points.length >= 6; e++) {
    const [ax, ay] = [clip[2 * e], clip[2 * e + 1]];
    const [bx, by] = [clip[(2 * e + 2) % clip.length], clip[(2 * e + 3) % clip.length]];
    const side = (x: number, y: number) => orientation * ((bx - ax) * (y - ay) - (by - ay) * (x - ax));
    const out: number[] = [];
    const m = points.length / 2;
    for (let i = 0; i < m; i++) {
      const [px, py] = [points[2 * i], points[2 * i + 1]];
      const [qx, qy] = [points[(2 * i + 2) % points.length], points[(2 * i + 3) % points.length]];
      const sp = side(px, py);
      const sq = side(qx, qy);
      if (sp >= 0) out.push(px, py);
      if ((sp >= 0) !== (sq >= 0)) {
        const t = sp / (sp - sq);
        out.push(px + (qx - px) * t, py + (qy - py) * t);
      }
    }
    points = out;
  }
  return Float64Array.from(points.length >= 6 ? points : []);
}

/** Used for the ridges between crop strips: the part of segment p–q inside a convex ring (Cyrus–Beck), or null. */
export function clipSegmentToConvex(p: [number, number], q: [number, number], clip: Coords): [number, number, number, number] | null {
  const orientation = Math.sign(signedArea2(clip)) || 1;
  let t0 = 0;
  let t1 = 1;
  const [dx, dy] = [q[0] - p[0], q[1] - p[1]];
  const n = clip.length / 2;
  for (let e = 0; e < n; e++) {
    const [ax, ay] = [clip[2 * e], clip[2 * e + 1]];
    const [bx, by] = [clip[(2 * e + 2) % clip.length], clip[(2 * e + 3) % clip.length]];
    // inside when orientation * cross(b - a, x - a) >= 0; linear in t: num + t * den
    const num = orientation * ((bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax));
    const den = orientation * ((bx - ax) * dy - (by - ay) * dx);
    if (den === 0) {
      if (num < 0) return null;
    } else if (den > 0) t0 = Math.max(t0, -num / den);
    else t1 = Math.min(t1, -num / den);
    if (t0 > t1) return null;
  }
  return [p[0] + dx * t0, p[1] + dy * t0, p[0] + dx * t1, p[1] + dy * t1];
}

/**
 * Used for yards and village ground around buildings: the ring's bounding rectangle in its own frame (axes
 * along its longest edge), grown by `grow(direction)` world units on each side; `direction` is the side's
 * outward unit vector. Returned clockwise on screen (positive signedArea2), so that rectangles can share a path.
 */
export function grownRect(ring: Coords, grow: (direction: [number, number]) => number): Coords {
  const [ux, uy] = longestEdgeDirection(ring);
  const [vx, vy] = [-uy, ux];
  const [ox, oy] = [ring[0], ring[1]];
  let [u0, u1, v0, v1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < ring.length; i += 2) {
    const u = (ring[i] - ox) * ux + (ring[i + 1] - oy) * uy;
    const v = (ring[i] - ox) * vx + (ring[i + 1] - oy) * vy;
    [u0, u1, v0, v1] = [Math.min(u0, u), Math.max(u1, u), Math.min(v0, v), Math.max(v1, v)];
  }
  u0 -= grow([-ux, -uy]);
  u1 += grow([ux, uy]);
  v0 -= grow([-vx, -vy]);
  v1 += grow([vx, vy]);
  const at = (u: number, v: number) => [ox + ux * u + vx * v, oy + uy * u + vy * v];
  const rect = Float64Array.from([...at(u0, v0), ...at(u1, v0), ...at(u1, v1), ...at(u0, v1)]);
  return signedArea2(rect) < 0 ? reversed(rect) : rect;
}
