import { LABEL_COLOURS, MAP_STYLE, RIVER_COLOUR, ROAD_CASING, ROAD_FILL } from "./map-style";
import { LEGEND_COLUMN_WIDTH, LEGEND_ROW_HEIGHT, type Box } from "./sheet-layout";
import { sheetText } from "./sheet-text";
import { fitText, num, svgText } from "./svg";
import type { SheetLocale } from "./types";

/** The symbols a legend can show. */
export type LegendSymbol =
  | "thisArea"
  | "neighbour"
  | "districtLine"
  | "districtProminent"
  | "smallAreaLine"
  | "neighbourDistrict"
  | "building"
  | "buildingPlain"
  | "road"
  | "river"
  | "water"
  | "farmland"
  | "landmark";

/** Legend of a small-area sheet, in order. */
export const SMALL_AREA_LEGEND: readonly LegendSymbol[] = ["thisArea", "neighbour", "districtLine", "building", "road", "river", "water", "farmland", "landmark"];
/** Legend of a district sheet, in order. */
export const DISTRICT_LEGEND: readonly LegendSymbol[] = ["districtProminent", "smallAreaLine", "neighbourDistrict", "buildingPlain", "road", "river", "water", "farmland", "landmark"];

/** The little drawing of one symbol in a 7 × 2.6 mm box at (x, y). */
function symbolSvg(symbol: LegendSymbol, x: number, y: number): string {
  const rect = (style: string) => `<rect x="${num(x)}" y="${num(y)}" width="7" height="2.6" ${style}/>`;
  const line = (attrs: string) => `<path d="M${num(x)} ${num(y + 1.3)}h7" fill="none" ${attrs}/>`;
  switch (symbol) {
    case "thisArea":
      return rect(MAP_STYLE.thisArea);
    case "neighbour":
      return rect(MAP_STYLE.neighbour);
    case "districtLine":
      return line(`stroke="#111" stroke-width="0.55" stroke-dasharray="2.6 0.8 0.4 0.8"`);
    case "districtProminent":
      return rect(MAP_STYLE.districtProminent);
    case "smallAreaLine":
      return rect(MAP_STYLE.smallAreaLine);
    case "neighbourDistrict":
      return line(`stroke="#666" stroke-width="0.45" stroke-dasharray="2.6 0.8 0.4 0.8"`);
    case "building":
      return `<rect x="${num(x + 1.5)}" y="${num(y + 0.1)}" width="4" height="2.4" ${MAP_STYLE.building}/>`;
    case "buildingPlain":
      return `<rect x="${num(x + 1.5)}" y="${num(y + 0.1)}" width="4" height="2.4" ${MAP_STYLE.faintBuilding}/>`;
    case "road":
      return line(`stroke="${ROAD_CASING}" stroke-width="1.5"`) + line(`stroke="${ROAD_FILL}" stroke-width="1.1"`);
    case "river":
      return line(`stroke="${RIVER_COLOUR}" stroke-width="0.8"`);
    case "water":
      return rect(MAP_STYLE.water);
    case "farmland":
      return rect(MAP_STYLE.farmland);
    case "landmark":
      return `<circle cx="${num(x + 3.5)}" cy="${num(y + 1.3)}" r="0.9" ${MAP_STYLE.landmark}/><circle cx="${num(x + 3.5)}" cy="${num(y + 1.3)}" r="0.3" fill="${LABEL_COLOURS.landmark}"/>`;
  }
}

/** The words of a legend entry. */
function symbolLabel(symbol: LegendSymbol, locale: SheetLocale): string {
  const words = sheetText(locale).legendEntries;
  if (symbol === "districtProminent") return words.districtLine;
  if (symbol === "buildingPlain") return words.buildingPlain;
  return words[symbol];
}

/**
 * Used in the strip under a map: the heading 图例 / Legend and the entries in `columns` columns, filled
 * column by column, inside `box` (its top-left is the heading's corner).
 */
export function legendSvg(symbols: readonly LegendSymbol[], box: Box, columns: number, locale: SheetLocale): string {
  let out = svgText(box.x, box.y + 3, sheetText(locale).legend, 2.8, { "font-weight": 700 });
  const columnWidth = Math.min(LEGEND_COLUMN_WIDTH + 4, box.width / columns);
  const rows = Math.ceil(symbols.length / columns);
  symbols.forEach((symbol, i) => {
    const cx = box.x + Math.floor(i / rows) * columnWidth;
    const cy = box.y + 5 + (i % rows) * LEGEND_ROW_HEIGHT;
    out += symbolSvg(symbol, cx, cy);
    const label = fitText(symbolLabel(symbol, locale), columnWidth - 10, 2.3);
    out += svgText(cx + 8.5, cy + 2.15, label.text, label.size);
  });
  return `<g class="legend">${out}</g>`;
}
