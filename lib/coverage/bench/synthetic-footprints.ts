/**
 * Footprints and attributes for the synthetic county's building points, so that the building bench stores and
 * tiles what a real county holds (rectangles of 8–16 m, mostly residential, a few named landmarks).
 */
import type { Polygon } from "geojson";
import { createRandom, hashSeed } from "@/lib/domain/random";
import { metresPerDegree } from "@/lib/geo/metres-per-degree";

/** Uses of non-residential buildings, with the name prefix a landmark of that use gets. */
const LANDMARKS = [
  ["school", "学校", "School"],
  ["factory", "工厂", "Factory"],
  ["shop", "商店", "Shop"],
  ["office", "办公楼", "Office"],
  ["hospital", "卫生院", "Clinic"],
] as const;

/** One building's footprint and attributes. */
export interface SyntheticFootprint {
  geometry: Polygon;
  use: "residential" | "mixed" | (typeof LANDMARKS)[number][0];
  name: string | null;
  nameEn: string | null;
  floors: number;
}

/**
 * Used by `bin/bench-buildings.ts`: a footprint centred on (lon, lat) — so its centroid is the point and it is
 * assigned where the point is — with a use (92 % residential, 5 % mixed, 3 % landmarks, named) and floors;
 * deterministic for (seed, index).
 */
export function syntheticFootprint(seed: number, index: number, lon: number, lat: number): SyntheticFootprint {
  const rnd = createRandom(hashSeed(seed, index, 7));
  const [kx, ky] = metresPerDegree(lat);
  const dx = rnd.float(8, 16) / 2 / kx, dy = rnd.float(8, 14) / 2 / ky;
  const geometry: Polygon = { type: "Polygon", coordinates: [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]]] };
  const roll = rnd.next();
  if (roll < 0.92) return { geometry, use: "residential", name: null, nameEn: null, floors: rnd.int(1, 6) };
  if (roll < 0.97) return { geometry, use: "mixed", name: null, nameEn: null, floors: rnd.int(2, 8) };
  const [use, zh, en] = rnd.pick(LANDMARKS);
  return { geometry, use, name: `${zh}${index}`, nameEn: `${en} ${index}`, floors: rnd.int(1, 5) };
}
