/**
 * Whether a closed ring touches itself, by monotone chains (as GEOS nodes a ring): the ring is cut into runs
 * of edges whose x strictly increases or strictly decreases (a vertical edge is a run of its own). Two
 * non-adjacent edges of one run cannot meet (their x ranges are disjoint), so only pairs from different
 * runs whose boxes overlap are tested, each pair of runs by one merge along x. A 40-vertex wiggly ring
 * costs a few hundred edge comparisons instead of the n²/2 of a brute-force scan.
 */

function orientAt(xs: Float64Array, ys: Float64Array, a: number, b: number, c: number): number {
  const v = (xs[b] - xs[a]) * (ys[c] - ys[a]) - (ys[b] - ys[a]) * (xs[c] - xs[a]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function betweenAt(xs: Float64Array, ys: Float64Array, a: number, b: number, p: number): boolean {
  return Math.min(xs[a], xs[b]) <= xs[p] && xs[p] <= Math.max(xs[a], xs[b]) && Math.min(ys[a], ys[b]) <= ys[p] && ys[p] <= Math.max(ys[a], ys[b]);
}

/**
 * Whether closed segments i→i2 and j→j2 (vertex indices) share a point. Indices, not coordinates, so that
 * V8 boxes no doubles per call in this innermost test.
 */
function edgesTouch(xs: Float64Array, ys: Float64Array, i: number, i2: number, j: number, j2: number): boolean {
  const o1 = orientAt(xs, ys, i, i2, j), o2 = orientAt(xs, ys, i, i2, j2);
  const o3 = orientAt(xs, ys, j, j2, i), o4 = orientAt(xs, ys, j, j2, i2);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && betweenAt(xs, ys, i, i2, j)) ||
    (o2 === 0 && betweenAt(xs, ys, i, i2, j2)) ||
    (o3 === 0 && betweenAt(xs, ys, j, j2, i)) ||
    (o4 === 0 && betweenAt(xs, ys, j, j2, i2))
  );
}

/** Edges a→shared and shared→c run back along each other (a spike). */
function foldsBack(xs: Float64Array, ys: Float64Array, a: number, shared: number, c: number): boolean {
  return orientAt(xs, ys, a, shared, c) === 0 && (xs[a] - xs[shared]) * (xs[c] - xs[shared]) + (ys[a] - ys[shared]) * (ys[c] - ys[shared]) > 0;
}

/** Scratch reused from ring to ring: per chain its first edge, edge count, direction and box; the chain order. */
let chainFirst = new Int32Array(64);
let chainCount = new Int32Array(64);
let chainDir = new Int8Array(64);
let chainBox = new Float64Array(256);
let chainOrder = new Int32Array(64);

function ensureChains(k: number): void {
  if (chainFirst.length >= k) return;
  chainFirst = new Int32Array(k * 2);
  chainCount = new Int32Array(k * 2);
  chainDir = new Int8Array(k * 2);
  chainBox = new Float64Array(k * 8);
  chainOrder = new Int32Array(k * 2);
}

const sign = (d: number) => (d > 0 ? 1 : d < 0 ? -1 : 0);

/** The k-th edge of chain c in increasing x (edge index = its first vertex). */
function edgeOf(c: number, k: number, n: number): number {
  const e = chainDir[c] >= 0 ? chainFirst[c] + k : chainFirst[c] + chainCount[c] - 1 - k;
  return e >= n ? e - n : e;
}

/**
 * One merge along x of two chains whose boxes overlap: only edges that reach into the overlap of the two
 * boxes are compared (for the usual pair — two runs meeting at a turn — that is the edge or two at the
 * turn). Returns the first touching pair as the vertex to show, or -1.
 */
