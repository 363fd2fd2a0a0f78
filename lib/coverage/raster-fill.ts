import type { RasterGrid } from "./area-raster";
import type { FlatArea } from "./flat-geometry";

/** The rows of a raster: origin, cell size and counts (`AreaRaster`'s grid). */
export type FillGrid = RasterGrid;

/** Scratch reused from one call to the next: crossings as found (row, x), then grouped by row (CSR). */
let rowStart = new Int32Array(256);
let foundRow = new Int32Array(1024);
let foundX = new Float64Array(1024);
let crossX = new Float64Array(1024);

/**
 * Collects every (row, x) crossing of a part into foundRow/foundX: the rows r0…r1 whose centre line y
 * satisfies (yi > y) !== (yj > y), with x where the edge meets it. Returns how many.
 */
function collectCrossings(area: FlatArea, part: readonly number[], minY: number, cellH: number, r0: number, r1: number): number {
  let m = 0;
  for (const k of part) {
    const ring = area.rings[k];
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const yi = ring[i + 1], yj = ring[j + 1];
      if (yi === yj) continue;
      const lo = yi < yj ? yi : yj, hi = yi < yj ? yj : yi;
      const a = Math.max(r0, Math.floor((lo - minY) / cellH - 0.5)), b = Math.min(r1, Math.floor((hi - minY) / cellH - 0.5) + 1);
      for (let r = a; r <= b; r++) {
        const y = minY + (r + 0.5) * cellH; // the same centre line and test as a full scan of the row
        if (yi > y === yj > y) continue;
        if (m === foundRow.length) {
          const rows = new Int32Array(m * 2), xs = new Float64Array(m * 2);
          rows.set(foundRow);
          xs.set(foundX);
          foundRow = rows;
          foundX = xs;
        }
        foundRow[m] = r - r0;
        foundX[m++] = ring[i] + ((y - yi) * (ring[j] - ring[i])) / (yj - yi);
      }
    }
  }
  return m;
}

/**
 * Used by `buildAreaRaster`: labels each cell whose centre lies inside an area with the area's index (-2 when
 * two areas claim it). Scanlines through the cell centres, but each edge visits only the rows it crosses, so
 * the cost is edges + crossings rather than rows × edges.
 */
export function fillInteriors(areas: readonly FlatArea[], g: FillGrid, label: Int32Array): void {
  const { minX, minY, cellW, cellH, nx, ny } = g;
  for (let index = 0; index < areas.length; index++) {
    const a = areas[index];
    const r0 = Math.max(0, Math.floor((a.bbox[1] - minY) / cellH)), r1 = Math.min(ny - 1, Math.floor((a.bbox[3] - minY) / cellH));
    if (r1 < r0) continue;
    const rows = r1 - r0 + 1;
    if (rowStart.length < rows + 1) rowStart = new Int32Array((rows + 1) * 2);
    for (const part of a.parts) {
      const m = collectCrossings(a, part, minY, cellH, r0, r1);
      const start = rowStart;
      start.fill(0, 0, rows + 1);
      for (let k = 0; k < m; k++) start[foundRow[k] + 1]++;
      for (let r = 0; r < rows; r++) start[r + 1] += start[r];
      if (crossX.length < m) crossX = new Float64Array(m * 2);
      const xs = crossX;
      for (let k = 0; k < m; k++) xs[start[foundRow[k]]++] = foundX[k];
      // start[r] now holds the end of row r: row r spans start[r - 1] (0 for the first) .. start[r]
      for (let r = 0; r < rows; r++) {
        const from = r === 0 ? 0 : start[r - 1], to = start[r];
        for (let p = from + 1; p < to; p++) {
          const v = xs[p];
          let q = p - 1;
          while (q >= from && xs[q] > v) {
            xs[q + 1] = xs[q];
            q--;
          }
          xs[q + 1] = v;
        }
        const row = (r + r0) * nx;
        for (let k = from; k + 1 < to; k += 2) {
          const c0 = Math.max(0, Math.ceil((xs[k] - minX) / cellW - 0.5)), c1 = Math.min(nx - 1, Math.floor((xs[k + 1] - minX) / cellW - 0.5));
          for (let c = c0; c <= c1; c++) {
            const current = label[row + c];
            label[row + c] = current === -1 || current === index ? index : -2;
          }
        }
      }
    }
  }
}
