import { paperSizeMm } from "./paper";
import { FONT_FAMILY } from "./svg";
import type { PrintOptions, SheetPage } from "./types";

/**
 * Used by the PDF renderer: the whole print as one HTML document, each page an SVG in a
 * `<section class="sheet">` exactly the paper's size with a page break after it; `@page` sets the paper
 * (margin 0) so Chromium's `page.pdf({ preferCSSPageSize: true })` prints one PDF page per section.
 */
export function printDocumentHtml(pages: readonly SheetPage[], options: PrintOptions): string {
  const { width, height } = paperSizeMm(options.paper, options.orientation);
  const style =
    `@page { size: ${width}mm ${height}mm; margin: 0 } html,body{margin:0;padding:0} ` +
    `body{font-family: ${FONT_FAMILY}} ` +
    `.sheet{width:${width}mm;height:${height}mm;overflow:hidden;break-after:page;page-break-after:always} ` +
    `.sheet:last-child{break-after:auto;page-break-after:auto} svg{display:block}`;
  const body = pages.map((page) => `<section class="sheet">${page}</section>`).join("\n");
  return `<!doctype html><html lang="${options.locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><style>${style}</style></head><body>\n${body}\n</body></html>`;
}
