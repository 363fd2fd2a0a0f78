import type { SmallAreaState } from "@/lib/domain/workflow";
import { legendSvg, type LegendSymbol } from "./legend";
import type { MapPlan } from "./map-plan";
import { SHEET_MARGIN_MM } from "./paper";
import { northArrowSvg, scaleBarSvg } from "./scale-bar";
import { NORTH_BLOCK_WIDTH, pageBody, SCALE_BLOCK_WIDTH, SHORT_HEADER_HEIGHT, type MapPageLayout, type TablePageLayout } from "./sheet-layout";
import { graticuleCrossesSvg, mapFrameSvg } from "./ticks";
import { footerSvg, shortHeaderSvg, watermarkSvg } from "./title-block";
import { num, svgPage } from "./svg";
import { tableSvg, type TableColumn, type TableRow } from "./table";
import type { PrintOptions } from "./types";

/** States whose sheets print without the draft watermark. */
export const FINAL_STATES: readonly SmallAreaState[] = ["confirmed", "ready"];

/** Used by the sheets: true when a sheet of an area in `state` carries the draft watermark. */
export function needsWatermark(state: SmallAreaState): boolean {
  return !FINAL_STATES.includes(state);
}

/**
 * Used by both sheets: the map clipped to the frame (`layers` drawn inside, then the light graticule
 * crosses), the frame with its ticks, and the strip under it (scale bar, legend, north arrow).
 */
export function mapWithFurnitureSvg(plan: MapPlan, layout: MapPageLayout, layers: string, legend: readonly LegendSymbol[], clipId: string, options: PrintOptions): string {
  const { x, y, width, height } = plan.frame;
  const strip = layout.strip;
  const legendBox = { x: strip.x + SCALE_BLOCK_WIDTH, y: strip.y, width: strip.width - SCALE_BLOCK_WIDTH - NORTH_BLOCK_WIDTH, height: strip.height };
  return (
    `<defs><clipPath id="${clipId}"><rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}"/></clipPath></defs>` +
    `<g clip-path="url(#${clipId})">${layers}${graticuleCrossesSvg(plan)}</g>` +
    mapFrameSvg(plan) +
    scaleBarSvg(strip.x, strip.y, plan.scale, options.locale) +
    legendSvg(legend, legendBox, layout.legendColumns, options.locale) +
    northArrowSvg(strip.x + strip.width - NORTH_BLOCK_WIDTH / 2, strip.y, options.locale)
  );
}

/** The page label of the `index`-th page (0-based) of a sheet, as the footer prints it. */
export function pageLabel(index: number, count: number, pages?: { first: number; total: number }): { page: number; total: number } | undefined {
  if (pages) return { page: pages.first + index, total: pages.total };
  return count > 1 ? { page: index + 1, total: count } : undefined;
}

/**
 * Used by both sheets for the rows their map page could not hold: continuation pages, each with a one-line
 * title, the table's header row and up to a page of rows, the footer, and the watermark when `watermark`.
 */
export function continuationPages(
  rows: readonly TableRow[],
  columns: readonly TableColumn[],
  layout: TablePageLayout,
  heading: { title: string; context: string },
  options: PrintOptions,
  watermark: boolean,
  label: (index: number) => { page: number; total: number } | undefined,
): string[] {
  const pages: string[] = [];
  for (let start = 0, i = 0; start < rows.length; start += layout.capacity, i++) {
    const chunk = rows.slice(start, start + layout.capacity);
    const table = tableSvg(columns, chunk, { x: layout.table.x, y: layout.table.y, columnWidth: layout.columnWidth, rowsPerColumn: layout.rowsPerColumn });
    const mark = watermark ? watermarkSvg(pageBody(layout.page, SHORT_HEADER_HEIGHT), options.locale) : "";
    const footer = footerSvg(layout.page, SHEET_MARGIN_MM, options.printedAt, options.locale, label(i));
    pages.push(svgPage(layout.page, shortHeaderSvg(heading.title, heading.context, layout.header) + table + mark + footer));
  }
  return pages;
}
