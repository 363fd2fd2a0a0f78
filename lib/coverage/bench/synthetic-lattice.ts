import type { Position } from "geojson";
import { createRandom, hashSeed, mulberry32 } from "@/lib/domain/random";
import { localFrame, toLonLat, type LocalFrame } from "./local-metres";

/** Options of {@link buildLattice}; see `generateSyntheticCounty` for their meaning. */
export interface LatticeOptions {
  seed: number;
  /** number of districts (exactly: the district grid is a factorisation cols × rows of it) */
  districts: number;
  /** mean small areas per district (8.75 gives 3,500 for 400 districts) */
  smallAreasPerDistrict: number;
  /** target vertices per small-area ring (each cell side gets verticesPerArea / 4 segments) */
  verticesPerArea: number;
}

/**
 * The fine lattice behind the synthetic county: a jittered grid of nodes whose cells are the small areas,
 * grouped into rectangular blocks of cells (the districts). Every lattice edge is a wiggly polyline stored
 * ONCE (lon/lat, endpoints included), so every ring that uses it gets bit-identical coordinates.
 * Used by the generator and by defect injection (which edits edges before rings are assembled).
 */
export interface Lattice {
  frame: LocalFrame;
  /** district grid size */
  cols: number;
  rows: number;
  /** fine-column index where district column c starts (length cols + 1); same for rows */
  colStart: number[];
  rowStart: number[];
  /** fine lattice size in cells */
  fineCols: number;
  fineRows: number;
  /** segments per lattice edge */
  segments: number;
  /** horizontal edge (i, j) from node (i, j) to (i + 1, j): hEdges[j * fineCols + i], points west → east */
  hEdges: Position[][];
  /** vertical edge (i, j) from node (i, j) to (i, j + 1): vEdges[j * (fineCols + 1) + i], points south → north */
  vEdges: Position[][];
  /** district column / row of each fine column / row */
  districtColOf: number[];
  districtRowOf: number[];
}

/** Nominal district size in metres: ~3 × 2.5 km, so 20 × 20 districts make a ~60 × 50 km county. */
const DISTRICT_W = 3000;
const DISTRICT_H = 2500;
/** Node jitter and edge wiggle, as fractions of the cell size / edge length. */
const JITTER = 0.12;
const WIGGLE = 0.03;

/** Used to pick the district grid: the factorisation cols × rows = n closest to square (cols ≥ rows on ties). */
export function districtGrid(n: number): [number, number] {
  let best: [number, number] = [n, 1];
  for (let c = 1; c <= n; c++) {
    if (n % c !== 0) continue;
    const r = n / c;
    const score = Math.abs(Math.log(c / r));
    const bestScore = Math.abs(Math.log(best[0] / best[1]));
    if (score < bestScore || (score === bestScore && c > best[0])) best = [c, r];
  }
  return best;
}

/** Splits `count` district columns (or rows) into cells so that their sum is round(mean × count), shuffled. */
function splits(count: number, mean: number, seed: number): number[] {
  const total = Math.max(count, Math.round(mean * count));
  const low = Math.floor(total / count);
  const extra = total - low * count;
  const list = Array.from({ length: count }, (_, k) => (k < extra ? low + 1 : low));
  return createRandom(seed).shuffle(list);
}

function starts(parts: number[]): number[] {
  const out = [0];
  for (const p of parts) out.push(out[out.length - 1] + p);
  return out;
}

/** Used by {@link buildLattice}: the node at fine index (i, j) in metres, jittered except along the outline. */
function nodeMetres(seed: number, i: number, j: number, fc: number, fr: number, w: number, h: number): [number, number] {
  const rnd = mulberry32(hashSeed(seed, 11, i, j));
  const jx = (rnd() * 2 - 1) * JITTER * w;
  const jy = (rnd() * 2 - 1) * JITTER * h;
  const onX = i === 0 || i === fc; // west/east outline: keep x
  const onY = j === 0 || j === fr; // south/north outline: keep y
  return [i * w + (onX ? 0 : jx), j * h + (onY ? 0 : jy)];
}

/** A wiggly polyline from a to b with `k` segments, keyed by (kind, i, j) so it never depends on visit order. */
function edgePolyline(
  frame: LocalFrame,
  seed: number,
  key: [number, number, number],
  a: [number, number],
  b: [number, number],
  k: number,
): Position[] {
  const rnd = mulberry32(hashSeed(seed, ...key));
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  const nx = -dy / len;
  const ny = dx / len;
  const pts: Position[] = [toLonLat(frame, a[0], a[1])];
  for (let m = 1; m < k; m++) {
    const t = (m + (rnd() - 0.5) * 0.3) / k;
    const w = (rnd() * 2 - 1) * WIGGLE * len * Math.sin(Math.PI * t);
    pts.push(toLonLat(frame, a[0] + dx * t + nx * w, a[1] + dy * t + ny * w));
  }
  pts.push(toLonLat(frame, b[0], b[1]));
  return pts;
}

