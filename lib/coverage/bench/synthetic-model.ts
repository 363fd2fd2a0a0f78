import type { Position } from "geojson";
import type { Random } from "@/lib/domain/random";
import { formatSmallAreaCode } from "@/lib/domain/codes";
import { ringAreaM2 } from "@/lib/geo/ring-area";
import { blockRing, hEdge, vEdge, type Lattice } from "./synthetic-lattice";
import { finiteBbox, type HardCase, type LonLatBbox, type TruthEntry } from "./truth";
import type { IssueKind } from "@/lib/coverage/types";

/** How many households a small area is given: inside the band, under it, over it, or none at all. */
export type SizeClass = "band" | "small" | "large" | "none";

/** A small area while the county is being built (mutable rings: defects edit them in place). */
export interface AreaModel {
  district: number;
  code: string;
  isVirtual: boolean;
  /** polygons → rings → positions; null for virtual areas */
  polygons: Position[][][] | null;
  /** fine cell it was made from (null for islands and virtual areas) */
  cell: [number, number] | null;
  size: SizeClass;
  /** geometry buildings are placed in (a snapshot taken before invalid geometry is injected) */
  placement: Position[][][] | null;
}

/** A district while the county is being built. */
export interface DistrictModel {
  code: string;
  ring: Position[];
  /** index range of its cells in the fine lattice */
  i0: number;
  j0: number;
  i1: number;
  j1: number;
  /** next free territorial code number (after the cells and islands) */
  nextCode: number;
}

/** A lattice edge with the two cells on either side: h = south/north of it, v = west/east of it. */
export interface EdgeRef {
  dir: "h" | "v";
  i: number;
  j: number;
}

/** A building that is not placed by density: in a gap, on an edge. */
export interface ExtraBuilding {
  position: Position;
  district: number;
  households: number;
  persons: number;
}

/**
 * Everything the synthetic generator and its defect injectors share while building one county.
 * Used only inside `lib/coverage/bench/synthetic-*.ts`.
 */
export interface CountyModel {
  lattice: Lattice;
  rnd: Random;
  districts: DistrictModel[];
  areas: AreaModel[];
  /** area index of each fine cell (j * fineCols + i) */
  cellArea: Int32Array;
  /** 1 when a defect or hard case already uses the cell */
  claimed: Uint8Array;
  truth: TruthEntry[];
  hardCases: HardCase[];
  /** bboxes (degrees) where density-placed buildings must not go: near defects */
  exclusions: LonLatBbox[];
  extraBuildings: ExtraBuilding[];
}

/** Used to build the district codes: county 330102, townships of 20 districts, villages 001–020. */
export function districtCode(index: number): string {
  const township = Math.floor(index / 20) + 1;
  const village = (index % 20) + 1;
  return `330102${String(township).padStart(3, "0")}${String(village).padStart(3, "0")}`;
}

/** Used by `generateSyntheticCounty`: districts and one small area per fine cell, numbered from the north-west. */
export function buildModel(lattice: Lattice, rnd: Random): CountyModel {
  const l = lattice;
  const districts: DistrictModel[] = [];
  const areas: AreaModel[] = [];
  const cellArea = new Int32Array(l.fineCols * l.fineRows).fill(-1);
  for (let r = l.rows - 1; r >= 0; r--) {
    for (let c = 0; c < l.cols; c++) {
      const d = districts.length;
      const [i0, i1, j0, j1] = [l.colStart[c], l.colStart[c + 1], l.rowStart[r], l.rowStart[r + 1]];
      let n = 0;
      for (let j = j1 - 1; j >= j0; j--) {
        for (let i = i0; i < i1; i++) {
          cellArea[j * l.fineCols + i] = areas.length;
          areas.push({ district: d, code: formatSmallAreaCode(++n), isVirtual: false, polygons: [[blockRing(l, i, j, i + 1, j + 1)]], cell: [i, j], size: "band", placement: null });
        }
      }
      districts.push({ code: districtCode(d), ring: blockRing(l, i0, j0, i1, j1), i0, j0, i1, j1, nextCode: n + 1 });
    }
  }
  return { lattice, rnd, districts, areas, cellArea, claimed: new Uint8Array(cellArea.length), truth: [], hardCases: [], exclusions: [], extraBuildings: [] };
}

/** Area index of cell (i, j). */
export function areaAt(m: CountyModel, i: number, j: number): number {
  return m.cellArea[j * m.lattice.fineCols + i];
}

/** The two cells [south|west, north|east] of an edge, or null when the edge is on the county outline. */
export function edgeCells(m: CountyModel, e: EdgeRef): [[number, number], [number, number]] | null {
  const l = m.lattice;
  if (e.dir === "h") return e.j <= 0 || e.j >= l.fineRows ? null : [[e.i, e.j - 1], [e.i, e.j]];
  return e.i <= 0 || e.i >= l.fineCols ? null : [[e.i - 1, e.j], [e.i, e.j]];
}

/** Points of an edge (shared array: edit only before rings are assembled). */
export function edgePoints(m: CountyModel, e: EdgeRef): Position[] {
  return e.dir === "h" ? hEdge(m.lattice, e.i, e.j) : vEdge(m.lattice, e.i, e.j);
}

