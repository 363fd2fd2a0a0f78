import { describe, expect, it } from "vitest";
import { firstSelfIntersection } from "./ring-simplicity";

type P = [number, number];

const orient = (a: P, b: P, c: P) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
const within = (a: P, b: P, p: P) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);

/** The textbook closed-segment intersection test, for the reference below. */
function touch(a: P, b: P, c: P, d: P): boolean {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && within(a, b, c)) || (o2 === 0 && within(a, b, d)) || (o3 === 0 && within(c, d, a)) || (o4 === 0 && within(c, d, b));
}

/** Reference: every pair of non-adjacent edges, and every pair of adjacent edges for a spike. */
function bruteForce(ring: P[]): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i], b = ring[(i + 1) % n], c = ring[(i + 2) % n];
    if (orient(a, b, c) === 0 && (a[0] - b[0]) * (c[0] - b[0]) + (a[1] - b[1]) * (c[1] - b[1]) > 0) return true;
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (touch(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n])) return true;
    }
  }
  return false;
}

function run(ring: P[]): [number, number] | null {
  const xs = Float64Array.from(ring.map((p) => p[0])), ys = Float64Array.from(ring.map((p) => p[1]));
  return firstSelfIntersection(xs, ys, ring.length);
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("firstSelfIntersection (monotone chains)", () => {
  it("passes a square, a wiggly star and a ring with a vertical edge", () => {
    expect(run([[0, 0], [1, 0], [1, 1], [0, 1]])).toBeNull();
    const star: P[] = [];
    for (let k = 0; k < 80; k++) {
      const t = (2 * Math.PI * k) / 80, r = k % 2 ? 1 : 0.6 + 0.1 * Math.sin(5 * t);
      star.push([r * Math.cos(t), r * Math.sin(t)]);
    }
    expect(run(star)).toBeNull();
    expect(run([[0, 0], [2, 0], [2, 1], [2, 2], [0, 2]])).toBeNull();
  });

  it("finds a bow-tie, a vertex on another edge, a repeated vertex and a spike", () => {
    expect(run([[0, 0], [1, 1], [1, 0], [0, 1]])).not.toBeNull();
    expect(run([[0, 0], [4, 0], [4, 4], [2, 0], [0, 4]])).not.toBeNull();
    expect(run([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1]])).not.toBeNull();
    expect(run([[0, 0], [3, 0], [1, 0], [1, 2]])).not.toBeNull();
  });

  it("agrees with the brute-force reference on 20,000 random rings (grid coordinates: many touches)", () => {
    const rand = random(7);
    let simple = 0;
    for (let k = 0; k < 20_000; k++) {
      const n = 3 + Math.floor(rand() * 14);
      const grid = 3 + Math.floor(rand() * 12);
      const ring: P[] = [];
      // a star-shaped walk around a centre, so that a good share of the rings are simple
      for (let v = 0; v < n; v++) {
        const t = (2 * Math.PI * (v + rand() * 0.9)) / n, r = 1 + rand() * (grid / 2 - 1);
        const p: P = [Math.round(grid / 2 + r * Math.cos(t)), Math.round(grid / 2 + r * Math.sin(t))];
        if (rand() < 0.1) p[0] = Math.round(rand() * grid);
        const prev = ring[ring.length - 1];
        if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) ring.push(p);
      }
      while (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
      if (ring.length < 3) continue;
      const expected = bruteForce(ring);
      if (!expected) simple++;
      expect([ring, run(ring) !== null]).toEqual([ring, expected]);
    }
    expect(simple).toBeGreaterThan(2_000);
  });

  it("handles a long ring through the library sort (many chains)", () => {
    const ring: P[] = [];
    for (let k = 0; k < 2000; k++) ring.push([k, k % 2]);
    for (let k = 1999; k >= 0; k--) ring.push([k, 10 + (k % 2)]);
    expect(run(ring)).toBeNull();
    ring.splice(3000, 0, [500.5, -1]);
    expect(run(ring)).not.toBeNull();
  });
});
