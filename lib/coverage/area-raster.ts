import type { FlatArea } from "./flat-geometry";
import { fillInteriors } from "./raster-fill";

/**
 * A raster of the small areas for building assignment: every cell that no boundary passes near (by more
 * than the tolerance) is labelled with the one area covering its centre, so most buildings are assigned by
 * one array look-up; cells near a boundary keep the edges that pass (with their area), so a building there is
 * resolved from its cell centre's label and the crossings of those few edges.
 */
/** A uniform grid: origin, cell size in degrees, columns and rows; also the grid `raster-fill.ts` fills. */
export interface RasterGrid {
  minX: number;
  minY: number;
  cellW: number;
  cellH: number;
  nx: number;
  ny: number;
}

export interface AreaRaster extends RasterGrid {
  /** area index covering the cell centre, -1 for none, -2 when two areas claim it (an overlap) */
  label: Int32Array;
  /** CSR lists of the edges (widened by the tolerance) touching each cell: entries edgeStart[c]..edgeStart[c+1] */
  edgeStart: Int32Array;
  /** area index of each entry */
  edgeAreas: Int32Array;
  /** the entry's edge as x1, y1, x2, y2 */
  edgeCoords: Float64Array;
}

/**
 * The raster's arrays are reused from one check to the next (views of the needed length): allocating
 * megabytes of typed arrays per check makes V8 run full collections over the caller's large heap.
 * A raster is only valid until the next `buildAreaRaster`.
 */
const buffers = {
  ints: new Map<string, Int32Array>(),
  floats: new Map<string, Float64Array>(),
  int(name: string, length: number): Int32Array {
    let a = this.ints.get(name);
    if (!a || a.length < length) this.ints.set(name, (a = new Int32Array(Math.ceil(length * 1.25))));
    return a.subarray(0, length);
  },
  float(name: string, length: number): Float64Array {
    let a = this.floats.get(name);
    if (!a || a.length < length) this.floats.set(name, (a = new Float64Array(Math.ceil(length * 1.25))));
    return a.subarray(0, length);
  },
};

interface EdgeGrid extends RasterGrid {
  tolX: number;
  tolY: number;
}

/** Where the second pass of `edgeCells` writes: a cursor per cell, and each entry's area and coordinates. */
interface EdgeOut {
  cursor: Int32Array;
  areas: Int32Array;
  coords: Float64Array;
}

/**
 * Visits every (edge, cell) pair where the edge's bbox widened by the tolerance covers the cell: without
 * `out`, counts entries per cell (into count[cell + 1]); with it, writes each entry at its cell's cursor.
 * One plain loop for both passes (no visitor objects), so V8 keeps it monomorphic.
 */
function edgeCells(areas: readonly FlatArea[], g: EdgeGrid, count: Int32Array, out: EdgeOut | null): void {
  const { minX, minY, cellW, cellH, nx, ny, tolX, tolY } = g;
  const invW = 1 / cellW, invH = 1 / cellH;
  const cursor = out ? out.cursor : count, outAreas = out ? out.areas : count, coords = out ? out.coords : null;
  for (let index = 0; index < areas.length; index++) {
    const rings = areas[index].rings;
    for (let r = 0; r < rings.length; r++) {
      const ring = rings[r];
      const n = ring.length;
      for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
        const ax = ring[j], ay = ring[j + 1], bx = ring[i], by = ring[i + 1];
        let cx0 = Math.floor(((ax < bx ? ax : bx) - tolX - minX) * invW);
        let cx1 = Math.floor(((ax > bx ? ax : bx) + tolX - minX) * invW);
        let cy0 = Math.floor(((ay < by ? ay : by) - tolY - minY) * invH);
        let cy1 = Math.floor(((ay > by ? ay : by) + tolY - minY) * invH);
        if (cx0 < 0) cx0 = 0;
        if (cy0 < 0) cy0 = 0;
        if (cx1 > nx - 1) cx1 = nx - 1;
        if (cy1 > ny - 1) cy1 = ny - 1;
        for (let cy = cy0; cy <= cy1; cy++) {
          for (let cx = cx0; cx <= cx1; cx++) {
            const cell = cy * nx + cx;
            if (coords === null) {
              count[cell + 1]++;
              continue;
            }
            const e = cursor[cell]++;
            outAreas[e] = index;
            coords[4 * e] = ax;
            coords[4 * e + 1] = ay;
            coords[4 * e + 2] = bx;
            coords[4 * e + 3] = by;
          }
        }
      }
    }
  }
}

/**
 * Used by `assignBuildings`: rasterises the areas onto a grid of about `targetCells` cells — edges marked by
 * their widened bounding boxes, interiors filled by scanlines through cell centres. The result shares
 * buffers with the next call: use it before rasterising again.
 */
