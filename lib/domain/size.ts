import type { SizeBand } from "./types";

/** Where a small area's size stands against the census band. */
export type SizeClass = "empty" | "too_small" | "ok" | "too_large";

/**
 * Used by the side panel, the map colours and the coverage checks to classify a small area's size.
 * A small area is too small when both households and persons are under the band, too large when either is over.
 */
export function classifySize(households: number, persons: number, band: SizeBand): SizeClass {
  if (households === 0 && persons === 0) return "empty";
  if (households > band.maxHouseholds || persons > band.maxPersons) return "too_large";
  if (households < band.minHouseholds && persons < band.minPersons) return "too_small";
  return "ok";
}
