import type { Position } from "geojson";
import { bboxOfPositions, collectPositions, type Bbox } from "@/lib/geo/bbox";
import { metresPerDegree } from "@/lib/geo/metres-per-degree";
import { chooseScale } from "./scale-choice";
import { districtPageLayout, smallAreaPageLayout, type Box, type MapPageLayout } from "./sheet-layout";
import type { Projector } from "./svg";
import type { DistrictSheetData, PrintOptions, SmallAreaSheetData } from "./types";

/** How a map is drawn on a page: its scale, the lon/lat its frame covers, the frame, and the projection. */
export interface MapPlan {
  /** N of 1:N */
  scale: number;
  /** lon/lat the map frame covers [west, south, east, north] */
  bbox: Bbox;
  /** mm on the page */
  frame: Box;
  /** lon/lat → mm on the page */
  project: Projector;
  /** mm on the page → lon/lat (the inverse of `project`) */
  unproject(x: number, y: number): [number, number];
  /** the projection's centre (the frame's centre) */
  centre: [number, number];
}

/** Re-exported: the scale choice (see `scale-choice.ts`). */
export { chooseScale, EXTENT_MARGIN, SCALE_SERIES } from "./scale-choice";

/**
 * Used by both sheets (and tests): the plan of a map showing `extent` (lon/lat) in `frame` at the chosen
 * scale. Local equirectangular projection centred on the extent's centre: x = Δlon·m/°lon, y = −Δlat·m/°lat
 * (at the centre's latitude), ÷ N, × 1000 for mm.
 */
export function planMap(extent: Bbox, frame: Box, scale?: number): MapPlan {
  const lon0 = (extent[0] + extent[2]) / 2;
  const lat0 = (extent[1] + extent[3]) / 2;
  const [mLon, mLat] = metresPerDegree(lat0);
  const n = scale ?? chooseScale((extent[2] - extent[0]) * mLon, (extent[3] - extent[1]) * mLat, frame.width, frame.height);
  const kx = (mLon * 1000) / n, ky = (mLat * 1000) / n;
  const cx = frame.x + frame.width / 2, cy = frame.y + frame.height / 2;
  const project: Projector = (lon, lat) => [cx + (lon - lon0) * kx, cy - (lat - lat0) * ky];
  const unproject = (x: number, y: number): [number, number] => [lon0 + (x - cx) / kx, lat0 - (y - cy) / ky];
  const [west, north] = unproject(frame.x, frame.y);
  const [east, south] = unproject(frame.x + frame.width, frame.y + frame.height);
  return { scale: n, bbox: [west, south, east, north], frame, project, unproject, centre: [lon0, lat0] };
}

/** Used by the map plans: the bbox of several geometries (null entries skipped), null when there is nothing. */
export function extentOf(geometries: ReadonlyArray<Parameters<typeof collectPositions>[0] | null>): Bbox | null {
  const positions: Position[] = [];
  for (const g of geometries) if (g) collectPositions(g, positions);
  return positions.length ? bboxOfPositions(positions) : null;
}

/** Used to weigh page layouts: the width and height in metres of a lon/lat bbox (at its centre's latitude). */
export function extentMetres(bbox: Bbox): { width: number; height: number } {
  const [mLon, mLat] = metresPerDegree((bbox[1] + bbox[3]) / 2);
  return { width: (bbox[2] - bbox[0]) * mLon, height: (bbox[3] - bbox[1]) * mLat };
}

/** Used by the small-area sheet: its map page's layout and the plan of its map (they must agree). */
export function planSmallAreaPage(data: Omit<SmallAreaSheetData, "imagery">, options: PrintOptions): { layout: MapPageLayout; plan: MapPlan } {
  const base = data.area.geometry ?? data.districtGeometry;
  const extent = (extentOf([base, ...data.buildings.map((b) => b.geometry)]) ?? extentOf([data.districtGeometry])) as Bbox;
  const layout = smallAreaPageLayout(data.buildings.length, options, extentMetres(extent));
  return { layout, plan: planMap(extent, layout.frame) };
}

/**
 * Used by the small-area sheet, and by the loader to fetch imagery for exactly the frame: the plan of the
 * sheet's map, showing the area (or, for a virtual area, its district) and its buildings.
 */
export function planSmallAreaMap(data: Omit<SmallAreaSheetData, "imagery">, options: PrintOptions): MapPlan {
  return planSmallAreaPage(data, options).plan;
}

/** Used by the district sheet: its map page's layout and the plan of its map. */
export function planDistrictPage(data: Omit<DistrictSheetData, "imagery">, options: PrintOptions): { layout: MapPageLayout; plan: MapPlan } {
  const extent = extentOf([data.districtGeometry]) as Bbox;
  const layout = districtPageLayout(data.areas.length, options, extentMetres(extent));
  return { layout, plan: planMap(extent, layout.frame) };
}

/** Used by the district sheet, and by the loader to fetch imagery for exactly the frame: the plan of the district's map. */
export function planDistrictMap(data: Omit<DistrictSheetData, "imagery">, options: PrintOptions): MapPlan {
  return planDistrictPage(data, options).plan;
}