export function buildAreaRaster(areas: readonly FlatArea[], tolX: number, tolY: number, targetCells: number): AreaRaster {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const a of areas) {
    if (a.bbox[0] < minX) minX = a.bbox[0];
    if (a.bbox[1] < minY) minY = a.bbox[1];
    if (a.bbox[2] > maxX) maxX = a.bbox[2];
    if (a.bbox[3] > maxY) maxY = a.bbox[3];
  }
  minX -= tolX; minY -= tolY; maxX += tolX; maxY += tolY;
  const width = maxX - minX || 1e-9, height = maxY - minY || 1e-9;
  const cellSide = Math.sqrt((width * height) / Math.max(1, targetCells));
  const nx = Math.max(1, Math.ceil(width / cellSide)), ny = Math.max(1, Math.ceil(height / cellSide));
  const cellW = width / nx, cellH = height / ny;
  const cells = nx * ny;

  // edges: two passes (count, then fill), one entry per edge and cell it may come near
  const grid: EdgeGrid = { minX, minY, cellW, cellH, nx, ny, tolX, tolY };
  const count = buffers.int("count", cells + 1);
  count.fill(0);
  edgeCells(areas, grid, count, null);
  for (let c = 0; c < cells; c++) count[c + 1] += count[c];
  const edgeAreas = buffers.int("edgeAreas", count[cells]);
  const edgeCoords = buffers.float("edgeCoords", count[cells] * 4);
  const cursor = buffers.int("cursor", cells);
  cursor.set(count.subarray(0, cells));
  edgeCells(areas, grid, count, { cursor, areas: edgeAreas, coords: edgeCoords });

  // interiors: scanlines through the cell centres of each row an area spans
  const label = buffers.int("label", cells);
  label.fill(-1);
  fillInteriors(areas, grid, label);
  return { minX, minY, cellW, cellH, nx, ny, label, edgeStart: count, edgeAreas, edgeCoords };
}

/** Used per building: the cell of a point, or -1 outside the raster. */
export function cellOf(raster: AreaRaster, x: number, y: number): number {
  const cx = Math.floor((x - raster.minX) / raster.cellW), cy = Math.floor((y - raster.minY) / raster.cellH);
  if (cx < 0 || cy < 0 || cx >= raster.nx || cy >= raster.ny) return -1;
  return cy * raster.nx + cx;
}

/** Areas a building was found in, and areas whose boundary it is within the tolerance of. */
export interface CellHits {
  inside: Int32Array;
  insideCount: number;
  near: Int32Array;
  nearCount: number;
}

const MAX_CANDIDATES = 64;
const candidates = new Int32Array(MAX_CANDIDATES);
const parity = new Uint8Array(MAX_CANDIDATES);
const nearFlag = new Uint8Array(MAX_CANDIDATES);

/**
 * Used by `assignBuildings` for a building in a cell that boundaries pass: resolves it from the cell centre's
 * label and the crossings of the segment centre→building with the cell's few edges (the parity flips per
 * area), and marks areas whose edges lie within the tolerance ellipse. Returns false when the cell cannot be
 * resolved locally (two areas claim the centre, or the centre lies on an edge line); the caller then tests
 * the candidate areas in full. `query` holds x, y, tolX, tolY (a typed array, so that no double is boxed per
 * call: this runs for every building near a boundary).
 */
export function locateInCell(r: AreaRaster, cell: number, query: Float64Array, hits: CellHits): boolean {
  const x = query[0], y = query[1], tolX = query[2], tolY = query[3];
  const label = r.label[cell];
  if (label === -2) return false;
  const cx = r.minX + ((cell % r.nx) + 0.5) * r.cellW;
  const cy = r.minY + (Math.floor(cell / r.nx) + 0.5) * r.cellH;
  let count = 0;
  if (label >= 0) {
    candidates[0] = label;
    parity[0] = 0;
    nearFlag[0] = 0;
    count = 1;
  }
  const sx = 1 / tolX, sy = 1 / tolY;
  const { edgeAreas, edgeCoords } = r;
  for (let e = r.edgeStart[cell], end = r.edgeStart[cell + 1]; e < end; e++) {
    const area = edgeAreas[e];
    let c = 0;
    while (c < count && candidates[c] !== area) c++;
    if (c === count) {
      if (count === MAX_CANDIDATES) return false;
      candidates[c] = area;
      parity[c] = 0;
      nearFlag[c] = 0;
      count++;
    }
    const x1 = edgeCoords[4 * e], y1 = edgeCoords[4 * e + 1], x2 = edgeCoords[4 * e + 2], y2 = edgeCoords[4 * e + 3];
    // near: most edges of a cell pass metres away, so the edge's box widened by the tolerance rejects first
    if (
      !nearFlag[c] &&
      x >= (x1 < x2 ? x1 : x2) - tolX && x <= (x1 > x2 ? x1 : x2) + tolX &&
      y >= (y1 < y2 ? y1 : y2) - tolY && y <= (y1 > y2 ? y1 : y2) + tolY
    ) {
      const dx = (x2 - x1) * sx, dy = (y2 - y1) * sy, qx = (x - x1) * sx, qy = (y - y1) * sy;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (qx * dx + qy * dy) / len2));
      const ex = t * dx - qx, ey = t * dy - qy;
      if (ex * ex + ey * ey <= 1) nearFlag[c] = 1;
    }
    // does the segment centre→building cross this edge? (half-open at vertices on the segment's line)
    const d1 = (x - cx) * (y1 - cy) - (y - cy) * (x1 - cx);
    const d2 = (x - cx) * (y2 - cy) - (y - cy) * (x2 - cx);
    if (d1 > 0 === d2 > 0) continue;
    const e1 = (x2 - x1) * (cy - y1) - (y2 - y1) * (cx - x1);
    const e2 = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
    if (e1 === 0) return false;
    if (e2 !== 0 && e1 > 0 !== e2 > 0) parity[c] ^= 1;
  }
  hits.insideCount = 0;
  hits.nearCount = 0;
  for (let c = 0; c < count; c++) {
    const inside = (candidates[c] === label ? 1 : 0) ^ parity[c];
    if (inside && hits.insideCount < hits.inside.length) hits.inside[hits.insideCount++] = candidates[c];
    if (nearFlag[c] && hits.nearCount < hits.near.length) hits.near[hits.nearCount++] = candidates[c];
  }
  return true;
}
