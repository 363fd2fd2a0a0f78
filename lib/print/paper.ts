import type { Orientation, Paper } from "./types";

/** Width × height of each paper in portrait, millimetres (ISO 216). */
const PORTRAIT_MM: Record<Paper, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  A3: { width: 297, height: 420 },
};

/** White space around everything printed on a sheet, millimetres (printers cannot print to the edge). */
export const SHEET_MARGIN_MM = 8;

/**
 * Used by every page of a print (the SVG size, the CSS `@page` size, the layout): the paper's width and
 * height in millimetres, swapped for landscape.
 */
export function paperSizeMm(paper: Paper, orientation: Orientation): { width: number; height: number } {
  const { width, height } = PORTRAIT_MM[paper];
  return orientation === "portrait" ? { width, height } : { width: height, height: width };
}