/** Used by `generateSyntheticCounty` to build the county's lattice: node grid, district blocks and every edge. */
export function buildLattice(options: LatticeOptions): Lattice {
  const { seed } = options;
  const [cols, rows] = districtGrid(options.districts);
  // rows get 1.4× the splits of columns (2.5 × 3.5 = 8.75): small areas come out ~1.2 × 0.7 km
  const colMean = Math.sqrt(options.smallAreasPerDistrict / 1.4);
  const rowMean = options.smallAreasPerDistrict / colMean;
  const colSplits = splits(cols, colMean, hashSeed(seed, 1));
  const rowSplits = splits(rows, rowMean, hashSeed(seed, 2));
  const colStart = starts(colSplits);
  const rowStart = starts(rowSplits);
  const fineCols = colStart[cols];
  const fineRows = rowStart[rows];
  const w = (DISTRICT_W * cols) / fineCols;
  const h = (DISTRICT_H * rows) / fineRows;
  const frame = localFrame(120, 30);
  // origin at the county centre
  const ox = (fineCols * w) / 2;
  const oy = (fineRows * h) / 2;
  const nodes: [number, number][] = [];
  for (let j = 0; j <= fineRows; j++) {
    for (let i = 0; i <= fineCols; i++) {
      const [x, y] = nodeMetres(seed, i, j, fineCols, fineRows, w, h);
      nodes.push([x - ox, y - oy]);
    }
  }
  const node = (i: number, j: number) => nodes[j * (fineCols + 1) + i];
  const segments = Math.max(1, Math.round(options.verticesPerArea / 4));
  const hEdges: Position[][] = [];
  for (let j = 0; j <= fineRows; j++) {
    for (let i = 0; i < fineCols; i++) hEdges.push(edgePolyline(frame, seed, [21, i, j], node(i, j), node(i + 1, j), segments));
  }
  const vEdges: Position[][] = [];
  for (let j = 0; j < fineRows; j++) {
    for (let i = 0; i <= fineCols; i++) vEdges.push(edgePolyline(frame, seed, [22, i, j], node(i, j), node(i, j + 1), segments));
  }
  const districtColOf = colSplits.flatMap((n, c) => Array<number>(n).fill(c));
  const districtRowOf = rowSplits.flatMap((n, r) => Array<number>(n).fill(r));
  return { frame, cols, rows, colStart, rowStart, fineCols, fineRows, segments, hEdges, vEdges, districtColOf, districtRowOf };
}

/** Used to look up the horizontal edge (i, j) (west → east). */
export function hEdge(l: Lattice, i: number, j: number): Position[] {
  return l.hEdges[j * l.fineCols + i];
}

/** Used to look up the vertical edge (i, j) (south → north). */
export function vEdge(l: Lattice, i: number, j: number): Position[] {
  return l.vEdges[j * (l.fineCols + 1) + i];
}

function append(out: Position[], pts: readonly Position[], reversed: boolean): void {
  const n = pts.length;
  // all points but the last of the traversal: the next edge starts there
  for (let m = 0; m < n - 1; m++) {
    const p = reversed ? pts[n - 1 - m] : pts[m];
    out.push([p[0], p[1]]);
  }
}

/**
 * Used to assemble district, small-area and county rings: the closed counter-clockwise ring around the block of
 * cells [i0, i1) × [j0, j1), made of fresh copies of the shared edge coordinates.
 */
export function blockRing(l: Lattice, i0: number, j0: number, i1: number, j1: number): Position[] {
  const ring: Position[] = [];
  for (let i = i0; i < i1; i++) append(ring, hEdge(l, i, j0), false);
  for (let j = j0; j < j1; j++) append(ring, vEdge(l, i1, j), false);
  for (let i = i1 - 1; i >= i0; i--) append(ring, hEdge(l, i, j1), true);
  for (let j = j1 - 1; j >= j0; j--) append(ring, vEdge(l, i0, j), true);
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/** Used for islands placed inside a cell: the cell centre (mean of its four corner nodes), lon/lat. */
export function cellCentre(l: Lattice, i: number, j: number): Position {
  const south = hEdge(l, i, j);
  const north = hEdge(l, i, j + 1);
  const corners = [south[0], south[south.length - 1], north[0], north[north.length - 1]];
  return [corners.reduce((s, p) => s + p[0], 0) / 4, corners.reduce((s, p) => s + p[1], 0) / 4];
}
