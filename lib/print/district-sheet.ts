import { DISTRICT_LEGEND } from "./legend";
import { LabelPlacer } from "./label-placer";
import { areaLabelSvg, referenceLabelsSvg } from "./map-labels";
import { imagerySvg, plainBuildingsSvg, referenceLayersSvg } from "./map-layers";
import { planDistrictMap, planDistrictPage, type MapPlan } from "./map-plan";
import { LABEL_COLOURS, MAP_STYLE } from "./map-style";
import { SHEET_MARGIN_MM } from "./paper";
import { AREA_COLUMN_WIDTH, HEADER_HEIGHT, pageBody, tablePageLayout } from "./sheet-layout";
import { continuationPages, FINAL_STATES, mapWithFurnitureSvg, pageLabel } from "./sheet-furniture";
import { formatScale, nameWithCode, sheetText, type SheetText } from "./sheet-text";
import { geometryPath, svgPage } from "./svg";
import { tableSvg, type TableColumn, type TableRow } from "./table";
import { footerSvg, joinNames, titleBlockSvg, watermarkSvg, type TitleBlock } from "./title-block";
import type { DistrictSheetData, PrintOptions, SheetPage } from "./types";

/** Re-exported here: the map plan of this sheet (see `map-plan.ts`). */
export { planDistrictMap };

/** The columns of the list of small areas. */
function areaColumns(text: SheetText): TableColumn[] {
  const c = text.columns;
  return [
    { header: c.code, width: 8, align: "start" },
    { header: c.areaName, width: 14, align: "start", flexible: true },
    { header: c.households, width: 8, align: "end" },
    { header: c.persons, width: 9, align: "end" },
    { header: "", width: 1.5, align: "start" },
    { header: c.state, width: 12, align: "start" },
  ];
}

/** The rows of the list: one per small area, then the totals. */
function areaRows(data: DistrictSheetData, text: SheetText): TableRow[] {
  if (!data.areas.length) return [];
  const rows: TableRow[] = data.areas.map((a) => ({
    cells: [a.code, (a.name ?? "") + (a.isVirtual ? text.virtualSuffix : ""), String(a.households), String(a.persons), "", text.states[a.state]],
  }));
  const households = data.areas.reduce((t, a) => t + a.households, 0);
  const persons = data.areas.reduce((t, a) => t + a.persons, 0);
  rows.push({ cells: [text.totals, "", String(households), String(persons), "", ""], total: true });
  return rows;
}

function titleBlock(data: DistrictSheetData, plan: MapPlan, options: PrintOptions): TitleBlock {
  const text = sheetText(options.locale);
  const { place, areas } = data;
  const done = areas.filter((a) => FINAL_STATES.includes(a.state)).length;
  return {
    censusName: place.censusName,
    title: text.districtTitle,
    subtitle: `${place.district.code} ${place.district.name}`,
    scaleText: `${text.scale} ${formatScale(plan.scale, options.locale)}`,
    fields: [
      { label: text.county, value: nameWithCode(place.county.name, place.county.code) },
      { label: text.township, value: nameWithCode(place.township.name, place.township.code) },
      { label: text.district, value: nameWithCode(place.district.name, place.district.code) },
      { label: text.areaCount, value: String(areas.length) },
      { label: text.guides, value: joinNames(data.guides, options.locale) },
      { label: text.householdsPersons, value: `${areas.reduce((t, a) => t + a.households, 0)} / ${areas.reduce((t, a) => t + a.persons, 0)}` },
      { label: text.state, value: text.signedOff(done, areas.length) },
      { label: text.printed, value: options.printedAt },
    ],
  };
}

function mapLayers(data: DistrictSheetData, plan: MapPlan, options: PrintOptions): string {
  const placer = new LabelPlacer(plan.frame);
  const imagery = options.imagery && data.imagery ? imagerySvg(data.imagery, plan) : "";
  const district = geometryPath(data.districtGeometry, plan.project);
  let areaLines = "", labels = "", neighbours = "";
  for (const area of data.areas) {
    if (!area.geometry) continue;
    areaLines += geometryPath(area.geometry, plan.project);
    labels += areaLabelSvg(area.geometry, area.code, 5, plan, placer, { fill: "#222" }, 3);
  }
  for (const n of data.neighbourDistricts) {
    neighbours += geometryPath(n.geometry, plan.project);
    labels += areaLabelSvg(n.geometry, `${n.code} ${n.name}`, 2.6, plan, placer, { fill: LABEL_COLOURS.area }, 6);
  }
  return (
    imagery +
    referenceLayersSvg(data.references, plan, Boolean(imagery)) +
    `<path d="${district}" ${MAP_STYLE.districtProminent} stroke="none" fill-rule="evenodd"/>` +
    plainBuildingsSvg(data.buildings, plan, MAP_STYLE.faintBuilding) +
    (neighbours ? `<path d="${neighbours}" ${MAP_STYLE.neighbourDistrict}/>` : "") +
    (areaLines ? `<path d="${areaLines}" ${MAP_STYLE.smallAreaLine}/>` : "") +
    `<path d="${district}" ${MAP_STYLE.districtProminent} fill="none"/>` +
    labels +
    referenceLabelsSvg(data.references, [], plan, placer)
  );
}

/**
 * Used by the district print: the pages of a district sheet (普查区图): the map page (its small areas
 * outlined and labelled with their codes, neighbour districts named, the same furniture as a small-area
 * sheet, the list of small areas), then list pages for what did not fit. Watermarked when any small area
 * is not yet confirmed or ready.
 */
export function districtSheetPages(data: DistrictSheetData, options: PrintOptions): SheetPage[] {
  const text = sheetText(options.locale);
  const { layout, plan } = planDistrictPage(data, options);
  const rows = areaRows(data, text);
  const columns = areaColumns(text);
  const continuation = tablePageLayout(options, AREA_COLUMN_WIDTH);
  const count = 1 + Math.ceil(Math.max(0, rows.length - layout.tableCapacity) / continuation.capacity);
  const watermark = data.areas.some((a) => !FINAL_STATES.includes(a.state));
  let body = titleBlockSvg(titleBlock(data, plan, options), layout.header);
  body += mapWithFurnitureSvg(plan, layout, mapLayers(data, plan, options), DISTRICT_LEGEND, `map-clip-d-${data.place.district.code}`, options);
  if (watermark) body += watermarkSvg(pageBody(layout.page, HEADER_HEIGHT), options.locale);
  if (layout.table) {
    const placement = { x: layout.table.x, y: layout.table.y, columnWidth: layout.tableColumnWidth, rowsPerColumn: layout.tableRowsPerColumn };
    body += tableSvg(columns, rows.slice(0, layout.tableCapacity), placement);
  }
  body += footerSvg(layout.page, SHEET_MARGIN_MM, options.printedAt, options.locale, pageLabel(0, count));
  const heading = { title: text.areaListTitle + text.continued, context: `${text.districtTitle} ${nameWithCode(data.place.district.name, data.place.district.code)}` };
  const rest = continuationPages(rows.slice(layout.tableCapacity), columns, continuation, heading, options, watermark, (i) => pageLabel(i + 1, count));
  return [svgPage(layout.page, body), ...rest];
}
