import { SMALL_AREA_LEGEND } from "./legend";
import { LabelPlacer } from "./label-placer";
import { areaLabelSvg, referenceLabelsSvg } from "./map-labels";
import { imagerySvg, numberedBuildingsSvg, plainBuildingsSvg, referenceLayersSvg } from "./map-layers";
import { planSmallAreaMap, planSmallAreaPage, type MapPlan } from "./map-plan";
import { LABEL_COLOURS, MAP_STYLE } from "./map-style";
import { SHEET_MARGIN_MM } from "./paper";
import { BUILDING_COLUMN_WIDTH, HEADER_HEIGHT, pageBody, tablePageLayout, type MapPageLayout } from "./sheet-layout";
import { continuationPages, mapWithFurnitureSvg, needsWatermark, pageLabel } from "./sheet-furniture";
import { formatScale, nameWithCode, sheetText, type SheetText } from "./sheet-text";
import { geometryPath, svgPage } from "./svg";
import { tableSvg, type TableColumn, type TableRow } from "./table";
import { footerSvg, joinNames, titleBlockSvg, watermarkSvg, type TitleBlock } from "./title-block";
import type { PrintOptions, SheetArea, SheetLocale, SheetPage, SmallAreaSheetData } from "./types";

/** Used for neighbour labels: the 3-digit code inside the same district, else the district's last 3 digits + "-" + code. */
export function neighbourLabel(neighbour: SheetArea, districtCode: string): string {
  return neighbour.districtCode === districtCode ? neighbour.code : `${neighbour.districtCode.slice(-3)}-${neighbour.code}`;
}

/** Re-exported here: the map plan of this sheet (see `map-plan.ts`). */
export { planSmallAreaMap };

/** The columns of the building list. */
function buildingColumns(text: SheetText, locale: SheetLocale): TableColumn[] {
  const c = text.columns;
  return [
    { header: c.number, width: 5.5, align: "end" },
    { header: c.use, width: locale === "zh" ? 9 : 12, align: "start" },
    { header: c.name, width: 8, align: "start", flexible: true },
    { header: c.units, width: 5.5, align: "end" },
    { header: c.households, width: 5.5, align: "end" },
    { header: c.persons, width: 6, align: "end" },
  ];
}

/** The rows of the building list: one per building, then the totals. */
function buildingRows(data: SmallAreaSheetData, text: SheetText): TableRow[] {
  if (!data.buildings.length) return [];
  const rows: TableRow[] = data.buildings.map((b) => ({
    cells: [b.number === null ? text.none : String(b.number), text.uses[b.use], b.name ?? "", String(b.housingUnits), String(b.households), String(b.persons)],
  }));
  const sum = (pick: (b: SmallAreaSheetData["buildings"][number]) => number) => String(data.buildings.reduce((t, b) => t + pick(b), 0));
  rows.push({ cells: [text.totals, "", "", sum((b) => b.housingUnits), sum((b) => b.households), sum((b) => b.persons)], total: true });
  return rows;
}

/** The title block of the sheet. */
function titleBlock(data: SmallAreaSheetData, plan: MapPlan, options: PrintOptions): TitleBlock {
  const text = sheetText(options.locale);
  const { place, area } = data;
  const areaLine = area.name ? `${area.fullCode} ${area.name}` : area.fullCode;
  return {
    censusName: place.censusName,
    title: text.smallAreaTitle + (area.isVirtual ? text.virtualSuffix : ""),
    subtitle: areaLine,
    scaleText: `${text.scale} ${formatScale(plan.scale, options.locale)}`,
    fields: [
      { label: text.county, value: nameWithCode(place.county.name, place.county.code) },
      { label: text.township, value: nameWithCode(place.township.name, place.township.code) },
      { label: text.district, value: nameWithCode(place.district.name, place.district.code) },
      { label: text.smallArea, value: areaLine },
      { label: text.guides, value: joinNames(data.guides, options.locale) },
      { label: text.enumerators, value: joinNames(data.enumerators, options.locale) },
      { label: text.householdsPersons, value: `${area.households} / ${area.persons}` },
      { label: text.state, value: text.states[area.state] },
      { label: text.printed, value: options.printedAt },
    ],
  };
}

