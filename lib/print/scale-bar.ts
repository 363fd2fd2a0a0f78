import { formatScale, sheetText } from "./sheet-text";
import { num, svgText } from "./svg";
import type { SheetLocale } from "./types";

/** A scale bar: the ground length it stands for, its drawn length, and how many alternating segments it has. */
export interface ScaleBar {
  metres: number;
  lengthMm: number;
  segments: number;
}

/** Shortest drawn length of a scale bar, mm (the bar is the longest "nice" length between min and max). */
export const SCALE_BAR_MIN_MM = 20;
/** Longest drawn length of a scale bar, mm. */
export const SCALE_BAR_MAX_MM = 45;

/**
 * Used by the sheets' scale bar: the ground length (1, 2 or 5 × 10^k metres) whose drawn length at 1:`scale`
 * is the longest within 20–45 mm (the nearest to 32 mm if none falls inside), and its segment count.
 */
export function chooseScaleBar(scale: number): ScaleBar {
  let best: ScaleBar | null = null;
  let nearest: ScaleBar | null = null;
  for (let k = 0; k <= 7; k++) {
    for (const digit of [1, 2, 5]) {
      const metres = digit * 10 ** k;
      const lengthMm = (metres / scale) * 1000;
      const bar = { metres, lengthMm, segments: digit === 2 ? 4 : 5 };
      if (lengthMm >= SCALE_BAR_MIN_MM && lengthMm <= SCALE_BAR_MAX_MM && (!best || lengthMm > best.lengthMm)) best = bar;
      if (!nearest || Math.abs(lengthMm - 32) < Math.abs(nearest.lengthMm - 32)) nearest = bar;
    }
  }
  return (best ?? nearest) as ScaleBar;
}

/**
 * Used in the strip under a map: "比例尺 1:N" over an alternating black/white bar whose start (x, y + 5.5)
 * is labelled "0" and whose end is labelled "{metres} m", both centred exactly on the bar's ends.
 */
export function scaleBarSvg(x: number, y: number, scale: number, locale: SheetLocale): string {
  const text = sheetText(locale);
  const bar = chooseScaleBar(scale);
  const barX = x + 2, barY = y + 5.4, barH = 1.3;
  const segment = bar.lengthMm / bar.segments;
  let out = svgText(x, y + 3, `${text.scale} ${formatScale(scale, locale)}`, 2.8, { "font-weight": 700 });
  for (let i = 0; i < bar.segments; i++) {
    const fill = i % 2 === 0 ? "#000" : "#fff";
    out += `<rect x="${num(barX + i * segment)}" y="${num(barY)}" width="${num(segment)}" height="${barH}" fill="${fill}"/>`;
  }
  out += `<rect x="${num(barX)}" y="${num(barY)}" width="${num(bar.lengthMm)}" height="${barH}" fill="none" stroke="#000" stroke-width="0.2"/>`;
  const endX = barX + bar.lengthMm;
  out += `<path d="M${num(barX)} ${num(barY)}v${barH + 0.8}M${num(endX)} ${num(barY)}v${barH + 0.8}" stroke="#000" stroke-width="0.2"/>`;
  const labelY = barY + barH + 3;
  out += svgText(barX, labelY, "0", 2.2, { "text-anchor": "middle" });
  out += svgText(endX, labelY, `${bar.metres} m`, 2.2, { "text-anchor": "middle" });
  return `<g class="scale-bar">${out}</g>`;
}

/** Used in the strip under a map: a north arrow (half-black arrowhead) with 北 / N over it, centred on x. */
export function northArrowSvg(x: number, y: number, locale: SheetLocale): string {
  const top = y + 4.2, bottom = y + 13, half = 2.4;
  const label = svgText(x, y + 3, sheetText(locale).north, 2.8, { "text-anchor": "middle", "font-weight": 700 });
  const left = `<path d="M${num(x)} ${num(top)}L${num(x - half)} ${num(bottom)}L${num(x)} ${num(bottom - 2.4)}Z" fill="#fff" stroke="#000" stroke-width="0.2" stroke-linejoin="round"/>`;
  const right = `<path d="M${num(x)} ${num(top)}L${num(x + half)} ${num(bottom)}L${num(x)} ${num(bottom - 2.4)}Z" fill="#000" stroke="#000" stroke-width="0.2" stroke-linejoin="round"/>`;
  return `<g class="north-arrow">${label}${left}${right}</g>`;
}
