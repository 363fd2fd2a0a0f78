import type { Position } from "geojson";
import { blockRing } from "./synthetic-lattice";
import { areaAt, edgePoints, grownBbox, indexOf, pickEdge, replaceVertex, type CountyModel } from "./synthetic-model";

function rebuildCell(m: CountyModel, [i, j]: [number, number]): void {
  m.areas[areaAt(m, i, j)].polygons = [[blockRing(m.lattice, i, j, i + 1, j + 1)]];
}

function rebuildDistrict(m: CountyModel, district: number): void {
  const d = m.districts[district];
  d.ring = blockRing(m.lattice, d.i0, d.j0, d.i1, d.j1);
}

/** Inserts `p` between the consecutive ring vertices `a` and `b` (in either order). */
function insertBetween(ring: Position[], a: Position, b: Position, p: Position): void {
  const ia = indexOf(ring, a);
  const ib = indexOf(ring, b);
  if (Math.abs(ia - ib) !== 1) throw new Error("t-junction: vertices are not consecutive");
  ring.splice(Math.max(ia, ib), 0, p);
}

/**
 * Used by `generateSyntheticCounty` FIRST, before any other edit (it rebuilds rings from the lattice):
 * `count` T-junctions. One segment of a shared edge is made exactly horizontal (h edges) or vertical (v edges)
 * in the lattice, then its midpoint — exactly on the segment — is inserted in ONE ring only: a small area
 * ring, or (on district boundaries) the district ring. A checker must not report anything there.
 */
export function injectTJunctions(m: CountyModel, count: number): void {
  for (let q = 0; q < count; q++) {
    const boundary = q % 2 === 1;
    const { edge, cells } = pickEdge(m, boundary ? "boundary" : "interior");
    const pts = edgePoints(m, edge);
    const k = m.rnd.int(1, pts.length - 3);
    const a = pts[k];
    const b = pts[k + 1];
    if (edge.dir === "h") b[1] = a[1];
    else b[0] = a[0];
    cells.forEach((c) => rebuildCell(m, c));
    const districts = cells.map((c) => m.areas[areaAt(m, ...c)].district);
    if (boundary) districts.forEach((d) => rebuildDistrict(m, d));
    const mid: Position = edge.dir === "h" ? [(a[0] + b[0]) / 2, a[1]] : [a[0], (a[1] + b[1]) / 2];
    const side = m.rnd.int(0, 1);
    const inDistrictRing = boundary && q % 4 === 3;
    const ring = inDistrictRing ? m.districts[districts[side]].ring : m.areas[areaAt(m, ...cells[side])].polygons![0][0];
    insertBetween(ring, a, b, mid);
    m.hardCases.push({
      kind: "t_junction",
      variant: `${boundary ? "district-boundary" : "interior"}:${inDistrictRing ? "district-ring" : "area-ring"}`,
      district: m.districts[districts[side]].code,
      districts: [...new Set(districts.map((d) => m.districts[d].code))].sort(),
      smallAreas: cells.map((c) => m.areas[areaAt(m, ...c)].code).sort(),
      bbox: grownBbox(m, [a, b], 0),
    });
  }
}

/**
 * Used by `generateSyntheticCounty`: `count` shared edges whose vertices differ by ~1e-12 degrees (0.2–1e-12
 * per axis) in ONE of the rings using them — a small-area ring, or (on district boundaries) the district ring.
 * Half of the small-area cases also move the edge's end nodes. A checker must not report anything there.
 */
export function injectFloatNoise(m: CountyModel, count: number): void {
  for (let q = 0; q < count; q++) {
    const boundary = q % 2 === 1;
    const { edge, cells } = pickEdge(m, boundary ? "boundary" : "interior");
    const pts = edgePoints(m, edge);
    const side = m.rnd.int(0, 1);
    const area = areaAt(m, ...cells[side]);
    const district = m.areas[area].district;
    const inDistrictRing = boundary && q % 4 === 3;
    const ring = inDistrictRing ? m.districts[district].ring : m.areas[area].polygons![0][0];
    const withNodes = !inDistrictRing && q % 4 === 0;
    const from = withNodes ? 0 : 1;
    const to = withNodes ? pts.length - 1 : pts.length - 2;
    const noise = () => (m.rnd.chance(0.5) ? 1 : -1) * m.rnd.float(0.2e-12, 1e-12);
    for (let k = from; k <= to; k++) replaceVertex(ring, pts[k], [pts[k][0] + noise(), pts[k][1] + noise()]);
    m.hardCases.push({
      kind: "float_noise",
      variant: `${boundary ? "district-boundary" : "interior"}:${inDistrictRing ? "district-ring" : "area-ring"}${withNodes ? "+nodes" : ""}`,
      district: m.districts[district].code,
      districts: [...new Set(cells.map((c) => m.districts[m.areas[areaAt(m, ...c)].district].code))].sort(),
      smallAreas: cells.map((c) => m.areas[areaAt(m, ...c)].code).sort(),
      bbox: grownBbox(m, pts, 0),
    });
  }
}
