/**
 * The deterministic demo township (青石镇 / Qingshi Town, 示范县 / Shifan County) used by the seed, the e2e
 * tests and the demo: ~8 census districts, ~60 small areas, ~4,000 buildings with housing units, and the
 * reference features (roads, river, ponds, farmland, landmarks) of a plain near lon 120.10, lat 30.30.
 *
 * Construction (all in local metres east/north of the township's south-west corner, converted to lon/lat at
 * the end, rounded to 1e-7°):
 * - A 16 × 12 lattice of jittered points; the 6 × 6 cells of the town centre are narrow (~100 m), the others
 *   ~340 m × 400 m. A few corner cells are left out so the outline is not a rectangle.
 * - Every lattice edge is one polyline computed once, with a wiggle keyed by the edge (roads straight, field
 *   boundaries slightly bent, the river meandering), so both neighbours use the same vertices.
 * - Districts are fixed blocks of cells bounded by the river and the roads; small areas are region-grown
 *   groups of 2–4 cells inside each district, avoiding crossing roads. Every outline is traced by cancelling
 *   shared directed lattice edges (never by polygon union): partitions are exact, with identical coordinates
 *   on both sides and no T-junctions; outer rings are counter-clockwise and closed.
 * - Buildings are rectangles placed inside one cell with a set-back from every cell edge (wider along roads
 *   and the river), apart from each other: houses clustered in hamlets, apartment blocks in rows.
 *
 * Pure: no I/O, no clock, no Math.random; the same seed gives deep-equal output.
 */
import type { LineString, Point, Polygon, Position } from "geojson";
import { formatSmallAreaCode } from "@/lib/domain/codes";
import { createRandom, hashSeed, mulberry32, type Random } from "@/lib/domain/random";
import type { BuildingUse, HousingUnitStatus } from "@/lib/domain/types";
import { orderBuildingsClockwise, orderSmallAreasClockwise } from "@/lib/geo/clockwise-order";
import { convexPolygonsSeparated, segmentSegmentDistance } from "@/lib/geo/planar-distance";
import { pointInRing } from "@/lib/geo/point-in-polygon";
import { ringCentroid } from "@/lib/geo/ring-centroid";
import type {
  DemoAdminUnit,
  DemoBuilding,
  DemoDistrict,
  DemoHousingUnit,
  DemoReferenceFeature,
  DemoSmallArea,
  DemoTownship,
} from "./types";

// ---------------------------------------------------------------------------------------------------------
// Constants and small helpers

type XY = [number, number];

const CENTER_LON = 120.1;
const CENTER_LAT = 30.3;
const EARTH_RADIUS_M = 6371008.8;
const M_PER_DEG_LAT = (EARTH_RADIUS_M * Math.PI) / 180;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((CENTER_LAT * Math.PI) / 180);
const WIDTH_M = 4000;
const HEIGHT_M = 3000;
const COLS = 16;
const ROWS = 12;
/** Town-centre (community) columns and rows of cells, inclusive; their cells are narrow. */
const TOWN_I: [number, number] = [6, 11];
const TOWN_J: [number, number] = [3, 8];
/** Cells left out of the township, so that its outline has some corners. */
const MISSING_CELLS = new Set(["0,0", "1,0", "0,1", "15,0", "15,11", "14,11", "15,10", "0,11"]);

const COUNTY = { code: "330199", nameZh: "示范县", nameEn: "Shifan County" };
const TOWNSHIP = { code: "330199101", nameZh: "青石镇", nameEn: "Qingshi Town" };

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
const toLonLat = (p: XY): Position => [
  round7(CENTER_LON + (p[0] - WIDTH_M / 2) / M_PER_DEG_LON),
  round7(CENTER_LAT + (p[1] - HEIGHT_M / 2) / M_PER_DEG_LAT),
];
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const dist = (a: XY, b: XY) => Math.hypot(b[0] - a[0], b[1] - a[1]);
const inTown = (i: number, j: number) => i >= TOWN_I[0] && i <= TOWN_I[1] && j >= TOWN_J[0] && j <= TOWN_J[1];
const cellExists = (i: number, j: number) => i >= 0 && i < COLS && j >= 0 && j < ROWS && !MISSING_CELLS.has(`${i},${j}`);

/** Rectangle centred at (cx, cy), `w` along the direction `angle` (radians from east), `d` across; CCW. */
function rect(cx: number, cy: number, w: number, d: number, angle: number): XY[] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const local: XY[] = [
    [-w / 2, -d / 2],
    [w / 2, -d / 2],
    [w / 2, d / 2],
    [-w / 2, d / 2],
  ];
  return local.map(([x, y]) => [cx + x * c - y * s, cy + x * s + y * c]);
}

// ---------------------------------------------------------------------------------------------------------
// Districts, roads and river (fixed layout; the seed moves and bends everything)

type DistrictKey = "c1" | "c2" | "vnw" | "vsw" | "vnc" | "vsc" | "vse" | "vne";

interface DistrictSpec {
  key: DistrictKey;
  suffix: string;
  kind: "community" | "village";
  nameZh: string;
  nameEn: string;
  shortZh: string;
  shortEn: string;
  hasSmallAreas: boolean;
}

const DISTRICT_SPECS: DistrictSpec[] = [
  { key: "c1", suffix: "001", kind: "community", nameZh: "青石社区", nameEn: "Qingshi Community", shortZh: "青石", shortEn: "Qingshi", hasSmallAreas: true },
  { key: "c2", suffix: "002", kind: "community", nameZh: "南苑社区", nameEn: "Nanyuan Community", shortZh: "南苑", shortEn: "Nanyuan", hasSmallAreas: true },
  { key: "vnw", suffix: "201", kind: "village", nameZh: "西岭村", nameEn: "Xiling Village", shortZh: "西岭", shortEn: "Xiling", hasSmallAreas: true },
  { key: "vsw", suffix: "202", kind: "village", nameZh: "柳桥村", nameEn: "Liuqiao Village", shortZh: "柳桥", shortEn: "Liuqiao", hasSmallAreas: true },
  { key: "vnc", suffix: "203", kind: "village", nameZh: "后庄村", nameEn: "Houzhuang Village", shortZh: "后庄", shortEn: "Houzhuang", hasSmallAreas: true },
  { key: "vsc", suffix: "204", kind: "village", nameZh: "前洋村", nameEn: "Qianyang Village", shortZh: "前洋", shortEn: "Qianyang", hasSmallAreas: true },
  { key: "vse", suffix: "205", kind: "village", nameZh: "东塘村", nameEn: "Dongtang Village", shortZh: "东塘", shortEn: "Dongtang", hasSmallAreas: true },
  // the one district left without small areas: a new user draws there
  { key: "vne", suffix: "206", kind: "village", nameZh: "枫林村", nameEn: "Fenglin Village", shortZh: "枫林", shortEn: "Fenglin", hasSmallAreas: false },
];

/** District of cell (i, j): the river (I = 4 up to J = 7, then I = 3) and the roads bound the blocks. */
function districtKeyOf(i: number, j: number): DistrictKey {
  if (inTown(i, j)) return j >= 6 ? "c1" : "c2";
  const westOfRiver = j <= 6 ? i <= 3 : i <= 2;
  if (westOfRiver) return j <= 5 ? "vsw" : "vnw";
  if (i >= 12) return j <= 5 ? "vse" : "vne";
  return j <= 5 ? "vsc" : "vnc";
}

type EdgeClass = "plain" | "outer" | "main" | "secondary" | "lane" | "river";

interface LinearDef {
  cls: EdgeClass;
  subkind: string;
  nameZh: string;
  nameEn: string;
  widthM: number;
  /** Corner lattice points of the path; consecutive corners share I or J. */
  corners: [number, number][];
}