function touchBetweenChains(xs: Float64Array, ys: Float64Array, n: number, a: number, b: number): number {
  const loX = Math.max(chainBox[4 * a], chainBox[4 * b]), hiX = Math.min(chainBox[4 * a + 2], chainBox[4 * b + 2]);
  const loY = Math.max(chainBox[4 * a + 1], chainBox[4 * b + 1]), hiY = Math.min(chainBox[4 * a + 3], chainBox[4 * b + 3]);
  let window = 0;
  const countA = chainCount[a], countB = chainCount[b];
  for (let p = 0; p < countA; p++) {
    const i = edgeOf(a, p, n), i2 = i + 1 === n ? 0 : i + 1;
    const iMinX = xs[i] < xs[i2] ? xs[i] : xs[i2], iMaxX = xs[i] < xs[i2] ? xs[i2] : xs[i];
    if (iMaxX < loX) continue;
    if (iMinX > hiX) break;
    const iMinY = ys[i] < ys[i2] ? ys[i] : ys[i2], iMaxY = ys[i] < ys[i2] ? ys[i2] : ys[i];
    if (iMaxY < loY || iMinY > hiY) continue;
    // edges of b entirely west of this edge are west of every later edge of a too
    while (window < countB) {
      const j = edgeOf(b, window, n), j2 = j + 1 === n ? 0 : j + 1;
      if ((xs[j] > xs[j2] ? xs[j] : xs[j2]) >= iMinX) break;
      window++;
    }
    for (let q = window; q < countB; q++) {
      const j = edgeOf(b, q, n), j2 = j + 1 === n ? 0 : j + 1;
      if ((xs[j] < xs[j2] ? xs[j] : xs[j2]) > iMaxX) break;
      if (j === i2 || j2 === i) continue; // adjacent edges meet at their shared vertex (spikes: checked apart)
      if ((ys[j] > ys[j2] ? ys[j] : ys[j2]) < iMinY || (ys[j] < ys[j2] ? ys[j] : ys[j2]) > iMaxY) continue;
      if (edgesTouch(xs, ys, i, i2, j, j2)) return j;
    }
  }
  return -1;
}

/**
 * Used by the validity check (`checkRing`) for every ring of every district and small area: the first
 * place where two edges of a closed ring (open coordinate list of n vertices) touch other than at their
 * shared vertex — a crossing, a vertex on another edge, a repeated vertex, a spike — or null when the
 * ring is simple.
 */
export function firstSelfIntersection(xs: Float64Array, ys: Float64Array, n: number): [number, number] | null {
  if (n < 3) return null;
  for (let i = 0; i < n; i++) {
    const i2 = i + 1 === n ? 0 : i + 1, i3 = i2 + 1 === n ? 0 : i2 + 1;
    if (foldsBack(xs, ys, i, i2, i3)) return [xs[i2], ys[i2]];
  }
  if (n < 4) return null;
  // cut into chains; the run that wraps past vertex 0 is left cut there (one chain more, no harm)
  ensureChains(n);
  let chains = 0;
  for (let e = 0; e < n; ) {
    const e2 = e + 1 === n ? 0 : e + 1;
    const dir = sign(xs[e2] - xs[e]);
    let count = 1;
    if (dir !== 0) {
      while (e + count < n) {
        const f = e + count, f2 = f + 1 === n ? 0 : f + 1;
        if (sign(xs[f2] - xs[f]) !== dir) break;
        count++;
      }
    }
    let minY = Infinity, maxY = -Infinity;
    for (let v = e; v <= e + count; v++) {
      const y = ys[v === n ? 0 : v];
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const last = e + count === n ? 0 : e + count;
    chainFirst[chains] = e;
    chainCount[chains] = count;
    chainDir[chains] = dir;
    chainBox[4 * chains] = Math.min(xs[e], xs[last]);
    chainBox[4 * chains + 1] = minY;
    chainBox[4 * chains + 2] = Math.max(xs[e], xs[last]);
    chainBox[4 * chains + 3] = maxY;
    chainOrder[chains] = chains;
    chains++;
    e += count;
  }
  // chains by western end: insertion sort for the usual few chains, a library sort for long rings
  if (chains > 64) {
    const sorted = Array.from(chainOrder.subarray(0, chains)).sort((a, b) => chainBox[4 * a] - chainBox[4 * b]);
    chainOrder.set(sorted);
  }
  for (let p = 1; p < chains; p++) {
    const c = chainOrder[p], x = chainBox[4 * c];
    let q = p - 1;
    while (q >= 0 && chainBox[4 * chainOrder[q]] > x) {
      chainOrder[q + 1] = chainOrder[q];
      q--;
    }
    chainOrder[q + 1] = c;
  }
  for (let p = 0; p < chains; p++) {
    const a = chainOrder[p];
    const maxX = chainBox[4 * a + 2], minY = chainBox[4 * a + 1], maxY = chainBox[4 * a + 3];
    for (let q = p + 1; q < chains; q++) {
      const b = chainOrder[q];
      if (chainBox[4 * b] > maxX) break;
      if (chainBox[4 * b + 3] < minY || chainBox[4 * b + 1] > maxY) continue;
      const at = touchBetweenChains(xs, ys, n, a, b);
      if (at >= 0) return [xs[at], ys[at]];
    }
  }
  return null;
}
