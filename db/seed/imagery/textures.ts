import { createCanvas, type Canvas } from "@napi-rs/canvas";
import { hash3 } from "./random";

/** Small canvases computed once per render and repeated as patterns over every tile. */
export interface Textures {
  /** Soft light and dark blotches (8–64 px), laid over each tile to break up flat fills. */
  overlay: Canvas;
  /** One dark band per 16 px column, repeated: crop rows and corrugated roofs. */
  stripes: Canvas;
}

/** Edge of the overlay texture in pixels; used to anchor it to world pixels. */
export const OVERLAY_SIZE = 512;

/** Tileable value noise over [0, 1)² on a lattice of `cells` × `cells`, in [-1, 1]; lattice computed once. */
function valueNoise(cells: number, seed: number): (u: number, v: number) => number {
  const lattice = new Float32Array(cells * cells);
  for (let j = 0; j < cells; j++) for (let i = 0; i < cells; i++) lattice[j * cells + i] = hash3(i, j, seed) * 2 - 1;
  return (u, v) => {
    const x = u * cells;
    const y = v * cells;
    const i = Math.floor(x);
    const j = Math.floor(y);
    const sx = (x - i) * (x - i) * (3 - 2 * (x - i));
    const sy = (y - j) * (y - j) * (3 - 2 * (y - j));
    const i0 = i % cells;
    const i1 = (i + 1) % cells;
    const j0 = (j % cells) * cells;
    const j1 = ((j + 1) % cells) * cells;
    const top = lattice[j0 + i0] + (lattice[j0 + i1] - lattice[j0 + i0]) * sx;
    const bottom = lattice[j1 + i0] + (lattice[j1 + i1] - lattice[j1 + i0]) * sx;
    return top + (bottom - top) * sy;
  };
}

/** A canvas whose pixels are white (v > 0) or black (v < 0) with alpha |v| × maxAlpha. */
function signedAlphaCanvas(size: number, maxAlpha: number, value: (x: number, y: number) => number): Canvas {
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(size, size);
  const data = image.data;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = Math.max(-1, Math.min(1, value(x, y)));
      const o = (y * size + x) * 4;
      const c = v > 0 ? 255 : 0;
      data[o] = c;
      data[o + 1] = c;
      data[o + 2] = c;
      data[o + 3] = Math.round(Math.abs(v) * maxAlpha * 255);
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** Used once per `renderImagery` call: builds the overlay and stripe textures (deterministic). */
export function createTextures(seed: number): Textures {
  const size = OVERLAY_SIZE;
  const octaves: Array<[(u: number, v: number) => number, number]> = [
    [valueNoise(8, seed + 2), 0.45],
    [valueNoise(32, seed + 3), 0.3],
    [valueNoise(64, seed + 4), 0.2],
  ];
  const overlay = signedAlphaCanvas(size, 1, (x, y) => {
    let v = 0;
    for (const [noise, weight] of octaves) v += noise(x / size, y / size) * weight;
    return v;
  });
  const stripes = signedAlphaCanvas(16, 1, (x) => {
    const d = Math.abs(x + 0.5 - 8) / 8; // 0 at the band centre, 1 between bands
    return -Math.max(0, 1 - d * 1.6);
  });
  return { overlay, stripes };
}
