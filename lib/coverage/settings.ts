import { DEFAULT_SIZE_BAND } from "@/lib/domain/types";
import type { CoverageSettings } from "./types";

/**
 * Used when a caller gives no settings (CLI on files, tests): the census defaults. The app reads the
 * census row instead (tolerances and size band are census settings).
 */
export const DEFAULT_COVERAGE_SETTINGS: CoverageSettings = {
  minDefectAreaM2: 1,
  sliverWidthM: 2,
  sliverAreaM2: 50,
  snapDegrees: 1e-9,
  boundaryToleranceM: 0.05,
  minHouseholds: DEFAULT_SIZE_BAND.minHouseholds,
  maxHouseholds: DEFAULT_SIZE_BAND.maxHouseholds,
  minPersons: DEFAULT_SIZE_BAND.minPersons,
  maxPersons: DEFAULT_SIZE_BAND.maxPersons,
};

/** Used by every check entry: the defaults overlaid with what the caller set. */
export function resolveSettings(settings?: Partial<CoverageSettings>): CoverageSettings {
  return { ...DEFAULT_COVERAGE_SETTINGS, ...settings };
}
