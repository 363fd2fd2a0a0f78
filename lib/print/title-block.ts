import type { Box } from "./sheet-layout";
import { sheetText } from "./sheet-text";
import { escapeXml, fitText, num, svgText, textWidthMm } from "./svg";
import type { SheetLocale } from "./types";

/** One field of the title block: a small grey label and its value. */
export interface TitleField {
  label: string;
  value: string;
}

/** What the title block of a map page shows. */
export interface TitleBlock {
  censusName: string;
  /** e.g. 普查小区图 */
  title: string;
  /** e.g. the small area's full code and name, after the title */
  subtitle: string;
  /** e.g. 比例尺 1:2000, at the right */
  scaleText: string;
  /** 3 × 3 fields, row by row */
  fields: TitleField[];
}

const ROW_HEIGHT = 5.8;
const GRID_TOP = 12.5;

/** Used to list guides and enumerators in a field: the names joined the sheet's way, or a dash when none. */
export function joinNames(names: readonly string[], locale: SheetLocale): string {
  return names.length ? names.join(locale === "zh" ? "、" : ", ") : sheetText(locale).none;
}

/**
 * Used at the top of every map page: census name, title with the subtitle after it, the scale at the right,
 * and a boxed grid of fields (three per row) under them, all inside `box`.
 */
export function titleBlockSvg(block: TitleBlock, box: Box): string {
  let out = svgText(box.x, box.y + 3.4, block.censusName, 3.2, { fill: "#333" });
  out += svgText(box.x, box.y + 10.3, block.title, 6, { "font-weight": 700 });
  const subtitleX = box.x + textWidthMm(block.title, 6) + 4;
  const scaleWidth = textWidthMm(block.scaleText, 3.4);
  const subtitle = fitText(block.subtitle, box.x + box.width - scaleWidth - 4 - subtitleX, 4.4, 3);
  out += svgText(subtitleX, box.y + 10.3, subtitle.text, subtitle.size, { "font-weight": 700 });
  out += svgText(box.x + box.width, box.y + 10.3, block.scaleText, 3.4, { "text-anchor": "end", "font-weight": 700 });
  const rows = Math.ceil(block.fields.length / 3);
  const top = box.y + GRID_TOP;
  const cellWidth = box.width / 3;
  let lines = "";
  for (let r = 1; r < rows; r++) lines += `M${num(box.x)} ${num(top + r * ROW_HEIGHT)}h${num(box.width)}`;
  for (let c = 1; c < 3; c++) lines += `M${num(box.x + c * cellWidth)} ${num(top)}v${num(rows * ROW_HEIGHT)}`;
  out += `<rect x="${num(box.x)}" y="${num(top)}" width="${num(box.width)}" height="${num(rows * ROW_HEIGHT)}" fill="none" stroke="#000" stroke-width="0.35"/>`;
  out += `<path d="${lines}" stroke="#000" stroke-width="0.15" fill="none"/>`;
  block.fields.forEach((field, i) => {
    const x = box.x + (i % 3) * cellWidth + 1.2;
    const y = top + Math.floor(i / 3) * ROW_HEIGHT + 3.9;
    out += svgText(x, y, field.label, 2.1, { fill: "#555" });
    const valueX = x + textWidthMm(field.label, 2.1) + 1.5;
    const value = fitText(field.value, box.x + (i % 3 + 1) * cellWidth - 1 - valueX, 2.8, 1.9);
    out += svgText(valueX, y, value.text, value.size);
  });
  return `<g class="title-block">${out}</g>`;
}

/** Used at the top of continuation and index pages: one title line (bold) with a smaller line of context under it. */
export function shortHeaderSvg(title: string, context: string, box: Box): string {
  const heading = fitText(title, box.width, 4.4, 3);
  let out = svgText(box.x, box.y + 5, heading.text, heading.size, { "font-weight": 700 });
  out += svgText(box.x, box.y + 9.6, fitText(context, box.width, 2.8).text, 2.8, { fill: "#333" });
  out += `<path d="M${num(box.x)} ${num(box.y + box.height)}h${num(box.width)}" stroke="#000" stroke-width="0.35"/>`;
  return `<g class="title-block">${out}</g>`;
}

/**
 * Used at the bottom of every page: the print date at the left and, when the page number is known, the page
 * label ("第 3 / 120 页" / "Page 3 of 120") at the right, in the bottom margin.
 */
export function footerSvg(page: { width: number; height: number }, margin: number, printedAt: string, locale: SheetLocale, pageNumber?: { page: number; total: number }): string {
  const text = sheetText(locale);
  const y = page.height - margin + 3.8;
  let out = svgText(margin, y, `${text.printed} ${printedAt}`, 2.4, { fill: "#444" });
  if (pageNumber) out += svgText(page.width - margin, y, text.page(pageNumber.page, pageNumber.total), 2.4, { "text-anchor": "end", fill: "#444" });
  return `<g class="footer">${out}</g>`;
}

/**
 * Used over the pages of a sheet not yet confirmed: a large, light, rotated "草稿 DRAFT" / "DRAFT" across
 * `box` (real text, semi-transparent, so the map under it stays readable).
 */
export function watermarkSvg(box: Box, locale: SheetLocale): string {
  const words = sheetText(locale).watermark;
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  const angle = Math.max(-56, Math.min(-30, (-Math.atan2(box.height, box.width) * 180) / Math.PI));
  const a = (-angle * Math.PI) / 180;
  // the longest run of the turned line inside the box, 60 % of it for the words
  const run = Math.min(box.width / Math.cos(a), box.height / Math.sin(a));
  const size = Math.min(box.height * 0.3, (run * 0.6) / (textWidthMm(words, 1) || 1));
  return (
    `<text class="watermark" x="${num(cx)}" y="${num(cy + size * 0.35)}" font-size="${num(size)}" font-weight="700" ` +
    `text-anchor="middle" fill="#c62828" fill-opacity="0.13" transform="rotate(${num(angle)} ${num(cx)} ${num(cy)})">${escapeXml(words)}</text>`
  );
}
