import type { Point } from "geojson";
import { ringCentroid } from "@/lib/geo/ring-centroid";
import type { FlatArea } from "./flat-geometry";
import type { CheckBuilding } from "./types";

/** A small area as the building index holds it. */
export interface IndexedArea {
  key: string;
  flat: FlatArea;
}

/** Where each building fell: one area, none, or several / on a boundary. */
export interface BuildingAssignment {
  /** totals per area key */
  totals: Map<string, { buildings: number; households: number; persons: number }>;
  unassigned: Array<{ building: CheckBuilding; at: [number, number] }>;
  ambiguous: Array<{ building: CheckBuilding; at: [number, number]; keys: string[] }>;
}

const METRES_PER_DEGREE = 111_320;

/**
 * One pass over a flat area's edges: whether (x, y) is inside (even-odd per part, holes excluded) and whether
 * it lies within the tolerance ellipse (tolX, tolY in degrees) of any edge.
 */
function locate(x: number, y: number, area: FlatArea, tolX: number, tolY: number): { inside: boolean; near: boolean } {
  let inside = false;
  let near = false;
  const sx = 1 / tolX, sy = 1 / tolY;
  for (const part of area.parts) {
    let inPart = false;
    for (let k = 0; k < part.length; k++) {
      const ring = area.rings[part[k]];
      let inRing = false;
      const n = ring.length;
      for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
        const ax = ring[j], ay = ring[j + 1], bx = ring[i], by = ring[i + 1];
        if (by > y !== ay > y && x < ((ax - bx) * (y - by)) / (ay - by) + bx) inRing = !inRing;
        if (near) continue;
        if (x < (ax < bx ? ax : bx) - tolX || x > (ax > bx ? ax : bx) + tolX || y < (ay < by ? ay : by) - tolY || y > (ay > by ? ay : by) + tolY) continue;
        // distance in tolerance units: the tolerance is then the unit circle
        const dx = (bx - ax) * sx, dy = (by - ay) * sy, qx = (x - ax) * sx, qy = (y - ay) * sy;
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (qx * dx + qy * dy) / len2));
        const ex = t * dx - qx, ey = t * dy - qy;
        if (ex * ex + ey * ey <= 1) near = true;
      }
      if (k === 0) inPart = inRing;
      else if (inRing) inPart = false;
    }
    if (inPart) inside = true;
  }
  return { inside, near };
}

/** The point a building is assigned by: a Point as is, a footprint by its centroid. */
export function buildingPoint(building: CheckBuilding): [number, number] | null {
  const g = building.geometry;
  if (g?.type === "Point") {
    const [x, y] = (g as Point).coordinates;
    return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
  }
  if (g?.type === "Polygon" && g.coordinates[0]?.length) return ringCentroid(g.coordinates[0]);
  return null;
}

/**
 * Used by the coverage check (and, through it, by the app after each boundary edit): assigns every building
 * to the small area it lies in with a uniform grid over the areas' bounding boxes and a flat point-in-polygon
 * test; a building in no area is unassigned, one within `toleranceM` of a boundary or in two areas ambiguous.
 */
export function assignBuildings(areas: readonly IndexedArea[], buildings: readonly CheckBuilding[], toleranceM: number): BuildingAssignment {
  const totals = new Map<string, { buildings: number; households: number; persons: number }>();
  for (const a of areas) totals.set(a.key, { buildings: 0, households: 0, persons: 0 });
  const result: BuildingAssignment = { totals, unassigned: [], ambiguous: [] };
  if (!areas.length) {
    for (const b of buildings) {
      const at = buildingPoint(b);
      if (at) result.unassigned.push({ building: b, at });
    }
    return result;
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const a of areas) {
    minX = Math.min(minX, a.flat.bbox[0]); minY = Math.min(minY, a.flat.bbox[1]);
    maxX = Math.max(maxX, a.flat.bbox[2]); maxY = Math.max(maxY, a.flat.bbox[3]);
  }
  const side = Math.max(1, Math.round(Math.sqrt(areas.length)));
  const cellW = (maxX - minX) / side || 1e-6, cellH = (maxY - minY) / side || 1e-6;
  const cells: number[][] = Array.from({ length: side * side }, () => []);
  const clamp = (v: number) => Math.max(0, Math.min(side - 1, v));
  areas.forEach((a, i) => {
    const [x0, y0, x1, y1] = a.flat.bbox;
    for (let cx = clamp(Math.floor((x0 - minX) / cellW)); cx <= clamp(Math.floor((x1 - minX) / cellW)); cx++) {
      for (let cy = clamp(Math.floor((y0 - minY) / cellH)); cy <= clamp(Math.floor((y1 - minY) / cellH)); cy++) cells[cy * side + cx].push(i);
    }
  });
  const midLat = (minY + maxY) / 2;
  const tolY = toleranceM / METRES_PER_DEGREE || 1e-12;
  const tolX = toleranceM / (METRES_PER_DEGREE * Math.cos((midLat * Math.PI) / 180)) || 1e-12;

  for (const b of buildings) {
    const at = buildingPoint(b);
    if (!at) continue;
    const [x, y] = at;
    const inside: string[] = [];
    const near: string[] = [];
    if (x >= minX - tolX && x <= maxX + tolX && y >= minY - tolY && y <= maxY + tolY) {
      const cell = cells[clamp(Math.floor((y - minY) / cellH)) * side + clamp(Math.floor((x - minX) / cellW))];
      for (const i of cell) {
        const a = areas[i];
        const [x0, y0, x1, y1] = a.flat.bbox;
        if (x < x0 - tolX || x > x1 + tolX || y < y0 - tolY || y > y1 + tolY) continue;
        const where = locate(x, y, a.flat, tolX, tolY);
        if (where.inside) inside.push(a.key);
        if (toleranceM > 0 && where.near) near.push(a.key);
      }
    }
    if (inside.length === 1) {
      // counted where it lies, even when it is also reported as too close to the boundary
      const t = totals.get(inside[0])!;
      t.buildings += 1;
      t.households += b.households;
      t.persons += b.persons;
    }
    if (inside.length === 0 && !near.length) result.unassigned.push({ building: b, at });
    else if (inside.length > 1 || near.length) result.ambiguous.push({ building: b, at, keys: [...new Set([...inside, ...near])].sort() });
  }
  return result;
}
