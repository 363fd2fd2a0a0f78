import type { IssueKind } from "@/lib/coverage/types";
import type { HardCase, TruthEntry } from "./truth";

/** District-level score of a baseline that only says "this district has a problem". */
export interface DistrictScore {
  /** districts holding a truth entry of the kinds asked (within the subset run) */
  expected: number;
  /** of those, flagged */
  detected: number;
  recall: number | null;
  /** flagged districts with no truth entry of any kind */
  falseAlarms: number;
  /** of the false alarms, districts carrying a hard case (T-junction, float noise, …) */
  falseAlarmsAtHardCases: number;
}

/**
 * Used by `bin/bench-coverage.ts` to score the Turf and GEOS baselines, which report districts rather than
 * located, typed issues: recall over the districts that hold a truth entry of `kinds` (restricted to `subset`
 * when the baseline ran on part of the county), and false alarms among flagged districts with no truth at all.
 */
export function scoreDistricts(
  truth: readonly TruthEntry[],
  hardCases: readonly HardCase[],
  flagged: readonly string[],
  kinds: readonly IssueKind[],
  subset?: readonly string[],
): DistrictScore {
  const inSubset = subset ? new Set(subset) : null;
  const keep = (d: string) => !inSubset || inSubset.has(d);
  const expectedSet = new Set(truth.filter((t) => kinds.includes(t.kind)).flatMap((t) => t.districts).filter(keep));
  const anyTruth = new Set(truth.flatMap((t) => t.districts));
  const hard = new Set(hardCases.flatMap((h) => h.districts));
  const flaggedSet = new Set(flagged);
  const detected = [...expectedSet].filter((d) => flaggedSet.has(d)).length;
  const alarms = [...flaggedSet].filter((d) => !anyTruth.has(d));
  return {
    expected: expectedSet.size,
    detected,
    recall: expectedSet.size > 0 ? detected / expectedSet.size : null,
    falseAlarms: alarms.length,
    falseAlarmsAtHardCases: alarms.filter((d) => hard.has(d)).length,
  };
}
