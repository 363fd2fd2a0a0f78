import { area, bbox, difference, feature, featureCollection, intersect, union } from "@turf/turf";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import type { CoverageInput } from "@/lib/coverage/types";

/** Result of {@link runNaiveTurf}. Counts are over the districts run, not extrapolated. */
export interface TurfBaselineResult {
  /** measured time on the districts run (ms) */
  ms: number;
  /** `ms` scaled linearly to every district (equal to `ms` when all were run) */
  extrapolatedMs: number;
  extrapolated: boolean;
  districtsRun: number;
  districtsTotal: number;
  /** codes of the districts run */
  subset: string[];
  /** pieces of district − union(small areas) of at least minAreaM2 */
  gaps: number;
  /** pieces of union(small areas) − district of at least minAreaM2 */
  outside: number;
  /** pairwise small-area intersections of at least minAreaM2 */
  overlaps: number;
  /** Turf operations that threw (invalid input) */
  errors: number;
  /** districts with any of the above */
  flaggedDistricts: string[];
}

type Area = Feature<Polygon | MultiPolygon>;

function pieces(f: Feature<Polygon | MultiPolygon> | null, minAreaM2: number): number {
  if (!f) return 0;
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polys.filter((coordinates) => area({ type: "Polygon", coordinates }) >= minAreaM2).length;
}

/**
 * Used by `bin/bench-coverage.ts` as the naive baseline — what a GIS user would script with Turf: per district,
 * turf.union of its small areas, turf.difference both ways against the district (gaps / outside), and
 * turf.intersect of every pair of small areas whose bboxes overlap (overlaps), ignoring pieces under
 * `minAreaM2`. It is slow, so it runs on `districts` evenly spaced districts (default: all) and its time is
 * extrapolated linearly to the county (`extrapolated`, `districtsRun`).
 */
export function runNaiveTurf(input: CoverageInput, options: { districts?: number; minAreaM2?: number } = {}): TurfBaselineResult {
  const minAreaM2 = options.minAreaM2 ?? 1;
  const total = input.districts.length;
  const run = Math.min(total, Math.max(1, options.districts ?? total));
  const stride = total / run;
  const chosen = Array.from({ length: run }, (_, k) => input.districts[Math.floor(k * stride)]);
  const byDistrict = new Map<string, Area[]>();
  for (const a of input.smallAreas) {
    if (!a.geometry) continue;
    (byDistrict.get(a.district) ?? byDistrict.set(a.district, []).get(a.district)!).push(feature(a.geometry));
  }
  let gaps = 0;
  let outside = 0;
  let overlaps = 0;
  let errors = 0;
  const flagged = new Set<string>();
  const start = performance.now();
  for (const d of chosen) {
    const areas = byDistrict.get(d.code) ?? [];
    const district = feature(d.geometry);
    const before = gaps + outside + overlaps + errors;
    try {
      const merged = areas.length > 1 ? union(featureCollection(areas)) : (areas[0] ?? null);
      if (merged) {
        gaps += pieces(difference(featureCollection([district, merged])), minAreaM2);
        outside += pieces(difference(featureCollection([merged, district])), minAreaM2);
      } else gaps += 1;
    } catch {
      errors++;
    }
    const boxes = areas.map((a) => bbox(a));
    for (let i = 0; i < areas.length; i++) {
      for (let j = i + 1; j < areas.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]) continue;
        try {
          overlaps += pieces(intersect(featureCollection([areas[i], areas[j]])), minAreaM2);
        } catch {
          errors++;
        }
      }
    }
    if (gaps + outside + overlaps + errors > before) flagged.add(d.code);
  }
  const ms = performance.now() - start;
  return {
    ms,
    extrapolatedMs: (ms * total) / run,
    extrapolated: run < total,
    districtsRun: run,
    districtsTotal: total,
    subset: chosen.map((d) => d.code),
    gaps,
    outside,
    overlaps,
    errors,
    flaggedDistricts: [...flagged].sort(),
  };
}
