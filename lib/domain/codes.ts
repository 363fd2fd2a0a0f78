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

/**
 * Used when a split, a drawing or "assign the next free code" makes a small area: the lowest code not in
 * `taken` — 001–899 for territorial small areas, 900–999 for virtual ones — or null when none is left.
 */
export function nextFreeSmallAreaCode(taken: readonly string[], isVirtual: boolean): string | null {
  const used = new Set(taken);
  const [first, last] = isVirtual ? [900, 999] : [1, 899];
  for (let n = first; n <= last; n++) {
    const code = formatSmallAreaCode(n);
    if (!used.has(code)) return code;
  }
  return null;
}

/**
 * Used when a district is drawn: the next 12-digit code in a township for its kind, following the statistical
 * division rule for village-level codes (001–199 neighbourhood committees 居委会, i.e. communities; 200–399
 * village committees 村委会): one after the highest used in the range (new districts go to the end, as
 * offices number them), else the lowest free one. Null when the range is full.
 */
export function nextFreeDistrictCode(townshipCode: string, taken: readonly string[], kind: "community" | "village"): string | null {
  const used = new Set(taken.filter((c) => c.startsWith(townshipCode)).map((c) => Number(c.slice(9))));
  const [first, last] = kind === "community" ? [1, 199] : [200, 399];
  const format = (n: number) => `${townshipCode}${String(n).padStart(3, "0")}`;
  const highest = Math.max(first - 1, ...[...used].filter((n) => n >= first && n <= last));
  if (highest < last) return format(highest + 1);
  for (let n = first; n <= last; n++) if (!used.has(n)) return format(n);
  return null;
}