const ROAD_DEFS: LinearDef[] = [
  { cls: "main", subkind: "main_road", nameZh: "青石大道", nameEn: "Qingshi Avenue", widthM: 12, corners: [[0, 6], [16, 6]] },
  { cls: "secondary", subkind: "secondary_road", nameZh: "人民路", nameEn: "Renmin Road", widthM: 8, corners: [[6, 0], [6, 12]] },
  { cls: "secondary", subkind: "secondary_road", nameZh: "东环路", nameEn: "Donghuan Road", widthM: 8, corners: [[12, 0], [12, 12]] },
  { cls: "secondary", subkind: "secondary_road", nameZh: "学府路", nameEn: "Xuefu Road", widthM: 7, corners: [[4, 3], [16, 3]] },
  { cls: "secondary", subkind: "secondary_road", nameZh: "振兴路", nameEn: "Zhenxing Road", widthM: 7, corners: [[3, 9], [16, 9]] },
  { cls: "secondary", subkind: "secondary_road", nameZh: "新安街", nameEn: "Xin'an Street", widthM: 6, corners: [[9, 3], [9, 9]] },
];
const RIVER_DEF: LinearDef = {
  cls: "river",
  subkind: "river",
  nameZh: "青溪",
  nameEn: "Qing River",
  widthM: 25,
  corners: [[3, 12], [3, 7], [4, 7], [4, 0]],
};

/** Set-back of buildings and fields from an edge of each class, beyond half its width. */
const SETBACK_M: Record<EdgeClass, number> = { plain: 3, outer: 5, main: 6, secondary: 5, lane: 3, river: 8 };
const BARRIER_CLASSES = new Set<EdgeClass>(["main", "secondary", "river"]);

