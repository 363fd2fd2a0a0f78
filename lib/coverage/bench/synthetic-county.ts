/**
 * The synthetic county the coverage benchmark runs on: a jittered lattice of districts split into small areas
 * with shared wiggly edges, a seeded list of injected defects (the truth) and hard cases that must not be
 * reported. Deterministic for a given seed and options.
 */
import type { MultiPolygon, Polygon, Position } from "geojson";
import type { CheckSmallArea, CoverageInput } from "@/lib/coverage/types";
import { createRandom, hashSeed } from "@/lib/domain/random";
import { injectAttributeDefects } from "./synthetic-attributes";
import { placeBuildings, toCheckBuildings } from "./synthetic-buildings";
import { injectAmbiguousBuildings, injectDistrictBoundaryDefects, injectGapsAndOverlaps } from "./synthetic-edge-defects";
import { injectFloatNoise, injectTJunctions } from "./synthetic-hard-cases";
import { injectInvalidGeometry } from "./synthetic-invalid";
import { injectIslands } from "./synthetic-islands";
import { blockRing, buildLattice } from "./synthetic-lattice";
import { buildModel } from "./synthetic-model";
import type { HardCase, TruthEntry } from "./truth";

/** Options of {@link generateSyntheticCounty}. Counts are for `scale: 1` and multiplied by `scale`. */
export interface SyntheticCountyOptions {
  seed: number;
  /** districts at scale 1 (default 400); the grid is the factorisation of districts × scale closest to square */
  districts?: number;
  /** mean small areas per district (default 8.75: 3,500 for 400 districts, before islands) */
  smallAreasPerDistrict?: number;
  /** target vertices per small-area ring (default 40) */
  verticesPerArea?: number;
  /** buildings at scale 1 (default 300,000) */
  buildings?: number;
  /** size multiplier: 10 gives 4,000 districts, 35,000 small areas, 3 M buildings (default 1) */
  scale?: number;
  /** multiplier for buildings only (default = scale), e.g. 1 for a 10× county with 300 k buildings */
  buildingsScale?: number;
  /** defects of each kind (default 12 per 400 districts, at least 1) */
  defectsPerKind?: number;
  /** virtual small areas (default 1 per 25 districts, at least 1) */
  virtualAreas?: number;
}

/** Result of {@link generateSyntheticCounty}. */
export interface SyntheticCounty {
  input: CoverageInput;
  /** every injected defect, as a checker should report it */
  truth: TruthEntry[];
  /** places that must NOT be reported (float noise, T-junctions, holes, virtual areas) */
  hardCases: HardCase[];
  /** district index (into input.districts) each building was generated in, aligned with input.buildings */
  buildingDistricts: Int32Array;
  stats: { districts: number; smallAreas: number; vertices: number; buildings: number; ms: number };
}

function toGeometry(polygons: Position[][][]): Polygon | MultiPolygon {
  return polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0] } : { type: "MultiPolygon", coordinates: polygons };
}

/**
 * Used by `bin/bench-coverage.ts` and the coverage tests: builds the synthetic county (near lon 120, lat 30,
 * ~60 × 50 km at scale 1), injects the defects listed in `truth` and the hard cases listed in `hardCases`.
 *
 * Order matters and is fixed: T-junctions (they edit lattice edges, then rebuild rings), edge defects, islands,
 * float noise, attribute defects, the snapshot buildings are placed in, invalid geometry, buildings.
 * Small areas come out ~8.75 per district plus one island area per sliver and per hole hard case, plus the
 * virtual areas. Clean rings of one district tile it exactly (bit-identical shared coordinates).
 */
export function generateSyntheticCounty(options: SyntheticCountyOptions): SyntheticCounty {
  const start = performance.now();
  const scale = options.scale ?? 1;
  const districts = Math.max(1, Math.round((options.districts ?? 400) * scale));
  const buildings = Math.round((options.buildings ?? 300_000) * (options.buildingsScale ?? scale));
  const perKind = options.defectsPerKind ?? Math.max(1, Math.round((12 * districts) / 400));
  const virtualAreas = options.virtualAreas ?? Math.max(1, Math.round(districts / 25));
  const lattice = buildLattice({
    seed: options.seed,
    districts,
    smallAreasPerDistrict: options.smallAreasPerDistrict ?? 8.75,
    verticesPerArea: options.verticesPerArea ?? 40,
  });
  const model = buildModel(lattice, createRandom(hashSeed(options.seed, 99)));
  injectTJunctions(model, perKind);
  injectGapsAndOverlaps(model, perKind);
  injectDistrictBoundaryDefects(model, perKind);
  injectAmbiguousBuildings(model, perKind);
  injectIslands(model, perKind);
  injectFloatNoise(model, perKind);
  injectAttributeDefects(model, perKind, virtualAreas);
  for (const a of model.areas) a.placement = a.polygons ? a.polygons.map((poly) => poly.map((ring) => ring.map((p) => [p[0], p[1]]))) : null;
  injectInvalidGeometry(model, perKind);
  const arrays = placeBuildings(model, buildings);

  const districtList = model.districts.map((d) => ({ code: d.code, geometry: { type: "Polygon", coordinates: [d.ring] } as Polygon }));
  const smallAreas: CheckSmallArea[] = model.areas.map((a) => ({
    code: a.code,
    district: model.districts[a.district].code,
    isVirtual: a.isVirtual,
    geometry: a.polygons ? toGeometry(a.polygons) : null,
  }));
  const container: Polygon = { type: "Polygon", coordinates: [blockRing(lattice, 0, 0, lattice.fineCols, lattice.fineRows)] };
  const input: CoverageInput = { container, districts: districtList, smallAreas, buildings: toCheckBuildings(arrays) };
  const vertices = model.areas.reduce((s, a) => s + (a.polygons ? a.polygons.flat(2).length : 0), 0);
  return {
    input,
    truth: model.truth,
    hardCases: model.hardCases,
    buildingDistricts: arrays.district,
    stats: { districts: districtList.length, smallAreas: smallAreas.length, vertices, buildings: arrays.lon.length, ms: performance.now() - start },
  };
}
