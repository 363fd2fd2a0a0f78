/** Seeded randomness and colour helpers for the synthetic imagery (no Math.random: output is reproducible). */
import { mulberry32 } from "@/lib/domain/random";

/** A PRNG returning floats in [0, 1); used while building the scene, in a fixed order. */
export type Rng = () => number;

export { mulberry32 };

/** Used to derive a seed from text (the township code), FNV-1a. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Used for values tied to a grid position (field corners, noise lattices): a hash of integers to [0, 1). */
export function hash3(i: number, j: number, k: number): number {
  let h = Math.imul(i | 0, 0x27d4eb2d) ^ Math.imul(j | 0, 0x165667b1) ^ Math.imul(k | 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Used to pick a value in [min, max). */
export function between(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** Used to pick one element by weight; `choices` are [weight, value] pairs. */
export function pickWeighted<T>(rng: Rng, choices: ReadonlyArray<readonly [number, T]>): T {
  const total = choices.reduce((sum, [w]) => sum + w, 0);
  let r = rng() * total;
  for (const [w, value] of choices) {
    r -= w;
    if (r < 0) return value;
  }
  return choices[choices.length - 1][1];
}

/** Used for every fill colour: HSL (degrees, percent, percent) to a CSS `rgb()` string. */
export function hsl(h: number, s: number, l: number, alpha = 1): string {
  const sat = Math.max(0, Math.min(100, s)) / 100;
  const lig = Math.max(0, Math.min(100, l)) / 100;
  const c = (1 - Math.abs(2 * lig - 1)) * sat;
  const hp = (((h % 360) + 360) % 360) / 60;
  const x = c * (1 - Math.abs((hp % 2) - 1));
  const [r1, g1, b1] = hp < 1 ? [c, x, 0] : hp < 2 ? [x, c, 0] : hp < 3 ? [0, c, x] : hp < 4 ? [0, x, c] : hp < 5 ? [x, 0, c] : [c, 0, x];
  const m = lig - c / 2;
  const to255 = (v: number) => Math.round((v + m) * 255);
  return alpha >= 1 ? `rgb(${to255(r1)},${to255(g1)},${to255(b1)})` : `rgba(${to255(r1)},${to255(g1)},${to255(b1)},${alpha})`;
}

/** Used for the colour a set of strips averages to at small zooms: the mean of HSL triplets. */
export function meanHsl(colors: ReadonlyArray<readonly [number, number, number]>, weights: readonly number[]): string {
  let total = 0;
  const sum = [0, 0, 0];
  colors.forEach((c, i) => {
    const w = weights[i] ?? 1;
    total += w;
    for (let k = 0; k < 3; k++) sum[k] += c[k] * w;
  });
  return total > 0 ? hsl(sum[0] / total, sum[1] / total, sum[2] / total) : hsl(60, 20, 40);
}
