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
