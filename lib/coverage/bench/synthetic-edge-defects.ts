import type { Position } from "geojson";
import { pointInRing } from "@/lib/geo/point-in-polygon";
import { offsetMetres } from "./local-metres";
import {
  addTruth,
  areaAt,
  areaChangeM2,
  edgePoints,
  grownBbox,
  pickEdge,
  replaceVertex,
  type CountyModel,
  type EdgeRef,
} from "./synthetic-model";

/** Offset (metres) that moves a point of edge `e` into the cell on `side` (0 = south/west, 1 = north/east). */
export function inward(e: EdgeRef, side: 0 | 1, d: number): [number, number] {
  const s = side === 1 ? d : -d;
  return e.dir === "h" ? [0, s] : [s, 0];
}

interface Move {
  /** area ring that was changed first (its area change is the defect area) */
  areaM2: number;
  /** original and moved points plus the run's two fixed neighbours */
  region: Position[];
  original: Position[];
  moved: Position[];
}

/** Moves `n` consecutive interior points of edge `e` by `offset` metres in each of `rings` (same positions). */
function moveRun(m: CountyModel, e: EdgeRef, n: number, offset: [number, number], rings: Position[][]): Move {
  const pts = edgePoints(m, e);
  const k = pts.length - 1;
  const m0 = m.rnd.int(1, k - n);
  const original = pts.slice(m0, m0 + n);
  const moved = original.map((p) => offsetMetres(m.lattice.frame, p, offset[0], offset[1]));
  let areaM2 = 0;
  rings.forEach((ring, r) => {
    const before = ring.map((p) => [p[0], p[1]]);
    original.forEach((p, q) => replaceVertex(ring, p, moved[q]));
    if (r === 0) areaM2 = areaChangeM2(before, ring);
  });
  return { areaM2, region: [pts[m0 - 1], ...original, pts[m0 + n], ...moved], original, moved };
}

function outer(m: CountyModel, cell: [number, number]): Position[] {
  return m.areas[areaAt(m, ...cell)].polygons![0][0];
}

/**
 * Used by `generateSyntheticCounty`: `count` gaps and `count` overlaps between two small areas of one district
 * (1–3 shared vertices moved 12–30 m in ONE of the two rings), plus `count` more gaps each holding an
 * unassigned building.
 */
export function injectGapsAndOverlaps(m: CountyModel, count: number): void {
  for (const kind of ["gap", "overlap", "gap+building"] as const) {
    for (let q = 0; q < count; q++) {
      const { edge, cells } = pickEdge(m, "interior");
      const side: 0 | 1 = m.rnd.chance(0.5) ? 1 : 0;
      const n = kind === "gap+building" ? 1 : m.rnd.int(1, 3);
      const d = m.rnd.float(12, 30) * (kind === "overlap" ? -1 : 1);
      const move = moveRun(m, edge, n, inward(edge, side, d), [outer(m, cells[side])]);
      const areas = [areaAt(m, ...cells[0]), areaAt(m, ...cells[1])];
      const district = m.areas[areas[0]].district;
      const bbox = grownBbox(m, move.region, 0);
      addTruth(m, { kind: kind === "overlap" ? "overlap" : "gap", variant: n > 1 ? "chunk" : "vertex", districts: [district], areas, areaM2: move.areaM2, bbox });
      m.exclusions.push(grownBbox(m, move.region, 5));
      if (kind !== "gap+building") continue;
      const p: Position = [(move.original[0][0] + move.moved[0][0]) / 2, (move.original[0][1] + move.moved[0][1]) / 2];
      if (pointInRing(p, outer(m, cells[0])) || pointInRing(p, outer(m, cells[1]))) throw new Error("gap building is not in the gap");
      m.extraBuildings.push({ position: p, district, households: 1, persons: 3 });
      addTruth(m, { kind: "unassigned_building", variant: "in-gap", districts: [district], areas, areaM2: 0, bbox: [p[0], p[1], p[0], p[1]] });
    }
  }
}

/**
 * Used by `generateSyntheticCounty`: defects on the boundary between two districts — `outside_district` (one
 * small area pushed into the neighbouring district), `district_gap` / `district_overlap` (a district ring and
 * its small area moved together, inward / outward) — `count` of each.
 */
export function injectDistrictBoundaryDefects(m: CountyModel, count: number): void {
  for (const kind of ["outside_district", "district_gap", "district_overlap"] as const) {
    for (let q = 0; q < count; q++) {
      const { edge, cells } = pickEdge(m, "boundary");
      const side: 0 | 1 = m.rnd.chance(0.5) ? 1 : 0;
      const own = areaAt(m, ...cells[side]);
      const other = areaAt(m, ...cells[1 - side]);
      const d = m.rnd.float(12, 30) * (kind === "district_gap" ? 1 : -1);
      const ownDistrict = m.areas[own].district;
      const rings = [outer(m, cells[side])];
      if (kind !== "outside_district") rings.push(m.districts[ownDistrict].ring);
      const move = moveRun(m, edge, m.rnd.int(1, 2), inward(edge, side, d), rings);
      addTruth(m, {
        kind,
        variant: move.original.length > 1 ? "chunk" : "vertex",
        districts: [ownDistrict, m.areas[other].district],
        areas: kind === "outside_district" ? [own] : [own, other],
        areaM2: move.areaM2,
        bbox: grownBbox(m, move.region, 0),
        tolerated: kind === "district_gap" ? [] : ["overlap"],
      });
      m.exclusions.push(grownBbox(m, move.region, 5));
    }
  }
}

/**
 * Used by `generateSyntheticCounty`: `count` buildings exactly on an edge shared by two small areas of one
 * district — on a shared vertex, or at the midpoint of a shared segment.
 */
export function injectAmbiguousBuildings(m: CountyModel, count: number): void {
  for (let q = 0; q < count; q++) {
    const { edge, cells } = pickEdge(m, "interior");
    const pts = edgePoints(m, edge);
    const k = m.rnd.int(1, pts.length - 3);
    const onVertex = q % 2 === 0;
    const p: Position = onVertex ? [pts[k][0], pts[k][1]] : [(pts[k][0] + pts[k + 1][0]) / 2, (pts[k][1] + pts[k + 1][1]) / 2];
    const areas = [areaAt(m, ...cells[0]), areaAt(m, ...cells[1])];
    const district = m.areas[areas[0]].district;
    m.extraBuildings.push({ position: p, district, households: 1, persons: 2 });
    addTruth(m, { kind: "ambiguous_building", variant: onVertex ? "vertex" : "segment", districts: [district], areas, areaM2: 0, bbox: [p[0], p[1], p[0], p[1]] });
  }
}
