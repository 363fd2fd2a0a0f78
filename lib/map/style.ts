import type { FeatureCollection } from "geojson";
import type { ExpressionSpecification, RasterSourceSpecification, StyleSpecification } from "maplibre-gl";
import { BUILDING_TILES } from "@/lib/io/building-tiles";
import { SMALL_AREA_STATES, STATE_COLOURS } from "@/lib/domain/workflow";

/** An imagery source as the style needs it (from `db/queries` `listImagerySources`). */
export interface MapImagery {
  id: number;
  minZoom: number;
  maxZoom: number;
  attribution: string | null;
  bounds: [number, number, number, number] | null;
  /** metres east and north the imagery is moved (applied by the tile route; here only part of the tile URL) */
  offsetX?: number;
  offsetY?: number;
}

/**
 * Used by the style and by `TesseraMap.setImagery`: the raster source of an imagery source. The offset is in
 * the URL only so that after a nudge the browser fetches tiles again instead of drawing the ones it holds.
 */
export function imageryRasterSource(imagery: MapImagery): RasterSourceSpecification {
  const moved = imagery.offsetX || imagery.offsetY ? `?o=${imagery.offsetX ?? 0},${imagery.offsetY ?? 0}` : "";
  return {
    type: "raster",
    tiles: [`/api/tiles/${imagery.id}/{z}/{x}/{y}${moved}`],
    tileSize: 256,
    minzoom: imagery.minZoom,
    maxzoom: imagery.maxZoom,
    ...(imagery.bounds ? { bounds: imagery.bounds } : {}),
    ...(imagery.attribution ? { attribution: imagery.attribution } : {}),
  };
}

/** The imagery layer sits right above the background, under everything else (this layer follows it). */
export const IMAGERY_BEFORE = "ref-farmland";

