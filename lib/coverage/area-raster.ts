import type { FlatArea } from "./flat-geometry";

/**
 * A raster of the small areas for building assignment: every cell that no boundary passes near (by more
 * than the tolerance) is labelled with the one area covering its centre, so most buildings are assigned by
 * one array look-up; cells near a boundary keep the list of areas whose edges pass, for a full test.
 */
export interface AreaRaster {
  minX: number;
  minY: number;
  cellW: number;
  cellH: number;
  nx: number;
  ny: number;
  /** area index covering the cell centre, -1 for none, -2 when two areas claim it (an overlap) */
  label: Int32Array;
  /** CSR lists of the areas whose edges (widened by the tolerance) touch each cell */
  edgeStart: Int32Array;
  edgeAreas: Int32Array;
}

/**
 * Used by `assignBuildings`: rasterises the areas onto a grid of about `targetCells` cells — edges marked by
 * their widened bounding boxes, interiors filled by scanlines through cell centres.
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

  // edges: two passes (count, then fill), one entry per area and cell
  const count = new Int32Array(cells + 1);
  const stamp = new Int32Array(cells).fill(-1);
  const edgeAreas: Int32Array[] = [];
  const visitEdges = (fillPass: boolean) => {
    stamp.fill(-1);
    const out = edgeAreas[0];
    for (let index = 0; index < areas.length; index++) {
      const a = areas[index];
      for (const ring of a.rings) {
        const n = ring.length;
        for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
          const x0 = Math.min(ring[i], ring[j]) - tolX, x1 = Math.max(ring[i], ring[j]) + tolX;
          const y0 = Math.min(ring[i + 1], ring[j + 1]) - tolY, y1 = Math.max(ring[i + 1], ring[j + 1]) + tolY;
          const cx0 = Math.max(0, Math.floor((x0 - minX) / cellW)), cx1 = Math.min(nx - 1, Math.floor((x1 - minX) / cellW));
          const cy0 = Math.max(0, Math.floor((y0 - minY) / cellH)), cy1 = Math.min(ny - 1, Math.floor((y1 - minY) / cellH));
          for (let cy = cy0; cy <= cy1; cy++) {
            for (let cx = cx0; cx <= cx1; cx++) {
              const cell = cy * nx + cx;
              if (stamp[cell] === index) continue;
              stamp[cell] = index;
              if (fillPass) out[fill[cell]++] = index;
              else count[cell + 1]++;
            }
          }
        }
      }
    }
  };
  let fill = count;
  visitEdges(false);
  for (let c = 0; c < cells; c++) count[c + 1] += count[c];
  edgeAreas.push(new Int32Array(count[cells]));
  fill = count.slice(0, cells);
  visitEdges(true);

  // interiors: scanline through the cell centres of each row an area spans
  const label = new Int32Array(cells).fill(-1);
  let xs = new Float64Array(64);
  for (let index = 0; index < areas.length; index++) {
    const a = areas[index];
    const r0 = Math.max(0, Math.floor((a.bbox[1] - minY) / cellH)), r1 = Math.min(ny - 1, Math.floor((a.bbox[3] - minY) / cellH));
    for (const part of a.parts) {
      for (let r = r0; r <= r1; r++) {
        const y = minY + (r + 0.5) * cellH;
        let count = 0;
        for (const k of part) {
          const ring = a.rings[k];
          const n = ring.length;
          if (xs.length < count + n) {
            const bigger = new Float64Array((count + n) * 2);
            bigger.set(xs.subarray(0, count));
            xs = bigger;
          }
          for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
            const yi = ring[i + 1], yj = ring[j + 1];
            if (yi > y !== yj > y) xs[count++] = ring[i] + ((y - yi) * (ring[j] - ring[i])) / (yj - yi);
          }
        }
        if (count > 2) xs.subarray(0, count).sort();
        else if (count === 2 && xs[0] > xs[1]) {
          const t = xs[0];
          xs[0] = xs[1];
          xs[1] = t;
        }
        for (let k = 0; k + 1 < count; k += 2) {
          const c0 = Math.max(0, Math.ceil((xs[k] - minX) / cellW - 0.5)), c1 = Math.min(nx - 1, Math.floor((xs[k + 1] - minX) / cellW - 0.5));
          for (let c = c0; c <= c1; c++) {
            const cell = r * nx + c;
            const current = label[cell];
            label[cell] = current === -1 || current === index ? index : -2;
          }
        }
      }
    }
  }
  return { minX, minY, cellW, cellH, nx, ny, label, edgeStart: count, edgeAreas: edgeAreas[0] };
}

/** Used per building: the cell of a point, or -1 outside the raster. */
export function cellOf(raster: AreaRaster, x: number, y: number): number {
  const cx = Math.floor((x - raster.minX) / raster.cellW), cy = Math.floor((y - raster.minY) / raster.cellH);
  if (cx < 0 || cy < 0 || cx >= raster.nx || cy >= raster.ny) return -1;
  return cy * raster.nx + cx;
}