/** The map layers of the sheet, inside the frame. */
function mapLayers(data: SmallAreaSheetData, plan: MapPlan, options: PrintOptions): string {
  const placer = new LabelPlacer(plan.frame);
  const imagery = options.imagery && data.imagery ? imagerySvg(data.imagery, plan) : "";
  const districtCode = data.area.districtCode;
  let neighbours = "", neighbourLabels = "";
  for (const n of data.neighbours) {
    if (!n.geometry) continue;
    neighbours += geometryPath(n.geometry, plan.project);
  }
  const own = data.area.geometry ? geometryPath(data.area.geometry, plan.project) : "";
  const buildings = numberedBuildingsSvg(data.buildings, plan, placer);
  for (const n of data.neighbours) {
    if (n.geometry) neighbourLabels += areaLabelSvg(n.geometry, neighbourLabel(n, districtCode), 3.4, plan, placer, { fill: LABEL_COLOURS.area });
  }
  return (
    imagery +
    referenceLayersSvg(data.references, plan, Boolean(imagery)) +
    plainBuildingsSvg(data.otherBuildings, plan, MAP_STYLE.otherBuilding) +
    (neighbours ? `<path d="${neighbours}" ${MAP_STYLE.neighbour}/>` : "") +
    `<path d="${geometryPath(data.districtGeometry, plan.project)}" ${MAP_STYLE.districtLine}/>` +
    (own ? `<path d="${own}" ${MAP_STYLE.thisArea} stroke="none" fill-rule="evenodd"/>` : "") +
    buildings +
    (own ? `<path d="${own}" ${MAP_STYLE.thisArea} fill="none"/>` : "") +
    neighbourLabels +
    referenceLabelsSvg(data.references, data.buildings, plan, placer)
  );
}

/** Pages of the sheet: the map page and the building-list pages after it. */
function pageCount(rows: number, layout: MapPageLayout, options: PrintOptions): number {
  return 1 + Math.ceil(Math.max(0, rows - layout.tableCapacity) / tablePageLayout(options, BUILDING_COLUMN_WIDTH).capacity);
}

/** Used to number a batch before it is drawn (cheaper than drawing it): how many pages the sheet takes. */
export function smallAreaPageCount(data: Omit<SmallAreaSheetData, "imagery">, options: PrintOptions): number {
  const rows = data.buildings.length ? data.buildings.length + 1 : 0;
  return pageCount(rows, planSmallAreaPage(data, options).layout, options);
}

/**
 * Used by single and batch prints: the pages of a small-area sheet (普查小区图): the map page (title block,
 * map, legend, scale bar, north arrow, ticks, as much of the building list as fits), then building-list
 * pages for the rest. `pages` numbers them inside a larger document (page `first` of `total`).
 */
export function smallAreaSheetPages(data: SmallAreaSheetData, options: PrintOptions, pages?: { first: number; total: number }): SheetPage[] {
  const text = sheetText(options.locale);
  const { layout, plan } = planSmallAreaPage(data, options);
  const rows = buildingRows(data, text);
  const columns = buildingColumns(text, options.locale);
  const count = pageCount(rows.length, layout, options);
  const watermark = needsWatermark(data.area.state);
  const clipId = `map-clip-sa-${data.area.id}`;
  let body = titleBlockSvg(titleBlock(data, plan, options), layout.header);
  body += mapWithFurnitureSvg(plan, layout, mapLayers(data, plan, options), SMALL_AREA_LEGEND, clipId, options);
  if (watermark) body += watermarkSvg(pageBody(layout.page, HEADER_HEIGHT), options.locale);
  if (layout.table) {
    const placement = { x: layout.table.x, y: layout.table.y, columnWidth: layout.tableColumnWidth, rowsPerColumn: layout.tableRowsPerColumn };
    body += tableSvg(columns, rows.slice(0, layout.tableCapacity), placement);
  }
  body += footerSvg(layout.page, SHEET_MARGIN_MM, options.printedAt, options.locale, pageLabel(0, count, pages));
  const heading = {
    title: text.buildingListTitle + text.continued,
    context: `${text.smallAreaTitle} ${data.area.fullCode}${data.area.name ? ` ${data.area.name}` : ""} · ${nameWithCode(data.place.district.name, data.place.district.code)}`,
  };
  const rest = continuationPages(rows.slice(layout.tableCapacity), columns, tablePageLayout(options, BUILDING_COLUMN_WIDTH), heading, options, watermark, (i) => pageLabel(i + 1, count, pages));
  return [svgPage(layout.page, body), ...rest];
}
