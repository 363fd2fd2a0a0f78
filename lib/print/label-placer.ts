import type { Box } from "./sheet-layout";

/** A label's footprint on the page: a rectangle of `width` × `height` centred on (cx, cy), turned by `angle` degrees. */
export interface LabelBox {
  cx: number;
  cy: number;
  width: number;
  height: number;
  angle: number;
}

type Corner = [number, number];

function corners(box: LabelBox): Corner[] {
  const a = (box.angle * Math.PI) / 180;
  const ux: Corner = [Math.cos(a) * (box.width / 2), Math.sin(a) * (box.width / 2)];
  const uy: Corner = [-Math.sin(a) * (box.height / 2), Math.cos(a) * (box.height / 2)];
  return [
    [box.cx - ux[0] - uy[0], box.cy - ux[1] - uy[1]],
    [box.cx + ux[0] - uy[0], box.cy + ux[1] - uy[1]],
    [box.cx + ux[0] + uy[0], box.cy + ux[1] + uy[1]],
    [box.cx - ux[0] + uy[0], box.cy - ux[1] + uy[1]],
  ];
}

/** Separating-axis test of two rectangles (given by their corners). */
function overlap(p: Corner[], q: Corner[]): boolean {
  for (const shape of [p, q]) {
    for (let i = 0; i < 2; i++) {
      const ax = shape[i + 1][0] - shape[i][0], ay = shape[i + 1][1] - shape[i][1];
      let pMin = Infinity, pMax = -Infinity, qMin = Infinity, qMax = -Infinity;
      for (const c of p) { const d = c[0] * ax + c[1] * ay; pMin = Math.min(pMin, d); pMax = Math.max(pMax, d); }
      for (const c of q) { const d = c[0] * ax + c[1] * ay; qMin = Math.min(qMin, d); qMax = Math.max(qMax, d); }
      if (pMax <= qMin || qMax <= pMin) return false;
    }
  }
  return true;
}

/**
 * Used by the map drawing to keep labels from stacking: remembers the labels placed so far; a new optional
 * label is placed only where it stays inside the frame and overlaps none of them. Cheap (no solver).
 */
export class LabelPlacer {
  private placed: Array<{ corners: Corner[]; minX: number; maxX: number; minY: number; maxY: number }> = [];

  constructor(private readonly frame: Box, private readonly inset = 0.8) {}

  /** True when the box lies inside the frame (less the inset). */
  inFrame(box: LabelBox): boolean {
    const f = this.frame, m = this.inset;
    return corners(box).every(([x, y]) => x >= f.x + m && x <= f.x + f.width - m && y >= f.y + m && y <= f.y + f.height - m);
  }

  /** True when the box is inside the frame and overlaps no placed label. */
  fits(box: LabelBox): boolean {
    if (!this.inFrame(box)) return false;
    const c = corners(box);
    const xs = c.map((p) => p[0]), ys = c.map((p) => p[1]);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    for (const other of this.placed) {
      if (other.maxX <= minX || other.minX >= maxX || other.maxY <= minY || other.minY >= maxY) continue;
      if (overlap(c, other.corners)) return false;
    }
    return true;
  }

  /** Remembers a label (placed whether or not it fits). */
  add(box: LabelBox): void {
    const c = corners(box);
    const xs = c.map((p) => p[0]), ys = c.map((p) => p[1]);
    this.placed.push({ corners: c, minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) });
  }

  /** Places the first candidate that fits and returns it, or null when none fits. */
  placeFirst(candidates: readonly LabelBox[]): LabelBox | null {
    for (const box of candidates) {
      if (this.fits(box)) {
        this.add(box);
        return box;
      }
    }
    return null;
  }
}
