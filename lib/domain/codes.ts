/**
 * Statistical division codes of the census hierarchy.
 * county 6 digits, township 9 (county + 3), census district 12 (township + 3),
 * small area 3 digits inside its district (001–899 territorial, 900–999 virtual).
 */

/** Used when validating a district code typed, imported or generated. */
export function isDistrictCode(code: string): boolean {
  return /^\d{12}$/.test(code);
}

/** Used when validating a county (6 digits) or township (9 digits) code. */
export function isAdminUnitCode(code: string, level: "county" | "township"): boolean {
  return level === "county" ? /^\d{6}$/.test(code) : /^\d{9}$/.test(code);
}

/** Used when validating a small-area code: 3 digits; 900+ only for virtual small areas. */
export function isSmallAreaCode(code: string, isVirtual: boolean): boolean {
  if (!/^\d{3}$/.test(code) || code === "000") return false;
  const n = Number(code);
  return isVirtual ? n >= 900 : n < 900;
}

/** Used to format a small-area number as its 3-digit code (1 → "001"). */
export function formatSmallAreaCode(n: number): string {
  return String(n).padStart(3, "0");
}

/** Used on panels and sheets: the full 15-digit code of a small area (district code + small-area code). */
export function fullSmallAreaCode(districtCode: string, smallAreaCode: string): string {
  return `${districtCode}${smallAreaCode}`;
}
