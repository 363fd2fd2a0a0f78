/**
 * Small seeded pseudo-random numbers for deterministic generators (the demo township, fixtures,
 * property tests). Never use Math.random where the output must be reproducible.
 */

/**
 * Used to derive one 32-bit seed from several numbers (e.g. a global seed and the indices of a lattice
 * edge), so that a value keyed by that tuple is the same whatever order the keys are visited in.
 */
export function hashSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    // mix the 32-bit integer and fractional parts of each number
    const whole = Math.floor(part) | 0;
    const frac = Math.floor((part - Math.floor(part)) * 0x100000000) | 0;
    for (const v of [whole, frac]) {
      h ^= v;
      h = Math.imul(h, 0x01000193);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 12;
    }
  }
  return h >>> 0;
}

/**
 * Used as the raw generator behind {@link createRandom}: mulberry32, a 32-bit-state PRNG that returns
 * floats in [0, 1); fast and good enough for synthetic data, not for cryptography.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded random stream with the helpers generators need; see {@link createRandom}. */
export interface Random {
  /** Float in [0, 1). */
  next(): number;
  /** Float in [min, max). */
  float(min: number, max: number): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One value by weight: `[[value, weight], ...]`, weights > 0. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Fisher–Yates shuffle of a copy of the array. */
  shuffle<T>(items: readonly T[]): T[];
}

/** Used by deterministic generators (demo township, fixtures): a {@link Random} seeded with `seed`. */
export function createRandom(seed: number): Random {
  const next = mulberry32(hashSeed(seed));
  const rnd: Random = {
    next,
    float: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty array");
      return items[Math.floor(next() * items.length)];
    },
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of items) {
        r -= w;
        if (r < 0) return value;
      }
      return items[items.length - 1][0];
    },
    shuffle: (items) => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const k = Math.floor(next() * (i + 1));
        [out[i], out[k]] = [out[k], out[i]];
      }
      return out;
    },
  };
  return rnd;
}