/** Layer groups the layers panel switches on and off. */
export const LAYER_GROUPS = {
  imagery: ["imagery"],
  reference: ["ref-farmland", "ref-water", "ref-river", "ref-road-casing", "ref-road", "ref-road-label", "ref-river-label", "ref-landmark", "ref-landmark-label"],
  smallAreas: ["small-area-fill", "small-area-selected", "small-area-line", "small-area-label", "review-pin", "review-pin-label"],
  districts: ["district-hit", "district-selected", "district-line-halo", "district-line", "district-label"],
  buildings: ["building-fill", "building-line", "building-point", "building-selected", "building-selected-point", "building-number"],
  defects: ["defect-fill", "defect-line", "defect-point", "defect-marker", "defect-selected-line", "defect-selected-point"],
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;

/** Colours of coverage defects on the map and in the panel: errors, warnings, and the one clicked. */
export const DEFECT_COLORS = { error: "#ff1f3d", warning: "#ff9500", selected: "#00e5ff" } as const;

/** Colour of a small area's size against the band (the panel's size bar; the map colours areas by state). */
export const SIZE_COLORS = { ok: "#2ecc71", too_small: "#3498db", too_large: "#e74c3c", empty: "#95a5a6" } as const;

const FONT = ["Noto Sans CJK SC", "Noto Sans", "sans-serif"];

/** Fill of a small area by its workflow state (`status`), in the colours of the panel, legend and dashboard. */
const stateColor: ExpressionSpecification = [
  "match",
  ["get", "status"],
  ...SMALL_AREA_STATES.flatMap((state) => [state, STATE_COLOURS[state]]),
  STATE_COLOURS.draft,
] as unknown as ExpressionSpecification;

/** Outline of a small area: the boundary yellow of a draft, else the colour of its state. */
const stateLineColor: ExpressionSpecification = ["match", ["get", "status"], "draft", "#ffe14d", stateColor];

/** Width in pixels of a feature `widthM` metres wide, at latitude ~30°, interpolated over zoom. */
function metresToPixels(min: number, extra = 0): ExpressionSpecification {
  // at z18 one pixel is ~0.52 m at lat 30; each zoom level halves it
  const at = (metresPerPixel: number): ExpressionSpecification => ["+", extra, ["max", min, ["/", ["coalesce", ["get", "widthM"], 4], metresPerPixel]]];
  return ["interpolate", ["exponential", 2], ["zoom"], 12, at(33), 18, at(0.52)];
}

/**
 * Used by the style and by `TesseraMap.reloadLayer("buildings")`: the building tiles URL template; a new
 * `version` after an edit makes MapLibre fetch every tile again instead of drawing the ones it holds.
 */
export function buildingTilesUrl(version = 0): string {
  return version ? `${BUILDING_TILES.url}?v=${version}` : BUILDING_TILES.url;
}

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

const severityColor: ExpressionSpecification = ["match", ["get", "severity"], "error", DEFECT_COLORS.error, DEFECT_COLORS.warning];
const isArea: ExpressionSpecification = ["match", ["geometry-type"], ["Polygon", "MultiPolygon"], true, false];
const isLine: ExpressionSpecification = ["match", ["geometry-type"], ["LineString", "MultiLineString", "Polygon", "MultiPolygon"], true, false];
const isPoint: ExpressionSpecification = ["match", ["geometry-type"], ["Point", "MultiPoint"], true, false];

/** Used by the style and by `TesseraMap.highlightDefect`: filters of the highlight layers for one defect id (null: none). */
export function selectedDefectFilters(id: number | null): Record<"defect-selected-line" | "defect-selected-point", ExpressionSpecification> {
  const selected: ExpressionSpecification = ["==", ["id"], id ?? -1];
  return { "defect-selected-line": ["all", isLine, selected], "defect-selected-point": ["all", isPoint, selected] };
}

/**
 * Coverage defects over the vectors: areas filled and outlined, points as dots, and below zoom 15 a marker
 * per defect (a gap of a few m² is invisible at township scale); the selected defect outlined in cyan.
 */
function defectLayers(): StyleSpecification["layers"] {
  const selected = selectedDefectFilters(null);
  return [
    { id: "defect-fill", type: "fill", source: "defects", filter: isArea, paint: { "fill-color": severityColor, "fill-opacity": 0.45 } },
    { id: "defect-line", type: "line", source: "defects", filter: isLine, layout: { "line-join": "round" }, paint: { "line-color": severityColor, "line-width": ["interpolate", ["linear"], ["zoom"], 12, 1.5, 18, 3] } },
    { id: "defect-point", type: "circle", source: "defects", filter: isPoint, paint: { "circle-radius": ["interpolate", ["linear"], ["zoom"], 12, 3, 18, 7], "circle-color": severityColor, "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5 } },
    { id: "defect-marker", type: "circle", source: "defect-markers", maxzoom: 15, paint: { "circle-radius": 6, "circle-color": severityColor, "circle-opacity": 0.85, "circle-stroke-color": "#ffffff", "circle-stroke-width": 2 } },
    { id: "defect-selected-line", type: "line", source: "defects", filter: selected["defect-selected-line"], layout: { "line-join": "round" }, paint: { "line-color": DEFECT_COLORS.selected, "line-width": 4 } },
    { id: "defect-selected-point", type: "circle", source: "defects", filter: selected["defect-selected-point"], paint: { "circle-radius": 10, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": DEFECT_COLORS.selected, "circle-stroke-width": 3 } },
  ];
}

/** Pinned return comments: a marker in the "returned" colour, and from zoom 15 who wrote it and its first words. */
function reviewPinLayers(): StyleSpecification["layers"] {
  return [
    { id: "review-pin", type: "circle", source: "review-pins", paint: { "circle-radius": 8, "circle-color": STATE_COLOURS.returned, "circle-stroke-color": "#ffffff", "circle-stroke-width": 2.5 } },
    { id: "review-pin-label", type: "symbol", source: "review-pins", minzoom: 15, layout: { "text-field": ["get", "label"], "text-font": FONT, "text-size": 12, "text-offset": [0, 1.3], "text-anchor": "top", "text-max-width": 14 }, paint: { "text-color": "#7f0000", "text-halo-color": "#ffffff", "text-halo-width": 1.5 } },
  ];
}

/**
 * Used by `createTesseraMap`: the whole map style — imagery under reference features, small areas,
 * districts and buildings; areas and reference features read from their `/api/layers/...` GeoJSON, buildings
 * from vector tiles (`/api/buildings/tiles/{z}/{x}/{y}`). No glyphs URL: MapLibre draws
 * every label with the browser's fonts (works offline, renders Chinese).
 */
export function buildMapStyle(imagery: MapImagery | null, labelLocale: "zh" | "en"): StyleSpecification {
  const name: ExpressionSpecification =
    labelLocale === "zh" ? ["coalesce", ["get", "name"], ""] : ["coalesce", ["get", "nameEn"], ["get", "name"], ""];
  const districtName: ExpressionSpecification = labelLocale === "zh" ? ["get", "nameZh"] : ["get", "nameEn"];
  const style: StyleSpecification = {
    version: 8,
    sources: {
      districts: { type: "geojson", data: "/api/layers/districts" },
      "small-areas": { type: "geojson", data: "/api/layers/small-areas" },
      "area-labels": { type: "geojson", data: "/api/layers/labels" },
      // vector tiles from z13 (a county has ~300,000 buildings); below, the small-area fill is the summary
      buildings: { type: "vector", tiles: [buildingTilesUrl()], minzoom: BUILDING_TILES.minZoom, maxzoom: BUILDING_TILES.maxZoom },
      reference: { type: "geojson", data: "/api/layers/reference" },
      // filled by the coverage panel through `TesseraMap.setDefects`
      defects: { type: "geojson", data: EMPTY },
      "defect-markers": { type: "geojson", data: EMPTY },
      // shapes of an edit on its way to the server (`TesseraMap.showPending`)
      pending: { type: "geojson", data: EMPTY },
      // pinned return comments of the small area in the panel (`TesseraMap.setReviewPins`)
      "review-pins": { type: "geojson", data: EMPTY },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#e8e4d8" } },
      { id: "ref-farmland", type: "fill", source: "reference", filter: ["==", ["get", "kind"], "farmland"], paint: { "fill-color": "#b5d38a", "fill-opacity": 0.25 } },
      { id: "ref-water", type: "fill", source: "reference", filter: ["==", ["get", "kind"], "water"], paint: { "fill-color": "#5aa9e6", "fill-opacity": 0.45 } },
      { id: "ref-river", type: "line", source: "reference", filter: ["==", ["get", "kind"], "river"], paint: { "line-color": "#5aa9e6", "line-opacity": 0.6, "line-width": metresToPixels(2) } },
      { id: "ref-road-casing", type: "line", source: "reference", filter: ["==", ["get", "kind"], "road"], layout: { "line-cap": "round", "line-join": "round" }, paint: { "line-color": "#8a8070", "line-opacity": 0.35, "line-width": metresToPixels(1.5, 1.5) } },
      { id: "ref-road", type: "line", source: "reference", filter: ["==", ["get", "kind"], "road"], layout: { "line-cap": "round", "line-join": "round" }, paint: { "line-color": "#fdfbf5", "line-opacity": 0.35, "line-width": metresToPixels(1) } },
      // invisible, for clicks on a district where no small area is drawn yet
      { id: "district-hit", type: "fill", source: "districts", paint: { "fill-color": "#000000", "fill-opacity": 0 } },
      { id: "district-selected", type: "fill", source: "districts", filter: ["==", ["id"], -1], paint: { "fill-color": "#d6246e", "fill-opacity": 0.15 } },
      { id: "small-area-fill", type: "fill", source: "small-areas", paint: { "fill-color": stateColor, "fill-opacity": 0.22 } },
      { id: "small-area-selected", type: "fill", source: "small-areas", filter: ["==", ["id"], -1], paint: { "fill-color": "#ffe14d", "fill-opacity": 0.35 } },
      { id: "building-fill", type: "fill", source: "buildings", "source-layer": BUILDING_TILES.layer, minzoom: BUILDING_TILES.minZoom, paint: { "fill-color": "#ff9f1c", "fill-opacity": ["interpolate", ["linear"], ["zoom"], 14, 0.25, 18, 0.45] } },
      { id: "building-line", type: "line", source: "buildings", "source-layer": BUILDING_TILES.layer, minzoom: 15, paint: { "line-color": "#ff7b00", "line-width": ["interpolate", ["linear"], ["zoom"], 15, 0.5, 19, 1.5] } },
      // a building marked by a click is a point until its footprint is drawn
      { id: "building-point", type: "circle", source: "buildings", "source-layer": BUILDING_TILES.layer, minzoom: BUILDING_TILES.minZoom, filter: isPoint, paint: { "circle-radius": ["interpolate", ["linear"], ["zoom"], 13, 2, 18, 6], "circle-color": "#ff9f1c", "circle-stroke-color": "#7a3b00", "circle-stroke-width": 1.2 } },
      { id: "building-selected", type: "line", source: "buildings", "source-layer": BUILDING_TILES.layer, filter: ["==", ["id"], -1], paint: { "line-color": "#00e5ff", "line-width": 3 } },
      { id: "building-selected-point", type: "circle", source: "buildings", "source-layer": BUILDING_TILES.layer, filter: ["==", ["id"], -1], paint: { "circle-radius": 9, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": "#00e5ff", "circle-stroke-width": 3 } },
      { id: "small-area-line", type: "line", source: "small-areas", layout: { "line-join": "round" }, paint: { "line-color": stateLineColor, "line-width": ["interpolate", ["linear"], ["zoom"], 12, 0.8, 17, 2.5] } },
      { id: "district-line-halo", type: "line", source: "districts", layout: { "line-join": "round" }, paint: { "line-color": "#ffffff", "line-opacity": 0.8, "line-width": ["interpolate", ["linear"], ["zoom"], 12, 3, 17, 7] } },
      { id: "district-line", type: "line", source: "districts", layout: { "line-join": "round" }, paint: { "line-color": "#d6246e", "line-width": ["interpolate", ["linear"], ["zoom"], 12, 1.5, 17, 3.5] } },
      ...defectLayers(),
      { id: "pending-line", type: "line", source: "pending", layout: { "line-join": "round" }, paint: { "line-color": "#00e5ff", "line-width": 2.5, "line-dasharray": [2, 1.5] } },
      { id: "ref-road-label", type: "symbol", source: "reference", minzoom: 14, filter: ["all", ["==", ["get", "kind"], "road"], ["has", "name"]], layout: { "symbol-placement": "line", "text-field": name, "text-font": FONT, "text-size": 12, "symbol-spacing": 300 }, paint: { "text-color": "#333333", "text-halo-color": "#ffffff", "text-halo-width": 1.5 } },
      { id: "ref-river-label", type: "symbol", source: "reference", minzoom: 13, filter: ["all", ["==", ["get", "kind"], "river"], ["has", "name"]], layout: { "symbol-placement": "line", "text-field": name, "text-font": FONT, "text-size": 13, "text-letter-spacing": 0.3 }, paint: { "text-color": "#0b4f8a", "text-halo-color": "#ffffff", "text-halo-width": 1.5 } },
      { id: "ref-landmark", type: "circle", source: "reference", minzoom: 14, filter: ["==", ["get", "kind"], "landmark"], paint: { "circle-radius": 5, "circle-color": "#6c3fc4", "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5 } },
      { id: "ref-landmark-label", type: "symbol", source: "reference", minzoom: 15, filter: ["==", ["get", "kind"], "landmark"], layout: { "text-field": name, "text-font": FONT, "text-size": 12, "text-offset": [0, 1.2], "text-anchor": "top" }, paint: { "text-color": "#3b1f7a", "text-halo-color": "#ffffff", "text-halo-width": 1.5 } },
      { id: "building-number", type: "symbol", source: "buildings", "source-layer": BUILDING_TILES.layer, minzoom: 17, filter: ["has", "number"], layout: { "text-field": ["to-string", ["get", "number"]], "text-font": FONT, "text-size": 11 }, paint: { "text-color": "#ffffff", "text-halo-color": "#7a3b00", "text-halo-width": 1.2 } },
      { id: "small-area-label", type: "symbol", source: "area-labels", minzoom: 14, filter: ["==", ["get", "level"], "small_area"], layout: { "text-field": ["get", "code"], "text-font": FONT, "text-size": ["interpolate", ["linear"], ["zoom"], 14, 12, 18, 18], "text-allow-overlap": false }, paint: { "text-color": "#1a1a1a", "text-halo-color": "#ffe14d", "text-halo-width": 2 } },
      ...reviewPinLayers(),
      { id: "district-label", type: "symbol", source: "area-labels", maxzoom: 15.5, filter: ["==", ["get", "level"], "district"], layout: { "text-field": ["format", districtName, {}, "\n", {}, ["get", "code"], { "font-scale": 0.75 }], "text-font": FONT, "text-size": 15 }, paint: { "text-color": "#8a0f43", "text-halo-color": "#ffffff", "text-halo-width": 2 } },
    ],
  };
  if (imagery) {
    style.sources.imagery = imageryRasterSource(imagery);
    style.layers.splice(1, 0, { id: "imagery", type: "raster", source: "imagery", paint: { "raster-opacity": 1, "raster-fade-duration": 0 } });
  }
  return style;
}
