import { paperSizeMm, SHEET_MARGIN_MM as M } from "./paper";
import { chooseScale } from "./scale-choice";
import type { PrintOptions } from "./types";

/** A rectangle on the page, millimetres. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Height of the title block (title line + three rows of fields) at the top of a map page, mm. */
export const HEADER_HEIGHT = 30;
/** Height of the one-line title of a continuation page, mm. */
export const SHORT_HEADER_HEIGHT = 12;
/** Room for the coordinate labels above/below the frame and left/right of it, mm. */
const TICK_SPACE_Y = 6.5;
const TICK_SPACE_X = 6;
/** Height of the header row of every table of a print, mm. */
export const TABLE_HEADER_HEIGHT = 4.4;
/** Height of a table row, mm. */
export const TABLE_ROW_HEIGHT = 3.1;
/** Gap between table column blocks (and around a table), mm. */
export const TABLE_GAP = 2.5;
/** Width of the scale-bar block at the left of the strip under the map, mm. */
export const SCALE_BLOCK_WIDTH = 58;
/** Width of the north arrow's block at the right of the strip, mm. */
export const NORTH_BLOCK_WIDTH = 12;
/** Width of one legend column, mm. */
export const LEGEND_COLUMN_WIDTH = 40;
/** Height of one legend row, mm. */
export const LEGEND_ROW_HEIGHT = 3.9;
/** The map keeps at least this share of the body when the table is long (the rest goes to the next page). */
const MIN_MAP_SHARE = 0.55;
/** A short table stays in one column block up to this many rows. */
const MIN_ROWS_BEFORE_SPLIT = 12;
/** A table beside the map takes at most this share of the width (landscape, portrait). */
const MAX_TABLE_SHARE = 0.4;
const MAX_TABLE_SHARE_PORTRAIT = 0.5;

/** What goes into a map page's table: how many rows (the totals row included) and how wide one column block is. */
export interface TableSpec {
  rows: number;
  columnWidth: number;
}

/** Where everything of a map page goes. */
export interface MapPageLayout {
  page: { width: number; height: number };
  header: Box;
  /** the inner line of the map frame (what the map plan fills) */
  frame: Box;
  /** scale bar, legend and north arrow, under the frame's bottom labels */
  strip: Box;
  legendColumns: number;
  /** the table on this page, null when there is none */
  table: Box | null;
  tableColumns: number;
  /** width of one column block, mm */
  tableColumnWidth: number;
  tableRowsPerColumn: number;
  /** rows (totals included) the table on this page holds */
  tableCapacity: number;
}

/** Height of the strip under the map for a legend of `entries` in `columns`. */
function stripHeight(entries: number, columns: number): number {
  return 5 + Math.ceil(entries / columns) * LEGEND_ROW_HEIGHT + 1;
}

function legendColumnsFor(stripWidth: number): number {
  return Math.max(1, Math.floor((stripWidth - SCALE_BLOCK_WIDTH - NORTH_BLOCK_WIDTH) / LEGEND_COLUMN_WIDTH));
}

/** Rows per column block: balanced over the blocks, a short table kept in one block. */
function rowsPerBlock(rows: number, columns: number, maxRows: number): number {
  return Math.max(1, Math.min(maxRows, Math.max(Math.ceil(rows / columns), Math.min(rows, MIN_ROWS_BEFORE_SPLIT))));
}

/** What both placements of the table start from: the page, its width inside the margins, the top of the map frame, the legend strip. */
function pageBasics(options: PrintOptions, legendEntries: number) {
  const page = paperSizeMm(options.paper, options.orientation);
  const innerWidth = page.width - 2 * M;
  const legendColumns = legendColumnsFor(innerWidth);
  return { page, innerWidth, frameTop: M + HEADER_HEIGHT + TICK_SPACE_Y, legendColumns, strip: stripHeight(legendEntries, legendColumns) };
}

