/**
 * How an imported row's totals become housing units: `units` units numbered 1, 2, …, the households and the
 * persons spread evenly with the remainders on the first units, so both totals are exact. A unit left with
 * no household and no person is vacant; every other unit is occupied.
 */
import type { HousingUnitStatus } from "@/lib/domain/types";

/** One housing unit as the import writes it (no floor, no entrance: the listing fills those in later). */
export interface SpreadUnit {
  unitNumber: string;
  status: HousingUnitStatus;
  households: number;
  persons: number;
}

/** The totals of one imported building. */
export interface UnitTotals {
  units: number;
  households: number;
  persons: number;
}

/**
 * Used by the parser (to decide how many units a row makes) and the database import (to write them): units
 * asked for, else one unit when the row counts households or persons, else none.
 */
export function unitCount(t: UnitTotals): number {
  return t.units > 0 ? t.units : t.households > 0 || t.persons > 0 ? 1 : 0;
}

/** Used by the database import for each building: its housing units, totals exact (see the file comment). */
export function spreadHousingUnits(t: UnitTotals): SpreadUnit[] {
  const n = unitCount(t);
  const units: SpreadUnit[] = [];
  for (let i = 0; i < n; i++) {
    const households = Math.floor(t.households / n) + (i < t.households % n ? 1 : 0);
    const persons = Math.floor(t.persons / n) + (i < t.persons % n ? 1 : 0);
    units.push({ unitNumber: String(i + 1), status: households || persons ? "occupied" : "vacant", households, persons });
  }
  return units;
}
