import { isDistrictCode, isSmallAreaCode } from "@/lib/domain/codes";
import type { CheckDistrict, CheckSmallArea, CoverageIssue } from "./types";

function issue(kind: "duplicate_code" | "bad_code", district: string | null, smallAreas: string[], params: Record<string, string | number>): CoverageIssue {
  return { kind, severity: "error", district, smallAreas, areaM2: 0, geometry: null, messageKey: kind, params };
}

/**
 * Used by the coverage check: codes that are malformed (district 12 digits; small area 3 digits, 900+ only
 * for virtual areas), small areas naming a district that does not exist, and codes used twice.
 */
export function checkCodes(districts: readonly CheckDistrict[], smallAreas: readonly CheckSmallArea[]): CoverageIssue[] {
  const issues: CoverageIssue[] = [];
  const districtCounts = new Map<string, number>();
  for (const d of districts) {
    districtCounts.set(d.code, (districtCounts.get(d.code) ?? 0) + 1);
    if (!isDistrictCode(d.code)) issues.push(issue("bad_code", d.code, [], { code: d.code, rule: "district_12_digits" }));
  }
  for (const [code, n] of districtCounts) if (n > 1) issues.push(issue("duplicate_code", code, [], { code, count: n }));
  const areaCounts = new Map<string, number>();
  for (const a of smallAreas) {
    const key = `${a.district}\u0000${a.code}`;
    areaCounts.set(key, (areaCounts.get(key) ?? 0) + 1);
    if (!isSmallAreaCode(a.code, a.isVirtual)) {
      const rule = /^\d{3}$/.test(a.code) ? (a.isVirtual ? "virtual_900_plus" : "territorial_below_900") : "small_area_3_digits";
      issues.push(issue("bad_code", a.district, [a.code], { code: a.code, rule }));
    }
    if (!districtCounts.has(a.district)) issues.push(issue("bad_code", a.district, [a.code], { code: a.district, rule: "unknown_district" }));
  }
  for (const [key, n] of areaCounts) {
    if (n < 2) continue;
    const [district, code] = key.split("\u0000");
    issues.push(issue("duplicate_code", district, [code], { code, count: n }));
  }
  return issues;
}

/**
 * Used by the coverage check after buildings are assigned: small areas outside the size band (too small when
 * both households and persons are under it, too large when either is over) and territorial small areas with
 * no buildings at all — the sparse corner an enumerator would miss.
 */
export function checkSizes(
  smallAreas: readonly CheckSmallArea[],
  totals: Map<string, { buildings: number; households: number; persons: number }>,
  band: { minHouseholds: number; maxHouseholds: number; minPersons: number; maxPersons: number },
): CoverageIssue[] {
  const issues: CoverageIssue[] = [];
  const seen = new Set<string>();
  for (const a of smallAreas) {
    const key = `${a.district}${a.code}`;
    if (a.isVirtual || !a.geometry || seen.has(key)) continue; // a duplicated code is reported once, as duplicate_code
    seen.add(key);
    const t = totals.get(key);
    if (!t) continue;
    const base = { district: a.district, smallAreas: [a.code], areaM2: 0, geometry: null };
    const params = { households: t.households, persons: t.persons, buildings: t.buildings, code: a.code };
    if (t.buildings === 0) {
      issues.push({ kind: "no_buildings", severity: "warning", ...base, messageKey: "no_buildings", params });
    } else if (t.households > band.maxHouseholds || t.persons > band.maxPersons) {
      issues.push({ kind: "too_large", severity: "warning", ...base, messageKey: "too_large", params: { ...params, max: band.maxHouseholds, maxPersons: band.maxPersons } });
    } else if (t.households < band.minHouseholds && t.persons < band.minPersons) {
      issues.push({ kind: "too_small", severity: "warning", ...base, messageKey: "too_small", params: { ...params, min: band.minHouseholds, minPersons: band.minPersons } });
    }
  }
  return issues;
}
