import { paperSizeMm, SHEET_MARGIN_MM as M } from "./paper";
import { tablePageLayout } from "./sheet-layout";
import { sheetText } from "./sheet-text";
import { fitText, num, svgPage, svgText } from "./svg";
import { tableSvg, type TableColumn, type TableRow } from "./table";
import { footerSvg, shortHeaderSvg } from "./title-block";
import type { BatchFront, PrintOptions, SheetPage } from "./types";

/** The index is one table across the page. */
function indexLayout(options: PrintOptions) {
  const { width } = paperSizeMm(options.paper, options.orientation);
  return tablePageLayout(options, width - 2 * M);
}

/** Used to number a batch before it is drawn: pages of the front (the cover and the index pages) for `entries` sheets. */
export function batchFrontPageCount(entries: number, options: PrintOptions): number {
  return 1 + Math.max(1, Math.ceil(entries / indexLayout(options).capacity));
}

function coverPage(front: BatchFront, options: PrintOptions): string {
  const text = sheetText(options.locale);
  const page = paperSizeMm(options.paper, options.orientation);
  const cx = page.width / 2, width = page.width - 2 * M - 20;
  const top = page.height * 0.3;
  const line = (y: number, value: string, size: number, extra: Record<string, string | number> = {}) => {
    const fitted = fitText(value, width, size, size * 0.5);
    return svgText(cx, y, fitted.text, fitted.size, { "text-anchor": "middle", ...extra });
  };
  let body = line(top, front.censusName, 7, { fill: "#333" });
  body += line(top + 20, text.bookTitle, 13, { "font-weight": 700 });
  body += `<path d="M${num(cx - 60)} ${num(top + 27)}h120" stroke="#000" stroke-width="0.5"/>`;
  body += line(top + 40, front.title, 7, { "font-weight": 700 });
  body += line(top + 54, text.sheets(front.entries.length), 5);
  body += line(top + 64, `${text.printed} ${options.printedAt}`, 4.5, { fill: "#333" });
  body += footerSvg(page, M, options.printedAt, options.locale, { page: 1, total: front.totalPages });
  return svgPage(page, body);
}

function indexColumns(options: PrintOptions): TableColumn[] {
  const c = sheetText(options.locale).columns;
  return [
    { header: c.fullCode, width: 30, align: "start" },
    { header: c.areaName, width: 30, align: "start", flexible: true },
    { header: c.districtName, width: 42, align: "start" },
    { header: c.state, width: 18, align: "start" },
    { header: c.households, width: 14, align: "end" },
    { header: c.page, width: 12, align: "end" },
  ];
}

/**
 * Used at the start of a batch PDF: the cover (census, 普查小区图册, the batch's title, number of sheets,
 * print date) and the index pages (full code, name, district, state, households, first page of each sheet).
 * Always {@link batchFrontPageCount} pages.
 */
export function batchFrontPages(front: BatchFront, options: PrintOptions): SheetPage[] {
  const text = sheetText(options.locale);
  const layout = indexLayout(options);
  const columns = indexColumns(options);
  const rows: TableRow[] = front.entries.map((e) => ({
    cells: [e.fullCode, e.name ?? "", e.districtName, text.states[e.state], String(e.households), String(e.page)],
  }));
  const pages = [coverPage(front, options)];
  const indexPages = Math.max(1, Math.ceil(rows.length / layout.capacity));
  for (let i = 0; i < indexPages; i++) {
    const chunk = rows.slice(i * layout.capacity, (i + 1) * layout.capacity);
    const title = text.indexTitle + (i > 0 ? text.continued : "");
    let body = shortHeaderSvg(title, `${front.title} · ${front.censusName}`, layout.header);
    body += tableSvg(columns, chunk, { x: layout.table.x, y: layout.table.y, columnWidth: layout.columnWidth, rowsPerColumn: layout.rowsPerColumn });
    body += footerSvg(layout.page, M, options.printedAt, options.locale, { page: i + 2, total: front.totalPages });
    pages.push(svgPage(layout.page, body));
  }
  return pages;
}
