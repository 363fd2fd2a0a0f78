import type { Point } from "geojson";
import { metresPerDegree } from "@/lib/geo/metres-per-degree";
import { ringCentroid } from "@/lib/geo/ring-centroid";
import { buildAreaRaster, locateInCell, type AreaRaster, type CellHits } from "./area-raster";
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
  /** per building (aligned with the input): index into `areas` of the area it is counted in (`totals`), else -1 */
  areaOf: Int32Array;
}


/**
 * One pass over a flat area's edges: INSIDE when (x, y) is inside (even-odd per part, holes excluded), NEAR
 * when it lies within the tolerance ellipse (tolX, tolY in degrees) of any edge; a bit mask of the two.
 */
const INSIDE = 1;
const NEAR = 2;

function locate(x: number, y: number, area: FlatArea, tolX: number, tolY: number): number {
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
  return (inside ? INSIDE : 0) | (near ? NEAR : 0);
}

/** The slow path for a cell the local test cannot resolve: every area with edges in the cell (or, where two
 *  areas claim the centre, every area whose bbox holds the point) is tested in full. */
function locateInFull(areas: readonly IndexedArea[], raster: AreaRaster, cell: number, x: number, y: number, tolX: number, tolY: number, hits: CellHits): void {
  const tested = new Set<number>();
  const test = (i: number) => {
    if (tested.has(i)) return;
    tested.add(i);
    const where = locate(x, y, areas[i].flat, tolX, tolY);
    if (where & INSIDE && hits.insideCount < hits.inside.length) hits.inside[hits.insideCount++] = i;
    if (where & NEAR && hits.nearCount < hits.near.length) hits.near[hits.nearCount++] = i;
  };
  for (let k = raster.edgeStart[cell]; k < raster.edgeStart[cell + 1]; k++) test(raster.edgeAreas[k]);
  const label = raster.label[cell];
  if (label >= 0) test(label);
  if (label === -2) {
    for (let i = 0; i < areas.length; i++) {
      const [x0, y0, x1, y1] = areas[i].flat.bbox;
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1) test(i);
    }
  }
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
 * to the small area it lies in through a raster of the areas (one look-up in cells no boundary passes near,
 * a flat point-in-polygon test against the few candidate areas elsewhere); a building in no area is unassigned, one within `toleranceM` of a boundary or in two areas ambiguous.
 * `areaOf` gives each building's area, for callers that store it (bulk loads, `bin/bench-buildings.ts`).
 */
export function assignBuildings(areas: readonly IndexedArea[], buildings: readonly CheckBuilding[], toleranceM: number): BuildingAssignment {
  const totals = new Map<string, { buildings: number; households: number; persons: number }>();
  for (const a of areas) totals.set(a.key, { buildings: 0, households: 0, persons: 0 });
  const areaOf = new Int32Array(buildings.length).fill(-1);
  const result: BuildingAssignment = { totals, unassigned: [], ambiguous: [], areaOf };
  if (!areas.length) {
    for (const b of buildings) {
      const at = buildingPoint(b);
      if (at) result.unassigned.push({ building: b, at });
    }
    return result;
  }
  let minY = Infinity, maxY = -Infinity;
  for (const a of areas) {
    minY = Math.min(minY, a.flat.bbox[1]);
    maxY = Math.max(maxY, a.flat.bbox[3]);
  }
  const midLat = (minY + maxY) / 2;
  const [kx, ky] = metresPerDegree(midLat);
  const tolY = toleranceM / ky || 1e-12;
  const tolX = toleranceM / kx || 1e-12;
  const raster = buildAreaRaster(areas.map((a) => a.flat), tolX, tolY, Math.min(8_000_000, Math.max(50_000, buildings.length)));
  const totalsByIndex = areas.map((a) => totals.get(a.key)!);
  const hits: CellHits = { inside: new Int32Array(64), insideCount: 0, near: new Int32Array(64), nearCount: 0 };
  const inside = hits.inside, near = hits.near;
  const query = new Float64Array([0, 0, tolX, tolY]);
  const { minX: gridX, minY: gridY, cellW, cellH, nx, ny, edgeStart, label: labels } = raster;

  for (let k = 0; k < buildings.length; k++) {
    const b = buildings[k];
    let x: number, y: number;
    if (b.geometry?.type === "Point") {
      x = b.geometry.coordinates[0];
      y = b.geometry.coordinates[1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    } else {
      const p = buildingPoint(b);
      if (!p) continue;
      [x, y] = p;
    }
    hits.insideCount = 0;
    hits.nearCount = 0;
    // the cell (as `cellOf`), inline: a call per building would box x and y
    const cx = Math.floor((x - gridX) / cellW), cy = Math.floor((y - gridY) / cellH);
    const cell = cx < 0 || cy < 0 || cx >= nx || cy >= ny ? -1 : cy * nx + cx;
    if (cell >= 0) {
      const start = edgeStart[cell], end = edgeStart[cell + 1];
      const label = labels[cell];
      if (start === end && label !== -2) {
        if (label >= 0) inside[hits.insideCount++] = label; // no boundary passes near this cell: one look-up
      } else if (start === end) {
        locateInFull(areas, raster, cell, x, y, tolX, tolY, hits); // an overlap covers the whole cell
      } else {
        query[0] = x;
        query[1] = y;
        if (!locateInCell(raster, cell, query, hits)) locateInFull(areas, raster, cell, x, y, tolX, tolY, hits);
      }
      if (toleranceM <= 0) hits.nearCount = 0;
    }
    const insideCount = hits.insideCount, nearCount = hits.nearCount;
    if (insideCount === 1) {
      // counted where it lies, even when it is also reported as too close to the boundary
      areaOf[k] = inside[0];
      const t = totalsByIndex[inside[0]];
      t.buildings += 1;
      t.households += b.households;
      t.persons += b.persons;
    }
    if (insideCount === 0 && nearCount === 0) result.unassigned.push({ building: b, at: [x, y] });
    else if (insideCount > 1 || nearCount) {
      const found = [...inside.subarray(0, insideCount), ...near.subarray(0, nearCount)];
      result.ambiguous.push({ building: b, at: [x, y], keys: [...new Set(found.map((i) => areas[i].key))].sort() });
    }
  }
  return result;
}
