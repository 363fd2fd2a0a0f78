import type { CoverageInput } from "@/lib/coverage/types";
import { metresPerDegree } from "./local-metres";
import { areaPtr, collectionPtr, coverageIsValid, GEOS_GEOMETRYCOLLECTION, loadGeos, takeGeosErrors, type GeosApi } from "./geos-api";

/** Result of {@link runGeosBaseline}. */
export interface GeosBaselineResult {
  /** conversion + checks (ms), init excluded */
  ms: number;
  initMs: number;
  /** GeoJSON → GEOS geometries, all small areas and districts */
  convertMs: number;
  /** GEOSisValid + GEOSCoverageIsValid calls */
  checkMs: number;
  gapWidthM: number;
  smallAreas: number;
  /** small areas GEOS would not build (e.g. unclosed ring) */
  unbuildable: number;
  /** small areas with GEOSisValid = 0 */
  invalidAreas: number;
  /** districts whose small-area coverage is invalid (result 0) or raised an error (result 2) */
  invalidCoverages: number;
  coverageErrors: number;
  /** county level: coverage of the district polygons (1 valid, 0 invalid, 2 error) */
  districtCoverageResult: number;
  /** districts flagged by anything at small-area level (unbuildable, invalid area, invalid coverage) */
  flaggedDistricts: string[];
  /** districts with invalid edges in the county-level coverage of districts */
  flaggedDistrictsByDistrictCoverage: string[];
  /** size of the WASM linear memory afterwards (MB): GEOS memory is not in the JS heap */
  wasmMB: number;
}

let cached: { geos: GeosApi; initMs: number } | null = null;

/**
 * Used by `bin/bench-coverage.ts` as the GEOS baseline — what GEOS itself offers for this job: per district,
 * GEOSisValid on each small area and GEOSCoverageIsValid on the district's small areas (a GeometryCollection)
 * with a gap width; then GEOSCoverageIsValid on all districts. Coordinates stay lon/lat (GEOS is planar), so
 * the gap width is converted from metres to degrees of longitude at the county's latitude.
 * GEOS coverage validation needs EXACTLY matching edges: T-junctions and 1e-12° noise make it report invalid
 * edges, and it does not compare small areas with their district (no outside_district / no container check).
 */
export async function runGeosBaseline(input: CoverageInput, options: { gapWidthM?: number } = {}): Promise<GeosBaselineResult> {
  if (!cached) {
    const t = performance.now();
    const geos = await loadGeos();
    cached = { geos, initMs: performance.now() - t };
  }
  const { geos } = cached;
  const gapWidthM = options.gapWidthM ?? 50;
  const lat = input.districts[0]?.geometry.type === "Polygon" ? input.districts[0].geometry.coordinates[0][0][1] : 30;
  const gapWidth = gapWidthM / metresPerDegree(lat)[0];
  const byDistrict = new Map<string, CoverageInput["smallAreas"]>();
  for (const a of input.smallAreas) {
    if (!a.geometry) continue;
    (byDistrict.get(a.district) ?? byDistrict.set(a.district, []).get(a.district)!).push(a);
  }
  let convertMs = 0;
  let checkMs = 0;
  let unbuildable = 0;
  let invalidAreas = 0;
  let invalidCoverages = 0;
  let coverageErrors = 0;
  let smallAreas = 0;
  const flagged = new Set<string>();
  for (const [district, areas] of byDistrict) {
    const ptrs: number[] = [];
    for (const a of areas) {
      smallAreas++;
      let t = performance.now();
      const g = a.geometry!;
      const ptr = areaPtr(geos, g.type === "Polygon" ? [g.coordinates] : g.coordinates);
      convertMs += performance.now() - t;
      if (!ptr) {
        takeGeosErrors();
        unbuildable++;
        flagged.add(district);
        continue;
      }
      t = performance.now();
      const valid = geos.GEOSisValid(ptr);
      checkMs += performance.now() - t;
      if (valid !== 1) {
        invalidAreas++;
        flagged.add(district);
      }
      ptrs.push(ptr);
    }
    let t = performance.now();
    const coll = collectionPtr(geos, GEOS_GEOMETRYCOLLECTION, ptrs);
    convertMs += performance.now() - t;
    t = performance.now();
    const { result } = coverageIsValid(geos, coll, gapWidth);
    checkMs += performance.now() - t;
    takeGeosErrors();
    if (result !== 1) {
      invalidCoverages++;
      if (result === 2) coverageErrors++;
      flagged.add(district);
    }
    geos.GEOSGeom_destroy(coll);
  }
  let t = performance.now();
  const districtPtrs = input.districts.map((d) => areaPtr(geos, d.geometry.type === "Polygon" ? [d.geometry.coordinates] : d.geometry.coordinates));
  const built = districtPtrs.map((p, k) => [p, k] as const).filter(([p]) => p !== 0);
  const coll = collectionPtr(geos, GEOS_GEOMETRYCOLLECTION, built.map(([p]) => p));
  convertMs += performance.now() - t;
  t = performance.now();
  const county = coverageIsValid(geos, coll, gapWidth);
  checkMs += performance.now() - t;
  takeGeosErrors();
  geos.GEOSGeom_destroy(coll);
  return {
    ms: convertMs + checkMs,
    initMs: cached.initMs,
    convertMs,
    checkMs,
    gapWidthM,
    smallAreas,
    unbuildable,
    invalidAreas,
    invalidCoverages,
    coverageErrors,
    districtCoverageResult: county.result,
    flaggedDistricts: [...flagged].sort(),
    flaggedDistrictsByDistrictCoverage: county.invalid.map((k) => input.districts[built[k][1]].code).sort(),
    wasmMB: geos.Module.HEAPU8.byteLength / 1e6,
  };
}