/** Table in column blocks under the map (stretched across the page), the strip between them. */
function tableUnder(options: PrintOptions, table: TableSpec, legendEntries: number): MapPageLayout {
  const { page, innerWidth, frameTop, legendColumns, strip } = pageBasics(options, legendEntries);
  const available = page.height - M - frameTop - TICK_SPACE_Y - strip;
  const columns = Math.max(1, Math.floor((innerWidth + TABLE_GAP) / (table.columnWidth + TABLE_GAP)));
  const columnWidth = (innerWidth - (columns - 1) * TABLE_GAP) / columns;
  const maxRows = Math.floor((available * (1 - MIN_MAP_SHARE) - TABLE_GAP - TABLE_HEADER_HEIGHT) / TABLE_ROW_HEIGHT);
  const rows = table.rows ? rowsPerBlock(table.rows, columns, maxRows) : 0;
  const used = table.rows ? Math.min(columns, Math.ceil(table.rows / rows)) : 0;
  const tableHeight = used ? TABLE_GAP + TABLE_HEADER_HEIGHT + rows * TABLE_ROW_HEIGHT : 0;
  const frame: Box = { x: M + TICK_SPACE_X, y: frameTop, width: innerWidth - 2 * TICK_SPACE_X, height: available - tableHeight };
  const stripBox: Box = { x: M, y: frame.y + frame.height + TICK_SPACE_Y, width: innerWidth, height: strip };
  const tableBox = used ? { x: M, y: stripBox.y + strip + TABLE_GAP, width: used * columnWidth + (used - 1) * TABLE_GAP, height: tableHeight - TABLE_GAP } : null;
  return { page, header: headerBox(page), frame, strip: stripBox, legendColumns, table: tableBox, tableColumns: used, tableColumnWidth: columnWidth, tableRowsPerColumn: rows, tableCapacity: used * rows };
}

/** Table in column blocks right of the map, the strip across the page at the bottom. */
function tableBeside(options: PrintOptions, table: TableSpec, legendEntries: number): MapPageLayout {
  const { page, innerWidth, frameTop, legendColumns, strip } = pageBasics(options, legendEntries);
  const stripBox: Box = { x: M, y: page.height - M - strip, width: innerWidth, height: strip };
  const tableTop = M + HEADER_HEIGHT + 2;
  const maxRows = Math.floor((stripBox.y - TABLE_GAP - tableTop - TABLE_HEADER_HEIGHT) / TABLE_ROW_HEIGHT);
  const share = options.orientation === "portrait" ? MAX_TABLE_SHARE_PORTRAIT : MAX_TABLE_SHARE;
  const maxColumns = Math.max(1, Math.floor((innerWidth * share + TABLE_GAP) / (table.columnWidth + TABLE_GAP)));
  const columns = table.rows ? Math.min(maxColumns, Math.ceil(table.rows / maxRows)) : 0;
  const rows = columns ? rowsPerBlock(table.rows, columns, maxRows) : 0;
  const tableWidth = columns ? columns * table.columnWidth + (columns - 1) * TABLE_GAP : 0;
  const mapWidth = innerWidth - (columns ? tableWidth + 2 * TABLE_GAP : 0);
  const frame: Box = { x: M + TICK_SPACE_X, y: frameTop, width: mapWidth - 2 * TICK_SPACE_X, height: stripBox.y - TICK_SPACE_Y - frameTop };
  const tableBox = columns ? { x: page.width - M - tableWidth, y: tableTop, width: tableWidth, height: TABLE_HEADER_HEIGHT + rows * TABLE_ROW_HEIGHT } : null;
  return { page, header: headerBox(page), frame, strip: stripBox, legendColumns, table: tableBox, tableColumns: columns, tableColumnWidth: table.columnWidth, tableRowsPerColumn: rows, tableCapacity: columns * rows };
}

function headerBox(page: { width: number; height: number }): Box {
  return { x: M, y: M, width: page.width - 2 * M, height: HEADER_HEIGHT };
}

