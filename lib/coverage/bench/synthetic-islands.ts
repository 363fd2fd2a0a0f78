import type { Position } from "geojson";
import { formatSmallAreaCode } from "@/lib/domain/codes";
import { ringAreaM2 } from "@/lib/geo/ring-area";
import { cellCentre } from "./synthetic-lattice";
import { offsetMetres } from "./local-metres";
import { addTruth, areaAt, grownBbox, pickCell, type CountyModel } from "./synthetic-model";
import { finiteBbox } from "./truth";

/** A closed counter-clockwise ring of `n` vertices around `centre`, radius `r` m (±15 % per vertex). */
function blobRing(m: CountyModel, centre: Position, r: number, n: number): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const rr = r * m.rnd.float(0.85, 1.15);
    ring.push(offsetMetres(m.lattice.frame, centre, rr * Math.cos(a), rr * Math.sin(a)));
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/** A closed counter-clockwise rectangle `len` × `width` m around `centre`, turned by `angle`. */
function thinRing(m: CountyModel, centre: Position, len: number, width: number, angle: number): Position[] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const corners: [number, number][] = [
    [-len / 2, -width / 2],
    [len / 2, -width / 2],
    [len / 2, width / 2],
    [-len / 2, width / 2],
  ];
  const ring = corners.map(([x, y]) => offsetMetres(m.lattice.frame, centre, x * c - y * s, x * s + y * c));
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/** Punches `island` (exact reversed copy) as a hole into the first polygon of the area at `cell`. */
function punch(m: CountyModel, cell: [number, number], island: Position[]): void {
  m.areas[areaAt(m, ...cell)].polygons![0].push(island.map((p) => [p[0], p[1]]).reverse());
}

/** Adds a new territorial small area (next free code of the district) made of `ring`. */
function addIslandArea(m: CountyModel, district: number, ring: Position[], size: "band" | "none"): number {
  const d = m.districts[district];
  m.areas.push({ district, code: formatSmallAreaCode(d.nextCode++), isVirtual: false, polygons: [[ring]], cell: null, size, placement: null });
  return m.areas.length - 1;
}

/**
 * Used by `generateSyntheticCounty`: `count` multipart small areas (a cell plus an exclave inside another cell
 * of the same district, which gets the exclave as a hole), `count` slivers (thin island small areas) and
 * `count` holes (hard case: an island small area exactly filling a hole of its parent — not a defect).
 */
export function injectIslands(m: CountyModel, count: number): void {
  for (let q = 0; q < count; q++) {
    const host = pickCell(m);
    const district = m.areas[areaAt(m, ...host)].district;
    const d = m.districts[district];
    const candidates: [number, number][] = [];
    for (let i = d.i0; i < d.i1; i++) for (let j = d.j0; j < d.j1; j++) if (!m.claimed[j * m.lattice.fineCols + i]) candidates.push([i, j]);
    if (candidates.length === 0) {
      q--;
      continue;
    }
    const owner = m.rnd.pick(candidates);
    m.claimed[owner[1] * m.lattice.fineCols + owner[0]] = 1;
    const island = blobRing(m, cellCentre(m.lattice, ...host), m.rnd.float(60, 100), 12);
    const ownerArea = areaAt(m, ...owner);
    m.areas[ownerArea].polygons!.push([island]);
    punch(m, host, island);
    const bbox = finiteBbox(m.areas[ownerArea].polygons!.flat(2))!;
    addTruth(m, { kind: "multipart", variant: "exclave", districts: [district], areas: [ownerArea], areaM2: Math.abs(ringAreaM2(island)), bbox });
  }
  for (let q = 0; q < count; q++) {
    const host = pickCell(m);
    const district = m.areas[areaAt(m, ...host)].district;
    const len = q % 3 === 0 ? m.rnd.float(25, 45) : m.rnd.float(80, 200);
    const ring = thinRing(m, cellCentre(m.lattice, ...host), len, m.rnd.float(0.4, 1.5), m.rnd.float(0, Math.PI));
    const area = addIslandArea(m, district, ring, "none");
    punch(m, host, ring);
    addTruth(m, {
      kind: "sliver",
      variant: "thin-island",
      districts: [district],
      areas: [area],
      areaM2: Math.abs(ringAreaM2(ring)),
      bbox: grownBbox(m, ring, 0),
      tolerated: ["no_buildings", "too_small"],
    });
    m.exclusions.push(grownBbox(m, ring, 3));
  }
  for (let q = 0; q < count; q++) {
    const host = pickCell(m);
    const district = m.areas[areaAt(m, ...host)].district;
    const ring = blobRing(m, cellCentre(m.lattice, ...host), m.rnd.float(100, 150), 40);
    const area = addIslandArea(m, district, ring, "band");
    punch(m, host, ring);
    m.hardCases.push({
      kind: "hole",
      variant: "island-area",
      district: m.districts[district].code,
      districts: [m.districts[district].code],
      smallAreas: [m.areas[areaAt(m, ...host)].code, m.areas[area].code].sort(),
      bbox: grownBbox(m, ring, 0),
    });
  }
}
