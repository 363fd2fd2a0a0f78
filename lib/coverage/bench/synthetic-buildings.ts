import type { CheckBuilding } from "@/lib/coverage/types";
import { flatRingDistance2, insideFlatRing, ringToMetres } from "./local-metres";
import type { CountyModel, SizeClass } from "./synthetic-model";

/** Buildings of a county as parallel typed arrays (cheap to hold at 3 M) before they become GeoJSON. */
export interface BuildingArrays {
  lon: Float64Array;
  lat: Float64Array;
  households: Int32Array;
  persons: Int32Array;
  /** index of the district the building was generated in */
  district: Int32Array;
}

/** Distance kept from every boundary (m): over the 0.5 m the brief asks, with room for rounding. */
const MARGIN_M = 1;

function sizeFor(m: CountyModel, size: SizeClass): [number, number] {
  const { rnd } = m;
  if (size === "small") {
    const h = rnd.int(8, 30);
    return [h, Math.round(h * rnd.float(2.2, 3))];
  }
  if (size === "large") {
    const h = rnd.int(140, 190);
    return [h, Math.round(h * rnd.float(2.8, 3.2))];
  }
  const h = rnd.int(60, 110);
  return [h, Math.round(h * rnd.float(2.8, 3.3))];
}

/**
 * Used by `generateSyntheticCounty`: `total` buildings (the extra ones — in gaps, on edges — included).
 * Each territorial small area with a size class other than "none" gets an equal share (±30 %) placed
 * uniformly inside its placement geometry, ≥ 1 m from its boundaries and outside every exclusion zone, and
 * households / persons that add up to its class (band 60–110 households, 2.8–3.3 persons each).
 */
export function placeBuildings(m: CountyModel, total: number): BuildingArrays {
  const { rnd } = m;
  const { frame } = m.lattice;
  const out: BuildingArrays = {
    lon: new Float64Array(total),
    lat: new Float64Array(total),
    households: new Int32Array(total),
    persons: new Int32Array(total),
    district: new Int32Array(total),
  };
  const eligible = m.areas.map((a, k) => (a.placement && a.size !== "none" ? k : -1)).filter((k) => k >= 0);
  const regular = Math.max(0, total - m.extraBuildings.length);
  const weights = eligible.map(() => rnd.float(0.7, 1.3));
  const sum = weights.reduce((s, w) => s + w, 0);
  const counts = weights.map((w) => Math.floor((regular * w) / sum));
  let left = regular - counts.reduce((s, c) => s + c, 0);
  for (let k = 0; left > 0; k = (k + 1) % counts.length, left--) counts[k]++;
  const exclusions = m.exclusions.map(([w, s, e, n]) => [(w - frame.lon0) * frame.kx, (s - frame.lat0) * frame.ky, (e - frame.lon0) * frame.kx, (n - frame.lat0) * frame.ky]);
  const margin2 = MARGIN_M * MARGIN_M;
  let at = 0;
  eligible.forEach((areaIndex, q) => {
    const area = m.areas[areaIndex];
    const polys = area.placement!.map((poly) => poly.map((ring) => ringToMetres(frame, ring)));
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const poly of polys) {
      const r = poly[0];
      for (let k = 0; k < r.length; k += 2) {
        x0 = Math.min(x0, r[k]);
        x1 = Math.max(x1, r[k]);
        y0 = Math.min(y0, r[k + 1]);
        y1 = Math.max(y1, r[k + 1]);
      }
    }
    const near = exclusions.filter((b) => b[0] <= x1 && b[2] >= x0 && b[1] <= y1 && b[3] >= y0);
    const n = counts[q];
    const start = at;
    for (let placed = 0, tries = 0; placed < n; tries++) {
      if (tries > 1000 * (n + 10)) throw new Error(`cannot place buildings in small area ${area.code}`);
      const x = x0 + rnd.next() * (x1 - x0);
      const y = y0 + rnd.next() * (y1 - y0);
      const poly = polys.find((p) => insideFlatRing(p[0], x, y) && !p.slice(1).some((h) => insideFlatRing(h, x, y)));
      if (!poly || poly.some((r) => flatRingDistance2(r, x, y) < margin2)) continue;
      if (near.some((b) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3])) continue;
      out.lon[at] = frame.lon0 + x / frame.kx;
      out.lat[at] = frame.lat0 + y / frame.ky;
      out.district[at] = area.district;
      at++;
      placed++;
    }
    if (n === 0) return;
    const [households, persons] = sizeFor(m, area.size);
    for (let h = 0; h < households; h++) out.households[start + rnd.int(0, n - 1)]++;
    const occupied: number[] = [];
    for (let b = start; b < at; b++) {
      out.persons[b] = out.households[b];
      if (out.households[b] > 0) occupied.push(b);
    }
    for (let p = households; p < persons && occupied.length > 0; p++) out.persons[rnd.pick(occupied)]++;
  });
  for (const extra of m.extraBuildings) {
    out.lon[at] = extra.position[0];
    out.lat[at] = extra.position[1];
    out.households[at] = extra.households;
    out.persons[at] = extra.persons;
    out.district[at] = extra.district;
    at++;
  }
  return out;
}

/** Used by `generateSyntheticCounty` to turn the typed arrays into the checker's GeoJSON buildings (ids 1…n). */
export function toCheckBuildings(b: BuildingArrays): CheckBuilding[] {
  const out: CheckBuilding[] = new Array(b.lon.length);
  for (let k = 0; k < b.lon.length; k++) {
    out[k] = { id: k + 1, geometry: { type: "Point", coordinates: [b.lon[k], b.lat[k]] }, households: b.households[k], persons: b.persons[k] };
  }
  return out;
}