/**
 * Used by the small-area and district sheets (through their map plans, so plan and page agree): the boxes
 * of the map page for a paper, a table and a legend. The table goes under the map (column blocks across the
 * page) or beside it, whichever lets an extent of `extentM` metres print at the larger scale (ties: under
 * in portrait, beside in landscape).
 */
export function mapPageLayout(options: PrintOptions, table: TableSpec, legendEntries: number, extentM?: { width: number; height: number }): MapPageLayout {
  const under = tableUnder(options, table, legendEntries);
  const beside = tableBeside(options, table, legendEntries);
  const preferred = options.orientation === "portrait" ? [under, beside] : [beside, under];
  if (!extentM || !table.rows) return preferred[0];
  const scaleOf = (l: MapPageLayout) => chooseScale(extentM.width, extentM.height, l.frame.width, l.frame.height);
  return scaleOf(preferred[1]) < scaleOf(preferred[0]) ? preferred[1] : preferred[0];
}

/** Where the table of a continuation page goes (under a one-line title), and how many rows it holds. */
export interface TablePageLayout {
  page: { width: number; height: number };
  header: Box;
  table: Box;
  columns: number;
  /** width of one column block (stretched to fill the page), mm */
  columnWidth: number;
  rowsPerColumn: number;
  capacity: number;
}

/**
 * Used for the pages after a map page when its table did not fit, and for the batch index: a full page of
 * table in as many column blocks of `columnWidth` as fit.
 */
export function tablePageLayout(options: PrintOptions, columnWidth: number): TablePageLayout {
  const page = paperSizeMm(options.paper, options.orientation);
  const innerWidth = page.width - 2 * M;
  const header: Box = { x: M, y: M, width: innerWidth, height: SHORT_HEADER_HEIGHT };
  const tableTop = M + SHORT_HEADER_HEIGHT + 2;
  const rowsPerColumn = Math.floor((page.height - M - tableTop - TABLE_HEADER_HEIGHT) / TABLE_ROW_HEIGHT);
  const columns = Math.max(1, Math.floor((innerWidth + TABLE_GAP) / (columnWidth + TABLE_GAP)));
  const stretched = (innerWidth - (columns - 1) * TABLE_GAP) / columns;
  const table: Box = { x: M, y: tableTop, width: innerWidth, height: TABLE_HEADER_HEIGHT + rowsPerColumn * TABLE_ROW_HEIGHT };
  return { page, header, table, columns, columnWidth: stretched, rowsPerColumn, capacity: columns * rowsPerColumn };
}

/** Width of one block of the building list (number, use, name, units, households, persons), mm. */
export const BUILDING_COLUMN_WIDTH = 46.5;
/** Width of one block of a district's list of small areas (code, name, households, persons, state), mm. */
export const AREA_COLUMN_WIDTH = 60;
/** Entries of each sheet's legend. */
export const LEGEND_ENTRY_COUNT = 9;

/** Used by the small-area sheet and its map plan: the map page for `buildings` rows (plus a totals row). */
export function smallAreaPageLayout(buildings: number, options: PrintOptions, extentM?: { width: number; height: number }): MapPageLayout {
  return mapPageLayout(options, { rows: buildings ? buildings + 1 : 0, columnWidth: BUILDING_COLUMN_WIDTH }, LEGEND_ENTRY_COUNT, extentM);
}

/** Used by the district sheet and its map plan: the map page for `areas` rows (plus a totals row). */
export function districtPageLayout(areas: number, options: PrintOptions, extentM?: { width: number; height: number }): MapPageLayout {
  return mapPageLayout(options, { rows: areas ? areas + 1 : 0, columnWidth: AREA_COLUMN_WIDTH }, LEGEND_ENTRY_COUNT, extentM);
}

/** Used for the watermark: the part of a page under its title block (of `headerHeight` mm), inside the margins. */
export function pageBody(page: { width: number; height: number }, headerHeight: number): Box {
  return { x: M, y: M + headerHeight, width: page.width - 2 * M, height: page.height - 2 * M - headerHeight };
}
