/** The scales a map may be printed at (N of 1:N), smallest first; "nice" numbers a census office recognises. */
export const SCALE_SERIES: readonly number[] = [
  500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 7500, 10_000, 12_500, 15_000, 20_000, 25_000, 30_000, 40_000,
  50_000, 75_000, 100_000, 150_000, 200_000, 250_000, 300_000, 400_000, 500_000, 750_000, 1_000_000, 1_500_000,
  2_000_000, 2_500_000, 3_000_000, 4_000_000, 5_000_000,
];

/** Share of the area's extent left free on each side of it in the frame. */
export const EXTENT_MARGIN = 0.08;
/** An extent is never taken smaller than this (metres), so a single building is not printed at 1:500 filling the page. */
export const MIN_EXTENT_M = 60;

/**
 * Used by the map plans and the page layout: the smallest N of {@link SCALE_SERIES} at which an extent of
 * `widthM` × `heightM` metres, plus {@link EXTENT_MARGIN} on every side, fits a frame of `frameWidthMm` ×
 * `frameHeightMm`.
 */
export function chooseScale(widthM: number, heightM: number, frameWidthMm: number, frameHeightMm: number): number {
  const grow = 1 + 2 * EXTENT_MARGIN;
  const needW = Math.max(widthM, MIN_EXTENT_M) * grow * 1000;
  const needH = Math.max(heightM, MIN_EXTENT_M) * grow * 1000;
  for (const n of SCALE_SERIES) if (needW / n <= frameWidthMm && needH / n <= frameHeightMm) return n;
  return SCALE_SERIES[SCALE_SERIES.length - 1];
}
