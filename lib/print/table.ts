import { TABLE_GAP, TABLE_HEADER_HEIGHT, TABLE_ROW_HEIGHT } from "./sheet-layout";
import { fitText, num, svgText } from "./svg";

/** A column of a sheet table: header, width in mm (the flexible column takes what the others leave), alignment. */
export interface TableColumn {
  header: string;
  width: number;
  align: "start" | "end";
  flexible?: boolean;
}

/** A row of a sheet table; `total` rows are bold with a rule above. */
export interface TableRow {
  cells: string[];
  total?: boolean;
}

/** Where a table is drawn: its top-left, the width of one column block, and how many rows go in each block. */
export interface TablePlacement {
  x: number;
  y: number;
  columnWidth: number;
  rowsPerColumn: number;
}

const FONT = 2.1;
const HEADER_FONT = 2.1;

/** Widths of the columns in a block of `blockWidth` mm: the flexible column takes the remainder. */
function columnWidths(columns: readonly TableColumn[], blockWidth: number): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.flexible ? 0 : c.width), 0);
  return columns.map((c) => (c.flexible ? Math.max(c.width, blockWidth - fixed) : c.width));
}

/** One block: header row and its rows. */
function blockSvg(columns: readonly TableColumn[], rows: readonly TableRow[], x: number, y: number, width: number): string {
  const widths = columnWidths(columns, width);
  const bodyHeight = rows.length * TABLE_ROW_HEIGHT;
  let out = `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${TABLE_HEADER_HEIGHT}" fill="#ececec"/>`;
  let rules = `M${num(x)} ${num(y)}h${num(width)}M${num(x)} ${num(y + TABLE_HEADER_HEIGHT)}h${num(width)}`;
  let fine = "";
  let cx = x;
  columns.forEach((column, c) => {
    const w = widths[c];
    const header = fitText(column.header, w - 1, HEADER_FONT, 1.5);
    const tx = column.align === "end" ? cx + w - 0.6 : cx + 0.6;
    out += svgText(tx, y + TABLE_HEADER_HEIGHT - 1.25, header.text, header.size, { "font-weight": 700, "text-anchor": column.align === "end" ? "end" : undefined });
    cx += w;
  });
  rows.forEach((row, r) => {
    const top = y + TABLE_HEADER_HEIGHT + r * TABLE_ROW_HEIGHT;
    if (row.total) rules += `M${num(x)} ${num(top)}h${num(width)}`;
    else if (r > 0) fine += `M${num(x)} ${num(top)}h${num(width)}`;
    let colX = x;
    columns.forEach((column, c) => {
      const w = widths[c];
      const cell = fitText(row.cells[c] ?? "", w - 1, FONT, 1.5);
      const tx = column.align === "end" ? colX + w - 0.6 : colX + 0.6;
      out += svgText(tx, top + TABLE_ROW_HEIGHT - 0.85, cell.text, cell.size, {
        "text-anchor": column.align === "end" ? "end" : undefined,
        "font-weight": row.total ? 700 : undefined,
      });
      colX += w;
    });
  });
  rules += `M${num(x)} ${num(y + TABLE_HEADER_HEIGHT + bodyHeight)}h${num(width)}`;
  return `${out}<path d="${fine}" stroke="#bbb" stroke-width="0.08" fill="none"/><path d="${rules}" stroke="#000" stroke-width="0.25" fill="none"/>`;
}

/**
 * Used by every table of a print (building list, small areas of a district, batch index): `rows` drawn in
 * column blocks side by side, each with the header row, filled top to bottom then left to right.
 */
export function tableSvg(columns: readonly TableColumn[], rows: readonly TableRow[], placement: TablePlacement): string {
  let out = "";
  for (let start = 0, block = 0; start < rows.length; start += placement.rowsPerColumn, block++) {
    const x = placement.x + block * (placement.columnWidth + TABLE_GAP);
    out += blockSvg(columns, rows.slice(start, start + placement.rowsPerColumn), x, placement.y, placement.columnWidth);
  }
  return `<g class="table">${out}</g>`;
}