function claimCell(m: CountyModel, [i, j]: [number, number]): boolean {
  const k = j * m.lattice.fineCols + i;
  if (m.claimed[k]) return false;
  m.claimed[k] = 1;
  return true;
}

function free(m: CountyModel, [i, j]: [number, number]): boolean {
  return m.claimed[j * m.lattice.fineCols + i] === 0;
}

const MAX_TRIES = 20000;

/**
 * Used by injectors: a random unclaimed edge between two unclaimed cells, inside one district ("interior") or
 * between two districts ("boundary"); claims both cells. Throws when the county is too small for the defects.
 */
export function pickEdge(m: CountyModel, where: "interior" | "boundary"): { edge: EdgeRef; cells: [[number, number], [number, number]] } {
  const l = m.lattice;
  for (let t = 0; t < MAX_TRIES; t++) {
    const dir = m.rnd.chance(0.5) ? "h" : "v";
    const edge: EdgeRef = { dir, i: m.rnd.int(0, l.fineCols - (dir === "h" ? 1 : 0)), j: m.rnd.int(0, l.fineRows - (dir === "v" ? 1 : 0)) };
    const cells = edgeCells(m, edge);
    if (!cells || !free(m, cells[0]) || !free(m, cells[1])) continue;
    const same = m.areas[areaAt(m, ...cells[0])].district === m.areas[areaAt(m, ...cells[1])].district;
    if (same !== (where === "interior")) continue;
    claimCell(m, cells[0]);
    claimCell(m, cells[1]);
    return { edge, cells };
  }
  throw new Error(`synthetic county too small: no free ${where} edge left for defects`);
}

/** Used by injectors: a random unclaimed cell (optionally in a given district), claimed. */
export function pickCell(m: CountyModel, district?: number): [number, number] {
  const l = m.lattice;
  for (let t = 0; t < MAX_TRIES; t++) {
    let cell: [number, number];
    if (district === undefined) cell = [m.rnd.int(0, l.fineCols - 1), m.rnd.int(0, l.fineRows - 1)];
    else {
      const d = m.districts[district];
      cell = [m.rnd.int(d.i0, d.i1 - 1), m.rnd.int(d.j0, d.j1 - 1)];
    }
    if (claimCell(m, cell)) return cell;
  }
  throw new Error("synthetic county too small: no free cell left for defects");
}

/** Index of an exact position in a ring (first match), or -1. */
export function indexOf(ring: readonly Position[], p: Position): number {
  for (let k = 0; k < ring.length; k++) if (ring[k][0] === p[0] && ring[k][1] === p[1]) return k;
  return -1;
}

/** Used by injectors: replaces every exact occurrence of `from` in `ring` (keeps first = last consistent). */
export function replaceVertex(ring: Position[], from: Position, to: Position): void {
  let found = false;
  for (let k = 0; k < ring.length; k++) {
    if (ring[k][0] === from[0] && ring[k][1] === from[1]) {
      ring[k] = [to[0], to[1]];
      found = true;
    }
  }
  if (!found) throw new Error(`vertex ${from.join(",")} not in ring`);
}

/** Used by truth entries: |area change| of a ring edit in m². */
export function areaChangeM2(before: readonly Position[], after: readonly Position[]): number {
  return Math.abs(Math.abs(ringAreaM2(after)) - Math.abs(ringAreaM2(before)));
}

/** Used by truth entries: sorted unique list. */
export function sorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Used by injectors to record a truth entry (and an exclusion zone for buildings when it has a place). */
export function addTruth(
  m: CountyModel,
  entry: Omit<TruthEntry, "id" | "districts" | "smallAreas" | "tolerated" | "district"> & {
    districts: number[];
    areas: number[];
    tolerated?: IssueKind[];
    codes?: string[];
  },
): TruthEntry {
  const codes = entry.codes ?? entry.areas.map((a) => m.areas[a].code);
  const t: TruthEntry = {
    id: m.truth.length,
    kind: entry.kind,
    variant: entry.variant,
    district: entry.districts.length > 0 ? m.districts[entry.districts[0]].code : null,
    districts: sorted(entry.districts.map((d) => m.districts[d].code)),
    smallAreas: sorted(codes),
    areaM2: entry.areaM2,
    bbox: entry.bbox,
    tolerated: entry.tolerated ?? [],
  };
  m.truth.push(t);
  return t;
}

/** Used by injectors: bbox of some positions grown by `metres` on each side. */
export function grownBbox(m: CountyModel, positions: readonly Position[], metres: number): LonLatBbox {
  const b = finiteBbox(positions);
  if (!b) throw new Error("no finite position");
  const dx = metres / m.lattice.frame.kx;
  const dy = metres / m.lattice.frame.ky;
  return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
}

/** Used by injectors: bbox of all rings of an area. */
export function areaBbox(m: CountyModel, area: number): LonLatBbox | null {
  const polys = m.areas[area].polygons;
  return polys ? finiteBbox(polys.flat(2)) : null;
}