/** Unit-step lattice points of a path through its corners. */
function expandPath(corners: [number, number][]): [number, number][] {
  const out: [number, number][] = [corners[0]];
  for (let k = 1; k < corners.length; k++) {
    const [ti, tj] = corners[k];
    let [i, j] = out[out.length - 1];
    while (i !== ti || j !== tj) {
      i += Math.sign(ti - i);
      j += Math.sign(tj - j);
      out.push([i, j]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Lattice and edges

interface Edge {
  key: string;
  /** Lattice indices of the canonical start and end (h: (I,J)→(I+1,J); v: (I,J)→(I,J+1)). */
  a: [number, number];
  b: [number, number];
  cls: EdgeClass;
  widthM: number;
  /** Polyline in metres from a to b, ends included. */
  m: XY[];
  /** The same polyline in lon/lat. */
  ll: Position[];
}

const hKey = (i: number, j: number) => `h${i},${j}`;
const vKey = (i: number, j: number) => `v${i},${j}`;
/** Key of the lattice edge between two adjacent lattice points, and whether a→b runs in its canonical direction. */
function edgeBetween(a: [number, number], b: [number, number]): { key: string; fwd: boolean } {
  if (a[1] === b[1]) return a[0] < b[0] ? { key: hKey(a[0], a[1]), fwd: true } : { key: hKey(b[0], a[1]), fwd: false };
  return a[1] < b[1] ? { key: vKey(a[0], a[1]), fwd: true } : { key: vKey(a[0], b[1]), fwd: false };
}

function buildLattice(rng: Random): XY[][] {
  const widths = Array.from({ length: COLS }, (_, i) =>
    i >= TOWN_I[0] && i <= TOWN_I[1] ? 100 * (1 + rng.float(-0.05, 0.05)) : 340 * (1 + rng.float(-0.12, 0.12)),
  );
  const heights = Array.from({ length: ROWS }, (_, j) =>
    j >= TOWN_J[0] && j <= TOWN_J[1] ? 100 * (1 + rng.float(-0.05, 0.05)) : 400 * (1 + rng.float(-0.12, 0.12)),
  );
  const sw = widths.reduce((s, w) => s + w, 0);
  const sh = heights.reduce((s, h) => s + h, 0);
  const xs = [0];
  for (const w of widths) xs.push(xs[xs.length - 1] + (w * WIDTH_M) / sw);
  const ys = [0];
  for (const h of heights) ys.push(ys[ys.length - 1] + (h * HEIGHT_M) / sh);
  const localW = (i: number) => Math.min(widths[Math.max(0, i - 1)], widths[Math.min(COLS - 1, i)]);
  const localH = (j: number) => Math.min(heights[Math.max(0, j - 1)], heights[Math.min(ROWS - 1, j)]);
  const points: XY[][] = [];
  for (let i = 0; i <= COLS; i++) {
    points.push([]);
    for (let j = 0; j <= ROWS; j++) {
      // lattice lines that carry roads stay nearly straight
      const fx = i === 6 || i === 12 ? 0.25 : i === 9 ? 0.15 : 1;
      const fy = j === 6 ? 0.05 : j === 3 || j === 9 ? 0.25 : 1;
      const jx = rng.float(-1, 1) * 0.09 * localW(i) * fx;
      const jy = rng.float(-1, 1) * 0.09 * localH(j) * fy;
      points[i].push([xs[i] + jx, ys[j] + jy]);
    }
  }
  return points;
}

function buildEdges(seed: number, lattice: XY[][]): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  const pointLL = lattice.map((col) => col.map((p) => toLonLat(p)));
  const classOf = new Map<string, { cls: EdgeClass; widthM: number }>();
  for (const def of [RIVER_DEF, ...ROAD_DEFS]) {
    const path = expandPath(def.corners);
    for (let k = 1; k < path.length; k++) {
      const { key } = edgeBetween(path[k - 1], path[k]);
      if (!classOf.has(key)) classOf.set(key, { cls: def.cls, widthM: def.widthM });
    }
  }
  const add = (key: string, a: [number, number], b: [number, number], cellA: boolean, cellB: boolean, type: number) => {
    if (!cellA && !cellB) return;
    const given = classOf.get(key);
    const cls: EdgeClass = given ? given.cls : cellA !== cellB ? "outer" : "plain";
    const widthM = given ? given.widthM : 0;
    const pa = lattice[a[0]][a[1]];
    const pb = lattice[b[0]][b[1]];
    const len = dist(pa, pb);
    let n = 1;
    let amp = 0;
    if (cls === "secondary") [n, amp] = [Math.max(1, Math.round(len / 90)), 1];
    else if (cls === "river") [n, amp] = [Math.max(4, Math.round(len / 30)), 13];
    else if (cls === "outer") [n, amp] = [Math.max(2, Math.round(len / 70)), 9];
    else if (cls === "plain") [n, amp] = [Math.max(1, Math.round(len / 80)), Math.min(5, 0.03 * len)];
    const r = mulberry32(hashSeed(seed, type, a[0], a[1]));
    const bow = (r() < 0.5 ? -1 : 1) * (0.5 + 0.5 * r());
    const nx = -(pb[1] - pa[1]) / len;
    const ny = (pb[0] - pa[0]) / len;
    const m: XY[] = [pa];
    for (let k = 1; k < n; k++) {
      const t = k / n;
      const off = amp * Math.sin(Math.PI * t) * (bow + 0.5 * (r() - 0.5));
      m.push([pa[0] + t * (pb[0] - pa[0]) + nx * off, pa[1] + t * (pb[1] - pa[1]) + ny * off]);
    }
    m.push(pb);
    const ll = m.map((p, k) => (k === 0 ? pointLL[a[0]][a[1]] : k === m.length - 1 ? pointLL[b[0]][b[1]] : toLonLat(p)));
    edges.set(key, { key, a, b, cls, widthM, m, ll });
  };
  for (let i = 0; i < COLS; i++) {
    for (let j = 0; j <= ROWS; j++) add(hKey(i, j), [i, j], [i + 1, j], cellExists(i, j - 1), cellExists(i, j), 1);
  }
  for (let i = 0; i <= COLS; i++) {
    for (let j = 0; j < ROWS; j++) add(vKey(i, j), [i, j], [i, j + 1], cellExists(i - 1, j), cellExists(i, j), 2);
  }
  return edges;
}

// ---------------------------------------------------------------------------------------------------------
// Cells and outline tracing

interface Placed {
  poly: XY[];
  cx: number;
  cy: number;
  r: number;
}

type CellRole = "urban" | "school" | "factory" | "hamlet" | "farmland" | "pond";

interface Cell {
  i: number;
  j: number;
  id: number;
  district: DistrictRec;
  sa: SmallAreaRec | null;
  /** Ring in metres, CCW, not closed; margins[k] is the set-back for segment ring[k] → ring[k+1]. */
  ring: XY[];
  margins: number[];
  bbox: [number, number, number, number];
  centroid: XY;
  /** Lattice corners SW, SE, NE, NW in metres. */
  corners: XY[];
  role: CellRole | null;
  placed: Placed[];
}

interface DirEdge {
  edge: Edge;
  fwd: boolean;
  from: [number, number];
  to: [number, number];
}

function cellDirEdges(edges: Map<string, Edge>, i: number, j: number): DirEdge[] {
  const e = (key: string) => {
    const edge = edges.get(key);
    if (!edge) throw new Error(`missing lattice edge ${key}`);
    return edge;
  };
  return [
    { edge: e(hKey(i, j)), fwd: true, from: [i, j], to: [i + 1, j] },
    { edge: e(vKey(i + 1, j)), fwd: true, from: [i + 1, j], to: [i + 1, j + 1] },
    { edge: e(hKey(i, j + 1)), fwd: false, from: [i + 1, j + 1], to: [i, j + 1] },
    { edge: e(vKey(i, j)), fwd: false, from: [i, j + 1], to: [i, j] },
  ];
}

/**
 * Boundary of a set of cells as one cycle of directed lattice edges: shared edges cancel (a cell's edge and its
 * neighbour's reverse), the rest are chained. Starts at the westmost, then northmost corner. Throws when the
 * set is not one simple piece (pinched at a corner, or with a hole).
 */
function traceCells(edges: Map<string, Edge>, cells: readonly { i: number; j: number }[]): DirEdge[] {
  const open = new Map<string, DirEdge>();
  for (const c of cells) {
    for (const d of cellDirEdges(edges, c.i, c.j)) {
      const reverse = `${d.edge.key}|${!d.fwd}`;
      if (open.has(reverse)) open.delete(reverse);
      else open.set(`${d.edge.key}|${d.fwd}`, d);
    }
  }
  const byFrom = new Map<string, DirEdge>();
  for (const d of open.values()) {
    const k = `${d.from[0]},${d.from[1]}`;
    if (byFrom.has(k)) throw new Error(`cell set pinched at lattice point ${k}`);
    byFrom.set(k, d);
  }
  let start: DirEdge | null = null;
  for (const d of open.values()) {
    if (!start || d.from[0] < start.from[0] || (d.from[0] === start.from[0] && d.from[1] > start.from[1])) start = d;
  }
  if (!start) throw new Error("empty cell set");
  const out: DirEdge[] = [];
  let cur: DirEdge = start;
  do {
    out.push(cur);
    const next = byFrom.get(`${cur.to[0]},${cur.to[1]}`);
    if (!next) throw new Error("open boundary");
    cur = next;
  } while (cur !== start && out.length <= open.size);
  if (out.length !== open.size) throw new Error("cell set has a hole or several pieces");
  return out;
}

/** The traced boundary as a closed lon/lat ring (shared vertices are the very same numbers). */
function ringLonLat(dirs: DirEdge[]): Position[] {
  const ring: Position[] = [];
  for (const d of dirs) {
    const pts = d.fwd ? d.edge.ll : d.edge.ll.slice().reverse();
    for (let k = 0; k < pts.length - 1; k++) ring.push([pts[k][0], pts[k][1]]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

function marginOf(edge: Edge): number {
  return edge.widthM / 2 + SETBACK_M[edge.cls];
}

// ---------------------------------------------------------------------------------------------------------
// Records

interface DistrictRec {
  spec: DistrictSpec;
  code: string;
  cells: Cell[];
  smallAreas: SmallAreaRec[];
  ring: Position[];
  /** Orientation of this district's apartment rows (radians). */
  angle: number;
}

interface SmallAreaRec {
  district: DistrictRec;
  cells: Cell[];
  code: string;
  ring: Position[];
  target: number;
  households: number;
}

interface BuildingRec {
  district: DistrictRec;
  sa: SmallAreaRec | null;
  use: BuildingUse;
  nameZh: string | null;
  nameEn: string | null;
  floors: number;
  poly: XY[];
  units: DemoHousingUnit[];
  landmark: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Small areas: region growing inside a district

function neighbours(cellAt: Map<string, Cell>, c: Cell): { cell: Cell; edgeKey: string }[] {
  const out: { cell: Cell; edgeKey: string }[] = [];
  const add = (i: number, j: number, edgeKey: string) => {
    const n = cellAt.get(`${i},${j}`);
    if (n && n.district === c.district) out.push({ cell: n, edgeKey });
  };
  add(c.i + 1, c.j, vKey(c.i + 1, c.j));
  add(c.i - 1, c.j, vKey(c.i, c.j));
  add(c.i, c.j + 1, hKey(c.i, c.j + 1));
  add(c.i, c.j - 1, hKey(c.i, c.j));
  return out;
}

/**
 * Splits a district's cells into about `k` connected groups of 2–4 cells: each group starts at the free cell
 * with the fewest free neighbours (sweeping from the north-west) and grows compactly, avoiding road edges;
 * single cells left over join their smallest neighbouring group.
 */
function partitionCells(
  cells: Cell[],
  k: number,
  rng: Random,
  cellAt: Map<string, Cell>,
  edges: Map<string, Edge>,
): Cell[][] {
  const free = new Set(cells.map((c) => c.id));
  const isBarrier = (key: string) => BARRIER_CLASSES.has(edges.get(key)!.cls);
  const freeCount = (c: Cell) => neighbours(cellAt, c).filter((n) => free.has(n.cell.id)).length;
  const pieces: Cell[][] = [];
  while (free.size > 0) {
    const left = Math.max(1, k - pieces.length);
    const target = clamp(Math.round(free.size / left + rng.float(-0.7, 0.7)), 2, 4);
    let seed: Cell | null = null;
    let best = Infinity;
    for (const c of cells) {
      if (!free.has(c.id)) continue;
      const score = freeCount(c) + 0.02 * (c.i + (ROWS - c.j)) + rng.next() * 0.3;
      if (score < best) [best, seed] = [score, c];
    }
    const piece: Cell[] = [seed!];
    free.delete(seed!.id);
    while (piece.length < target) {
      const cand = new Map<number, { cell: Cell; open: boolean }>();
      for (const p of piece) {
        for (const n of neighbours(cellAt, p)) {
          if (!free.has(n.cell.id)) continue;
          const prev = cand.get(n.cell.id);
          const open = !isBarrier(n.edgeKey) || (prev?.open ?? false);
          cand.set(n.cell.id, { cell: n.cell, open });
        }
      }
      let pick: Cell | null = null;
      let pickScore = Infinity;
      for (const { cell, open } of cand.values()) {
        const score =
          freeCount(cell) + (open ? 0 : 5) + 0.6 * (Math.abs(cell.i - seed!.i) + Math.abs(cell.j - seed!.j)) + rng.next() * 0.8;
        if (score < pickScore) [pickScore, pick] = [score, cell];
      }
      if (!pick) break;
      piece.push(pick);
      free.delete(pick.id);
    }
    pieces.push(piece);
  }
  // single cells join their smallest neighbouring group (preferring one not across a road)
  for (;;) {
    const single = pieces.findIndex((p) => p.length === 1);
    if (single < 0) break;
    const c = pieces[single][0];
    let bestIdx = -1;
    let bestScore = Infinity;
    for (const n of neighbours(cellAt, c)) {
      const idx = pieces.findIndex((p, pi) => pi !== single && p.includes(n.cell));
      if (idx < 0) continue;
      const score = pieces[idx].length + (isBarrier(n.edgeKey) ? 10 : 0);
      if (score < bestScore) [bestScore, bestIdx] = [score, idx];
    }
    if (bestIdx < 0) break;
    pieces[bestIdx].push(c);
    pieces.splice(single, 1);
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------------------------
// Placement inside a cell

/** True when the convex polygon lies inside the cell with the set-back of every cell edge. */
function fitsInCell(cell: Cell, poly: XY[]): boolean {
  for (const v of poly) if (!pointInRing(v, cell.ring)) return false;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const v of poly) {
    minX = Math.min(minX, v[0]);
    minY = Math.min(minY, v[1]);
    maxX = Math.max(maxX, v[0]);
    maxY = Math.max(maxY, v[1]);
  }
  const n = cell.ring.length;
  for (let k = 0; k < n; k++) {
    const a = cell.ring[k];
    const b = cell.ring[(k + 1) % n];
    const m = cell.margins[k];
    if (Math.max(a[0], b[0]) < minX - m || Math.min(a[0], b[0]) > maxX + m) continue;
    if (Math.max(a[1], b[1]) < minY - m || Math.min(a[1], b[1]) > maxY + m) continue;
    for (let q = 0; q < poly.length; q++) {
      if (segmentSegmentDistance(poly[q], poly[(q + 1) % poly.length], a, b) < m) return false;
    }
  }
  return true;
}

/** Places the polygon in the cell if it fits and keeps `gap` metres from everything already there. */
function tryPlace(cell: Cell, poly: XY[], gap: number): boolean {
  if (!fitsInCell(cell, poly)) return false;
  const cx = poly.reduce((s, p) => s + p[0], 0) / poly.length;
  const cy = poly.reduce((s, p) => s + p[1], 0) / poly.length;
  const r = Math.max(...poly.map((p) => Math.hypot(p[0] - cx, p[1] - cy)));
  for (const o of cell.placed) {
    if (Math.hypot(o.cx - cx, o.cy - cy) > o.r + r + gap) continue;
    if (!convexPolygonsSeparated(poly, o.poly, gap)) return false;
  }
  cell.placed.push({ poly, cx, cy, r });
  return true;
}

/** Tries a w × d rectangle at points spiralling out from `anchor` (step `step` m, up to `maxR` m). */
const spiralCache = new Map<string, XY[]>();
/** Offsets on a `step` grid within `maxR`, nearest first (memoised: they never change). */
function spiralOffsets(maxR: number, step: number): XY[] {
  const key = `${maxR}/${step}`;
  let offsets = spiralCache.get(key);
  if (!offsets) {
    offsets = [];
    for (let x = -maxR; x <= maxR; x += step) for (let y = -maxR; y <= maxR; y += step) if (Math.hypot(x, y) <= maxR) offsets.push([x, y]);
    offsets.sort((p, q) => Math.hypot(p[0], p[1]) - Math.hypot(q[0], q[1]) || p[0] - q[0] || p[1] - q[1]);
    spiralCache.set(key, offsets);
  }
  return offsets;
}

/** Tries a w × d rectangle at points spiralling out from `anchor` (step `step` m, up to `maxR` m). */
function placeNear(cell: Cell, anchor: XY, w: number, d: number, angle: number, gap: number, maxR = 140, step = 6): XY[] | null {
  for (const [ox, oy] of spiralOffsets(maxR, step)) {
    const poly = rect(anchor[0] + ox, anchor[1] + oy, w, d, angle);
    if (tryPlace(cell, poly, gap)) return poly;
  }
  return null;
}

/** Direction (radians from east) of the cell's southern lattice edge: rows of buildings follow it. */
function cellAngle(cell: Cell): number {
  const [sw, se] = cell.corners;
  return Math.atan2(se[1] - sw[1], se[0] - sw[0]);
}

// ---------------------------------------------------------------------------------------------------------
// Housing units

function personsOfHousehold(rng: Random): number {
  return rng.weighted([
    [1, 8],
    [2, 24],
    [3, 32],
    [4, 24],
    [5, 8],
    [6, 4],
  ] as const);
}

/** Units of a village house: 1 unit (sometimes 2), 1–2 households each; never more households than `remaining`. */
function houseUnits(rng: Random, floors: number, remaining: number): DemoHousingUnit[] {
  const nUnits = floors >= 2 && remaining >= 2 && rng.chance(0.1) ? 2 : 1;
  const units: DemoHousingUnit[] = [];
  let left = remaining;
  for (let u = 1; u <= nUnits; u++) {
    const status: HousingUnitStatus = rng.weighted([
      ["occupied", 97],
      ["vacant", 1.5],
      ["away", 1.5],
    ] as const);
    const households = status === "vacant" ? 0 : Math.min(left, rng.chance(0.2) ? 2 : 1);
    let persons = 0;
    for (let h = 0; h < households; h++) persons += personsOfHousehold(rng);
    units.push({
      unitNumber: String(u),
      floor: u,
      entrance: "1",
      status: households === 0 ? "vacant" : status,
      households,
      persons,
    });
    left -= households;
  }
  return units;
}

const APARTMENT_CONFIGS: { entrances: number; floors: number; units: number }[] = [];
for (let e = 1; e <= 3; e++) {
  for (let f = 3; f <= 11; f++) {
    const units = 2 * e * f;
    if (units >= 12 && units <= 36) APARTMENT_CONFIGS.push({ entrances: e, floors: f, units });
  }
}

function apartmentUnits(rng: Random, cfg: { entrances: number; floors: number; units: number }, occupied: number): DemoHousingUnit[] {
  const slots: { entrance: number; floor: number; k: number }[] = [];
  for (let e = 1; e <= cfg.entrances; e++) for (let f = 1; f <= cfg.floors; f++) for (let k = 1; k <= 2; k++) slots.push({ entrance: e, floor: f, k });
  const vacant = new Set(rng.shuffle(slots.map((_, idx) => idx)).slice(0, slots.length - occupied));
  return slots.map((s, idx) => {
    const isVacant = vacant.has(idx);
    const status: HousingUnitStatus = isVacant ? "vacant" : rng.chance(0.03) ? "away" : "occupied";
    const persons = isVacant ? 0 : rng.weighted([
      [1, 12],
      [2, 30],
      [3, 33],
      [4, 20],
      [5, 5],
    ] as const);
    return {
      unitNumber: `${s.entrance}-${s.floor}${String(s.k).padStart(2, "0")}`,
      floor: s.floor,
      entrance: String(s.entrance),
      status,
      households: isVacant ? 0 : 1,
      persons,
    };
  });
}

const householdsOf = (units: DemoHousingUnit[]) => units.reduce((s, u) => s + u.households, 0);

/** A ring as the polygon it is output as (and numbered as). */
const polygonOf = (ring: Position[]): Polygon => ({ type: "Polygon", coordinates: [ring] });

// ---------------------------------------------------------------------------------------------------------
// The generator

/**
 * Generates the demo township for `seed` (default 1). Deterministic and pure (same seed → deep-equal result),
 * runs in well under a second.
 *
 * Numbering (the rule of lib/domain/numbering.ts, docs/numbering.svg): small-area codes 001… in each district,
 * and building numbers 1…n in each small area, start at the north-west corner of the enclosing district / small
 * area and go clockwise, outer ring before inner. Buildings of the district without small areas have no small
 * area and no number.
 *
 * Housing units: village houses have 1 unit (sometimes 2) of 1–2 households; apartment blocks 12–36 units of
 * one household each; a few units are vacant (0 households, 0 persons), away (全户外出: 1 household, its
 * registered persons) or collective (集体户, the factory dormitory: 1 household, many persons).
 */
export function generateDemoTownship(seed = 1): DemoTownship {
  const rng = createRandom(seed);
  const lattice = buildLattice(rng);
  const edges = buildEdges(seed, lattice);

  // districts and cells (geometry of cells comes after the lanes are known)
  const districts = new Map<DistrictKey, DistrictRec>();
  for (const spec of DISTRICT_SPECS) {
    districts.set(spec.key, {
      spec,
      code: `${TOWNSHIP.code}${spec.suffix}`,
      cells: [],
      smallAreas: [],
      ring: [],
      angle: rng.float(-0.03, 0.03),
    });
  }
  const cells: Cell[] = [];
  const cellAt = new Map<string, Cell>();
  for (let j = 0; j < ROWS; j++) {
    for (let i = 0; i < COLS; i++) {
      if (!cellExists(i, j)) continue;
      const district = districts.get(districtKeyOf(i, j))!;
      const cell: Cell = {
        i,
        j,
        id: j * COLS + i,
        district,
        sa: null,
        ring: [],
        margins: [],
        bbox: [0, 0, 0, 0],
        centroid: [0, 0],
        corners: [lattice[i][j], lattice[i + 1][j], lattice[i + 1][j + 1], lattice[i][j + 1]],
        role: null,
        placed: [],
      };
      cells.push(cell);
      cellAt.set(`${i},${j}`, cell);
      district.cells.push(cell);
    }
  }

  // small areas
  for (const d of districts.values()) {
    d.ring = ringLonLat(traceCells(edges, d.cells));
    if (!d.spec.hasSmallAreas) continue;
    const k = d.spec.kind === "community" ? Math.round(d.cells.length / 2) : Math.round(d.cells.length / 3.1);
    const pieces = partitionCells(d.cells, k, rng, cellAt, edges);
    const recs = pieces.map((piece): SmallAreaRec => {
      const sa: SmallAreaRec = { district: d, cells: piece, code: "", ring: ringLonLat(traceCells(edges, piece)), target: 0, households: 0 };
      for (const c of piece) c.sa = sa;
      return sa;
    });
    d.smallAreas = orderSmallAreasClockwise(polygonOf(d.ring), recs, (sa) => polygonOf(sa.ring));
    d.smallAreas.forEach((sa, idx) => (sa.code = formatSmallAreaCode(idx + 1)));
  }

  // village lanes along small-area boundaries (or anywhere inside the village without small areas)
  const lanes: { district: DistrictRec; path: [number, number][]; n: number }[] = [];
  for (const d of districts.values()) {
    if (d.spec.kind !== "village") continue;
    const inD = new Set(d.cells.map((c) => `${c.i},${c.j}`));
    const saOf = (i: number, j: number) => cellAt.get(`${i},${j}`)?.sa ?? null;
    const candidates = new Set<string>();
    for (const e of edges.values()) {
      if (e.cls !== "plain") continue;
      const [i, j] = e.a;
      const sides: [number, number][] = e.key.startsWith("h") ? [[i, j - 1], [i, j]] : [[i - 1, j], [i, j]];
      if (!sides.every(([si, sj]) => inD.has(`${si},${sj}`))) continue;
      if (d.spec.hasSmallAreas && saOf(...sides[0]) === saOf(...sides[1])) continue;
      candidates.add(e.key);
    }
    const used = new Set<string>();
    const order = rng.shuffle([...candidates].sort());
    let count = 0;
    for (const startKey of order) {
      if (count >= 2) break;
      if (used.has(startKey)) continue;
      const start = edges.get(startKey)!;
      let path: [number, number][] = [start.a, start.b];
      const chain = new Set([startKey]);
      const extend = () => {
        for (let step = 0; step < 3; step++) {
          const last = path[path.length - 1];
          const prev = path[path.length - 2];
          const dir: [number, number] = [last[0] - prev[0], last[1] - prev[1]];
          const options: { to: [number, number]; key: string; straight: boolean }[] = [];
          for (const [di, dj] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
            const to: [number, number] = [last[0] + di, last[1] + dj];
            if (path.some((p) => p[0] === to[0] && p[1] === to[1])) continue;
            const { key } = edgeBetween(last, to);
            if (!candidates.has(key) || used.has(key) || chain.has(key)) continue;
            options.push({ to, key, straight: di === dir[0] && dj === dir[1] });
          }
          if (options.length === 0) return;
          const straight = options.find((o) => o.straight);
          const next = straight && rng.chance(0.7) ? straight : rng.pick(options);
          path.push(next.to);
          chain.add(next.key);
        }
      };
      extend();
      path = path.reverse();
      extend();
      if (chain.size < 2) continue;
      for (const key of chain) {
        used.add(key);
        const e = edges.get(key)!;
        e.cls = "lane";
        e.widthM = 4;
      }
      lanes.push({ district: d, path, n: ++count });
    }
  }

  // cell geometry in metres with set-backs
  for (const c of cells) {
    const ring: XY[] = [];
    const margins: number[] = [];
    for (const d of cellDirEdges(edges, c.i, c.j)) {
      const pts = d.fwd ? d.edge.m : d.edge.m.slice().reverse();
      for (let k = 0; k < pts.length - 1; k++) {
        ring.push(pts[k]);
        margins.push(marginOf(d.edge));
      }
    }
    c.ring = ring;
    c.margins = margins;
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    c.bbox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    c.centroid = ringCentroid(ring);
  }
  const isRoadSide = (c: Cell) =>
    cellDirEdges(edges, c.i, c.j).some((d) => d.edge.cls === "main" || d.edge.cls === "secondary" || d.edge.cls === "lane");

  const buildings: BuildingRec[] = [];
  const addBuilding = (cell: Cell, b: Omit<BuildingRec, "district" | "sa" | "landmark"> & { landmark?: boolean }) => {
    const rec: BuildingRec = { district: cell.district, sa: cell.sa, landmark: false, ...b };
    buildings.push(rec);
    if (cell.sa) cell.sa.households += householdsOf(rec.units);
    return rec;
  };

  const d = (key: DistrictKey) => districts.get(key)!;

  // --- communities: school, town hall, committees, shops along the avenue
  for (const c of cells) if (c.district.spec.kind === "community") c.role = "urban";
  const schoolCell = rng.pick(d("c2").cells.filter((c) => c.j === 3));
  schoolCell.role = "school";
  {
    const a = cellAngle(schoolCell);
    const [cx, cy] = schoolCell.centroid;
    const up: XY = [-Math.sin(a), Math.cos(a)];
    const main = placeNear(schoolCell, [cx + up[0] * 30, cy + up[1] * 30], 62, 15, a, 8, 60, 4);
    if (main) addBuilding(schoolCell, { use: "school", nameZh: "青石中心小学", nameEn: "Qingshi Central Primary School", floors: 4, poly: main, units: [], landmark: true });
    const second = placeNear(schoolCell, [cx - up[0] * 20, cy - up[1] * 20], 40, 14, a, 10, 60, 4);
    if (second) addBuilding(schoolCell, { use: "school", nameZh: null, nameEn: null, floors: 3, poly: second, units: [] });
  }

  /** Places a w × d building against the cell's edge on lattice line J = jLine (the avenue), facing it. */
  const placeAlongRoad = (cell: Cell, w: number, depth: number, t: number): XY[] | null => {
    const edge = edges.get(hKey(cell.i, cell.j === 6 ? 6 : cell.j + 1))!;
    const p0 = edge.m[0];
    const p1 = edge.m[edge.m.length - 1];
    const along: XY = [p0[0] + t * (p1[0] - p0[0]), p0[1] + t * (p1[1] - p0[1])];
    const a = Math.atan2(p1[1] - p0[1], p1[0] - p0[0]);
    const inward = cell.j === 6 ? 1 : -1;
    const nx = -Math.sin(a) * inward;
    const ny = Math.cos(a) * inward;
    for (let k = 0; k < 8; k++) {
      const off = marginOf(edge) + depth / 2 + 1.5 + k * 2;
      const poly = rect(along[0] + nx * off, along[1] + ny * off, w, depth, a);
      if (tryPlace(cell, poly, 3)) return poly;
    }
    return null;
  };

  const avenueCells = cells.filter((c) => c.role === "urban" && (c.j === 6 || c.j === 5));
  const shopNames: [string, string][] = [
    ["青石超市", "Qingshi Supermarket"],
    ["平安大药房", "Ping'an Pharmacy"],
    ["新华书店", "Xinhua Bookstore"],
    ["青石饭店", "Qingshi Restaurant"],
  ];
  {
    const hallCell = rng.pick(avenueCells.filter((c) => c.district.spec.key === "c1"));
    const hall = placeAlongRoad(hallCell, 36, 16, 0.5);
    if (hall) addBuilding(hallCell, { use: "office", nameZh: "青石镇人民政府", nameEn: "Qingshi Town Government", floors: 4, poly: hall, units: [], landmark: true });
    const marketCell = rng.pick(avenueCells.filter((c) => c.district.spec.key === "c2" && c !== hallCell));
    const market = placeAlongRoad(marketCell, 40, 26, 0.5);
    if (market) addBuilding(marketCell, { use: "shop", nameZh: "青石农贸市场", nameEn: "Qingshi Farmers' Market", floors: 1, poly: market, units: [], landmark: true });
    let named = 0;
    for (const c of avenueCells) {
      for (const t of [0.2, 0.8]) {
        if (!rng.chance(0.7)) continue;
        const poly = placeAlongRoad(c, rng.float(14, 22), rng.float(10, 13), t);
        if (!poly) continue;
        const name = named < shopNames.length && rng.chance(0.5) ? shopNames[named++] : null;
        addBuilding(c, { use: "shop", nameZh: name?.[0] ?? null, nameEn: name?.[1] ?? null, floors: 2, poly, units: [], landmark: name !== null });
      }
    }
    for (const key of ["c1", "c2"] as const) {
      const dist = d(key);
      const c = rng.pick(dist.cells.filter((x) => x.role === "urban"));
      const a = cellAngle(c);
      const poly = placeNear(c, c.centroid, 22, 12, a, 6, 70, 4);
      if (poly) {
        addBuilding(c, {
          use: "office",
          nameZh: `${dist.spec.nameZh}居委会`,
          nameEn: `${dist.spec.nameEn} Residents' Committee`,
          floors: 3,
          poly,
          units: [],
          landmark: true,
        });
      }
    }
  }

  // --- the factory, with its dormitory (collective households), in Dongtang Village near a road
  {
    const options = d("vse").cells.filter((c) => isRoadSide(c) && c.sa !== null && c.sa.cells.length >= 3);
    const fc = rng.pick(options.length > 0 ? options : d("vse").cells);
    fc.role = "factory";
    const a = cellAngle(fc);
    const sizes: [number, number][] = [
      [96, 40],
      [84, 36],
      [70, 30],
    ];
    for (const [w, dd] of sizes) {
      const poly = placeNear(fc, fc.centroid, w, dd, a, 10, 50, 5);
      if (poly) {
        addBuilding(fc, { use: "factory", nameZh: "青石纺织厂", nameEn: "Qingshi Textile Mill", floors: 1, poly, units: [], landmark: true });
        break;
      }
    }
    const shed = placeNear(fc, fc.centroid, 54, 24, a, 10, 140, 6);
    if (shed) addBuilding(fc, { use: "factory", nameZh: null, nameEn: null, floors: 1, poly: shed, units: [] });
    const dorm = placeNear(fc, fc.centroid, 40, 12, a, 10, 140, 6);
    if (dorm) {
      const units: DemoHousingUnit[] = Array.from({ length: 4 }, (_, k) => ({
        unitNumber: String(k + 1),
        floor: k + 1,
        entrance: "1",
        status: "collective" as const,
        households: 1,
        persons: rng.int(12, 28),
      }));
      addBuilding(fc, { use: "residential", nameZh: "青石纺织厂宿舍", nameEn: "Qingshi Textile Mill Dormitory", floors: 4, poly: dorm, units });
    }
  }

  // --- household targets: most 70–95, a few too small (30–45) or too large (130–160)
  const allSmallAreas = [...districts.values()].flatMap((x) => x.smallAreas);
  {
    const villageSAs = allSmallAreas.filter((sa) => sa.district.spec.kind === "village");
    const bigEnough = rng.shuffle(villageSAs.filter((sa) => sa.cells.filter((c) => c.role === null).length >= 3));
    const large = new Set(bigEnough.slice(0, rng.int(2, 3)));
    const rest = rng.shuffle(villageSAs.filter((sa) => !large.has(sa) && !sa.cells.some((c) => c.role === "factory")));
    const small = new Set(rest.slice(0, rng.int(2, 3)));
    for (const sa of allSmallAreas) sa.target = large.has(sa) ? rng.int(130, 160) : small.has(sa) ? rng.int(30, 45) : rng.int(70, 95);
  }

  // --- apartment blocks: plan the blocks of each small area, spread them over evenly spaced slots in rows
  const SLOT_LENGTH = 62;
  const SLOT_DEPTH = 18;
  const urbanSlots = (cell: Cell): { u: number; v: number; a: number; origin: XY }[] => {
    const a = cell.district.angle;
    const origin = cell.centroid;
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    const local = cell.ring.map(([x, y]) => [(x - origin[0]) * cos + (y - origin[1]) * sin, -(x - origin[0]) * sin + (y - origin[1]) * cos] as XY);
    const uMin = Math.min(...local.map((p) => p[0]));
    const uMax = Math.max(...local.map((p) => p[0]));
    const vMin = Math.min(...local.map((p) => p[1]));
    const slots: { u: number; v: number; a: number; origin: XY }[] = [];
    for (let v = Math.max(...local.map((p) => p[1])) - SLOT_DEPTH / 2; v > vMin; v -= 2) {
      let rowFound = false;
      for (let u = uMin + SLOT_LENGTH / 2; u < uMax; u += 3) {
        const poly = rect(origin[0] + u * cos - v * sin, origin[1] + u * sin + v * cos, SLOT_LENGTH, SLOT_DEPTH, a);
        if (!fitsInCell(cell, poly)) continue;
        if (cell.placed.some((o) => !convexPolygonsSeparated(poly, o.poly, 8))) continue;
        if (slots.some((q) => Math.abs(q.v - v) < SLOT_DEPTH + 13 && Math.abs(q.u - u) < SLOT_LENGTH + 12)) continue;
        slots.push({ u, v, a, origin });
        rowFound = true;
        u += SLOT_LENGTH + 12 - 3;
      }
      if (rowFound) v -= SLOT_DEPTH + 13 - 2;
    }
    return slots;
  };
  const slotPoly = (slot: { u: number; v: number; a: number; origin: XY }, length: number, depth: number) => {
    const cos = Math.cos(slot.a);
    const sin = Math.sin(slot.a);
    return rect(slot.origin[0] + slot.u * cos - slot.v * sin, slot.origin[1] + slot.u * sin + slot.v * cos, length, depth, slot.a);
  };
  const fillCommunitySmallArea = (sa: SmallAreaRec) => {
    const slots = sa.cells.filter((c) => c.role === "urban").flatMap((c) => urbanSlots(c).map((slot) => ({ c, slot })));
    // as many blocks as ~28 households each would need, at least enough for 36 each, at most one per slot
    const target = Math.min(sa.target - sa.households, 36 * slots.length);
    const n = clamp(Math.round(target / 28), Math.ceil(target / 36), slots.length);
    const plan: { cfg: (typeof APARTMENT_CONFIGS)[number]; occupied: number }[] = [];
    for (let k = 0; k < n; k++) {
      const occupied = Math.floor(target / n) + (k < target % n ? 1 : 0);
      const fit = APARTMENT_CONFIGS.filter((c) => c.units >= occupied);
      const min = Math.min(...fit.map((c) => c.units));
      plan.push({ cfg: rng.pick(fit.filter((c) => c.units === min)), occupied });
    }
    const chosen = new Set<number>();
    for (let k = 0; k < plan.length && k < slots.length; k++) chosen.add(Math.floor(((k + 0.5) * slots.length) / plan.length));
    let k = 0;
    slots.forEach(({ c, slot }, idx) => {
      if (chosen.has(idx) && k < plan.length) {
        const { cfg, occupied } = plan[k++];
        const poly = slotPoly(slot, cfg.entrances * 20 + rng.float(-1, 1), rng.float(15, SLOT_DEPTH));
        if (tryPlace(c, poly, 8)) {
          addBuilding(c, { use: "residential", nameZh: null, nameEn: null, floors: cfg.floors, poly, units: apartmentUnits(rng, cfg, occupied) });
        }
      } else if (rng.chance(0.6)) {
        // bicycle sheds and garages between the blocks
        const poly = slotPoly(slot, rng.float(20, 34), rng.float(6, 8));
        if (tryPlace(c, poly, 8)) addBuilding(c, { use: "other", nameZh: null, nameEn: null, floors: 1, poly, units: [] });
      }
    });
  };
  for (const key of ["c1", "c2"] as const) for (const sa of d(key).smallAreas) fillCommunitySmallArea(sa);

  // --- village houses in hamlets
  const officePlaced = new Set<DistrictRec>();
  const fillHamlet = (cell: Cell, group: { target: number; households: number }, quota: number): number => {
    const a = cellAngle(cell) * 0.5 + rng.float(-0.2, 0.2);
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    const px = rng.float(20, 23);
    const py = rng.float(22, 26);
    const [bx, by, bX, bY] = cell.bbox;
    const center: XY = [
      cell.centroid[0] + rng.float(-0.18, 0.18) * (bX - bx),
      cell.centroid[1] + rng.float(-0.18, 0.18) * (bY - by),
    ];
    const reach = Math.hypot(bX - bx, bY - by) / 2 + 30;
    const candidates: { p: XY; key: number }[] = [];
    for (let gu = -Math.ceil(reach / px); gu <= Math.ceil(reach / px); gu++) {
      for (let gv = -Math.ceil(reach / py); gv <= Math.ceil(reach / py); gv++) {
        const lu = gu * px + rng.float(-1.5, 1.5);
        const lv = gv * py + rng.float(-1.5, 1.5);
        const p: XY = [center[0] + lu * cos - lv * sin, center[1] + lu * sin + lv * cos];
        if (!pointInRing(p, cell.ring)) continue;
        candidates.push({ p, key: Math.hypot(lu, lv) * (1 + 0.35 * rng.next()) });
      }
    }
    candidates.sort((x, y) => x.key - y.key);
    let houses = 0;
    const district = cell.district;
    for (const { p } of candidates) {
      if (houses >= quota || group.target - group.households <= 0) break;
      if (!officePlaced.has(district)) {
        const poly = rect(p[0], p[1], 20, 12, a);
        if (tryPlace(cell, poly, 3)) {
          officePlaced.add(district);
          addBuilding(cell, {
            use: "office",
            nameZh: `${district.spec.nameZh}村委会`,
            nameEn: `${district.spec.nameEn} Committee`,
            floors: 3,
            poly,
            units: [],
            landmark: true,
          });
        }
        continue;
      }
      const w = rng.float(9, 15);
      const dd = rng.float(8, 12);
      const ang = a + rng.float(-0.05, 0.05);
      const poly = rect(p[0], p[1], w, dd, ang);
      if (!tryPlace(cell, poly, 2.5)) continue;
      houses++;
      const floors = rng.weighted([
        [1, 10],
        [2, 45],
        [3, 35],
        [4, 10],
      ] as const);
      const units = houseUnits(rng, floors, group.target - group.households);
      const mixed = rng.chance(0.04);
      addBuilding(cell, { use: mixed ? "mixed" : "residential", nameZh: null, nameEn: null, floors, poly, units });
      if (!cell.sa) group.households += householdsOf(units);
      // an outbuilding (shed, garage) behind or beside the house
      if (rng.chance(0.38)) {
        const sw = rng.float(4, 7);
        const sd = rng.float(3, 5);
        const offsets: XY[] = rng.shuffle([
          [0, dd / 2 + 2.5 + sd / 2],
          [w / 2 + 2.5 + sw / 2, 0],
          [-(w / 2 + 2.5 + sw / 2), 0],
        ]);
        const c2 = Math.cos(ang);
        const s2 = Math.sin(ang);
        for (const [ou, ov] of offsets) {
          const shed = rect(p[0] + ou * c2 - ov * s2, p[1] + ou * s2 + ov * c2, sw, sd, ang);
          if (tryPlace(cell, shed, 2)) {
            addBuilding(cell, { use: "other", nameZh: null, nameEn: null, floors: 1, poly: shed, units: [] });
            break;
          }
        }
      }
    }
    if (houses > 0) cell.role = "hamlet";
    return houses;
  };

  const hamletOrder = (list: Cell[]) =>
    list
      .filter((c) => c.role === null)
      .map((c) => ({ c, key: (isRoadSide(c) ? 0 : 1) + rng.next() * 1.2 }))
      .sort((x, y) => x.key - y.key)
      .map((x) => x.c);
  const fillVillageGroup = (group: { target: number; households: number }, groupCells: Cell[], quotaRange: [number, number]) => {
    for (const c of hamletOrder(groupCells)) {
      if (group.target - group.households <= 0) break;
      fillHamlet(c, group, rng.int(quotaRange[0], quotaRange[1]));
    }
    // not enough room yet: densify the hamlets, then any remaining cell
    for (const c of groupCells.filter((x) => x.role === "hamlet" || x.role === null)) {
      if (group.target - group.households <= 0) break;
      fillHamlet(c, group, Infinity);
    }
  };
  for (const dist of districts.values()) {
    if (dist.spec.kind !== "village") continue;
    if (dist.spec.hasSmallAreas) {
      for (const sa of dist.smallAreas) fillVillageGroup(sa, sa.cells, [55, 95]);
    } else {
      fillVillageGroup({ target: rng.int(300, 360), households: 0 }, dist.cells, [60, 95]);
    }
  }

  // named village shops: one mixed-use house per village becomes the village store
  const landmarkShops = new Set<BuildingRec>();
  for (const dist of districts.values()) {
    if (dist.spec.kind !== "village") continue;
    const mixed = buildings.filter((b) => b.district === dist && b.use === "mixed");
    if (mixed.length === 0) continue;
    const store = rng.pick(mixed);
    store.nameZh = `${dist.spec.shortZh}便利店`;
    store.nameEn = `${dist.spec.shortEn} Convenience Store`;
    store.landmark = true;
    landmarkShops.add(store);
  }

  // --- farmland and ponds in the village cells left empty
  const referenceFeatures: DemoReferenceFeature[] = [];
  const polygonLL = (poly: XY[]): Polygon => {
    const ring = poly.map(toLonLat);
    ring.push([ring[0][0], ring[0][1]]);
    return { type: "Polygon", coordinates: [ring] };
  };
  const lerp = (p: XY, q: XY, t: number): XY => [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
  /** The cell's corner quad shrunk towards its centroid until it keeps the set-backs. */
  const innerQuad = (c: Cell, start: number): XY[] | null => {
    for (let s = start; s >= 0.5; s -= 0.04) {
      const quad = c.corners.map((p) => lerp(c.centroid, p, s));
      if (fitsInCell(c, quad)) return quad;
    }
    return null;
  };
  /** A grid of nu × nv sub-quads of a convex quad [A, B, C, D] (SW, SE, NE, NW), `gapM` metres apart. */
  const subQuads = (quad: XY[], nu: number, nv: number, gapM: number): XY[][] => {
    const [A, B, C, D] = quad;
    const gu = gapM / 2 / Math.max(1, dist(A, B));
    const gv = gapM / 2 / Math.max(1, dist(A, D));
    const at = (tu: number, tv: number) => lerp(lerp(A, B, tu), lerp(D, C, tu), tv);
    const out: XY[][] = [];
    for (let u = 0; u < nu; u++) {
      for (let v = 0; v < nv; v++) {
        const u0 = u / nu + (u > 0 ? gu : 0);
        const u1 = (u + 1) / nu - (u < nu - 1 ? gu : 0);
        const v0 = v / nv + (v > 0 ? gv : 0);
        const v1 = (v + 1) / nv - (v < nv - 1 ? gv : 0);
        out.push([at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)]);
      }
    }
    return out;
  };
  const field = (poly: XY[]): DemoReferenceFeature => ({
    kind: "farmland",
    subkind: "field",
    nameZh: null,
    nameEn: null,
    widthM: null,
    geometry: polygonLL(poly),
  });
  let namedPond = false;
  for (const c of cells) {
    if (c.district.spec.kind !== "village") continue;
    if (c.role === "hamlet") {
      // fields around the hamlet, kept well away from the houses
      const quad = innerQuad(c, 0.9);
      if (!quad) continue;
      for (const poly of subQuads(quad, 4, 4, 4)) {
        const fx = (poly[0][0] + poly[2][0]) / 2;
        const fy = (poly[0][1] + poly[2][1]) / 2;
        const fr = Math.max(...poly.map((p) => Math.hypot(p[0] - fx, p[1] - fy)));
        const clear = c.placed.every((o) => Math.hypot(o.cx - fx, o.cy - fy) > o.r + fr + 12 || convexPolygonsSeparated(poly, o.poly, 12));
        if (clear) referenceFeatures.push(field(poly));
      }
      continue;
    }
    if (c.role !== null) continue;
    const quad = innerQuad(c, 0.86);
    if (!quad) continue;
    if (rng.chance(0.14)) {
      c.role = "pond";
      if (!namedPond) {
        // a natural pond with a name
        const rad = Math.min(c.bbox[2] - c.bbox[0], c.bbox[3] - c.bbox[1]) * 0.28;
        const poly: XY[] = [];
        for (let k = 0; k < 16; k++) {
          const t = (2 * Math.PI * k) / 16;
          const rr = rad * (0.85 + 0.15 * Math.sin(3 * t + 1) + rng.float(-0.04, 0.04));
          poly.push([c.centroid[0] + rr * Math.cos(t) * 1.2, c.centroid[1] + rr * Math.sin(t) * 0.85]);
        }
        if (fitsInCell(c, poly)) {
          namedPond = true;
          referenceFeatures.push({ kind: "water", subkind: "pond", nameZh: "月塘", nameEn: "Moon Pond", widthM: null, geometry: polygonLL(poly) });
          continue;
        }
      }
      // fish ponds: a 2 × 2 or 3 × 2 grid of basins with dikes between them
      for (const poly of subQuads(quad, rng.int(2, 3), 2, 10)) {
        referenceFeatures.push({ kind: "water", subkind: "pond", nameZh: null, nameEn: null, widthM: null, geometry: polygonLL(poly) });
      }
      continue;
    }
    c.role = "farmland";
    const [A, B, , D] = quad;
    const strips = rng.int(2, 4);
    const fields = dist(A, B) >= dist(A, D) ? subQuads(quad, strips, 1, 3) : subQuads(quad, 1, strips, 3);
    for (const poly of fields) referenceFeatures.push(field(poly));
  }

  // --- roads, river, lanes as lines along the lattice
  const pathLine = (path: [number, number][]): LineString => {
    const coords: Position[] = [];
    for (let k = 1; k < path.length; k++) {
      const { key, fwd } = edgeBetween(path[k - 1], path[k]);
      const e = edges.get(key)!;
      const pts = fwd ? e.ll : e.ll.slice().reverse();
      for (let q = k === 1 ? 0 : 1; q < pts.length; q++) coords.push([pts[q][0], pts[q][1]]);
    }
    return { type: "LineString", coordinates: coords };
  };
  const linear: DemoReferenceFeature[] = [];
  linear.push({
    kind: "river",
    subkind: RIVER_DEF.subkind,
    nameZh: RIVER_DEF.nameZh,
    nameEn: RIVER_DEF.nameEn,
    widthM: RIVER_DEF.widthM,
    geometry: pathLine(expandPath(RIVER_DEF.corners)),
  });
  for (const def of ROAD_DEFS) {
    linear.push({ kind: "road", subkind: def.subkind, nameZh: def.nameZh, nameEn: def.nameEn, widthM: def.widthM, geometry: pathLine(expandPath(def.corners)) });
  }
  const zhNumbers = ["一", "二", "三", "四"];
  for (const lane of lanes) {
    linear.push({
      kind: "road",
      subkind: "lane",
      nameZh: `${lane.district.spec.shortZh}${zhNumbers[lane.n - 1]}弄`,
      nameEn: `${lane.district.spec.shortEn} Lane ${lane.n}`,
      widthM: 4,
      geometry: pathLine(lane.path),
    });
  }

  // --- output: buildings numbered per small area
  const outBuildings: DemoBuilding[] = [];
  const landmarkPoints: DemoReferenceFeature[] = [];
  const footprintLL = new Map<BuildingRec, Polygon>();
  for (const b of buildings) footprintLL.set(b, polygonLL(b.poly));
  /** Centre of a footprint (midpoint of its diagonal), where its landmark point goes. */
  const centerOf = (b: BuildingRec): Position => {
    const ring = footprintLL.get(b)!.coordinates[0];
    return [(ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2];
  };
  const footprintOf = (b: BuildingRec) => footprintLL.get(b)!;
  const emit = (b: BuildingRec, number: number | null) => {
    outBuildings.push({
      districtCode: b.district.code,
      smallAreaFullCode: b.sa ? `${b.district.code}${b.sa.code}` : null,
      number,
      use: b.use,
      nameZh: b.nameZh,
      nameEn: b.nameEn,
      floors: b.floors,
      geometry: footprintLL.get(b)!,
      units: b.units,
    });
    if (b.landmark) {
      const subkind = b.use === "mixed" ? "shop" : b.use;
      const geometry: Point = { type: "Point", coordinates: centerOf(b).map(round7) };
      landmarkPoints.push({ kind: "landmark", subkind, nameZh: b.nameZh, nameEn: b.nameEn, widthM: null, geometry });
    }
  };
  for (const dist of districts.values()) {
    if (dist.spec.hasSmallAreas) {
      for (const sa of dist.smallAreas) {
        const inSa = buildings.filter((b) => b.sa === sa);
        const ordered = orderBuildingsClockwise(polygonOf(sa.ring), inSa, footprintOf);
        ordered.forEach((b, idx) => emit(b, idx + 1));
      }
    } else {
      const inD = buildings.filter((b) => b.district === dist);
      for (const b of orderBuildingsClockwise(polygonOf(dist.ring), inD, footprintOf)) emit(b, null);
    }
  }

  // --- admin units
  const townshipRing = ringLonLat(traceCells(edges, cells));
  const countyRing: Position[] = [];
  const countyRng = mulberry32(hashSeed(seed, 99));
  for (let k = 0; k < 14; k++) {
    const t = (2 * Math.PI * k) / 14;
    const rr = 11000 + 5000 * countyRng();
    countyRing.push(toLonLat([WIDTH_M / 2 + 1500 + rr * Math.cos(t), HEIGHT_M / 2 - 2000 + rr * Math.sin(t)]));
  }
  countyRing.push([countyRing[0][0], countyRing[0][1]]);
  const county: DemoAdminUnit = { ...COUNTY, geometry: { type: "Polygon", coordinates: [countyRing] } };
  const township: DemoAdminUnit = { ...TOWNSHIP, geometry: { type: "Polygon", coordinates: [townshipRing] } };

  const outDistricts: DemoDistrict[] = [...districts.values()].map((x) => ({
    code: x.code,
    nameZh: x.spec.nameZh,
    nameEn: x.spec.nameEn,
    kind: x.spec.kind,
    geometry: { type: "Polygon", coordinates: [x.ring] },
    hasSmallAreas: x.spec.hasSmallAreas,
  }));
  const outSmallAreas: DemoSmallArea[] = allSmallAreas.map((sa) => ({
    districtCode: sa.district.code,
    code: sa.code,
    geometry: { type: "Polygon", coordinates: [sa.ring] },
  }));

  return {
    county,
    township,
    districts: outDistricts,
    smallAreas: outSmallAreas,
    buildings: outBuildings,
    referenceFeatures: [...linear, ...referenceFeatures, ...landmarkPoints],
  };
}
