import { createCanvas, type Canvas } from "@napi-rs/canvas";
import { hash3 } from "./random";

/** Small canvases computed once per render and repeated as patterns over every tile. */
export interface Textures {
  /** Fine grain (1–2 px), light and dark specks; period 448 px. */
  grain: Canvas;
  /** Soft blotches (8–64 px) that break up flat fills; period 512 px. */
  mottle: Canvas;
  /** One dark band per 16 px column, repeated: crop rows and corrugated roofs. */
  stripes: Canvas;
}

/** Tileable value noise on a lattice of `cells` × `cells` over [0, 1)², in [-1, 1]. */
function valueNoise(u: number, v: number, cells: number, seed: number): number {
  const x = u * cells;
  const y = v * cells;
  const i = Math.floor(x);
  const j = Math.floor(y);
  const fx = x - i;
  const fy = y - j;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const at = (a: number, b: number) => hash3(((a % cells) + cells) % cells, ((b % cells) + cells) % cells, seed) * 2 - 1;
  const top = at(i, j) + (at(i + 1, j) - at(i, j)) * sx;
  const bottom = at(i, j + 1) + (at(i + 1, j + 1) - at(i, j + 1)) * sx;
  return top + (bottom - top) * sy;
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

/** Used once per `renderImagery` call: builds the grain, mottle and stripe textures (deterministic). */
export function createTextures(seed: number): Textures {
  const grainSize = 448;
  const grain = signedAlphaCanvas(grainSize, 1, (x, y) => {
    const white = hash3(x, y, seed) * 2 - 1;
    const fine = valueNoise(x / grainSize, y / grainSize, grainSize / 2, seed + 1);
    return white * 0.55 + fine * 0.45;
  });
  const mottleSize = 512;
  const mottle = signedAlphaCanvas(mottleSize, 1, (x, y) => {
    const u = x / mottleSize;
    const v = y / mottleSize;
    return valueNoise(u, v, 8, seed + 2) * 0.5 + valueNoise(u, v, 32, seed + 3) * 0.35 + valueNoise(u, v, 64, seed + 4) * 0.25;
  });
  const stripes = signedAlphaCanvas(16, 1, (x) => {
    const d = Math.abs(x + 0.5 - 8) / 8; // 0 at the band centre, 1 between bands
    return -Math.max(0, 1 - d * 1.6);
  });
  return { grain, mottle, stripes };
}
