import type { ExpressionSpecification, StyleSpecification } from "maplibre-gl";

/** An imagery source as the style needs it (from `db/queries` `listImagerySources`). */
export interface MapImagery {
  id: number;
  minZoom: number;
  maxZoom: number;
  attribution: string | null;
  bounds: [number, number, number, number] | null;
}

/** Layer groups the layers panel switches on and off. */
export const LAYER_GROUPS = {
  imagery: ["imagery"],
  reference: ["ref-farmland", "ref-water", "ref-river", "ref-road-casing", "ref-road", "ref-road-label", "ref-river-label", "ref-landmark", "ref-landmark-label"],
  smallAreas: ["small-area-fill", "small-area-selected", "small-area-line", "small-area-label"],
  districts: ["district-line-halo", "district-line", "district-label"],
  buildings: ["building-fill", "building-line", "building-number"],
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;

/** Fill colour of a small area by its size against the band. */
export const SIZE_COLORS = { ok: "#2ecc71", too_small: "#3498db", too_large: "#e74c3c", empty: "#95a5a6" } as const;

const FONT = ["Noto Sans CJK SC", "Noto Sans", "sans-serif"];

const sizeColor: ExpressionSpecification = [
  "match",
  ["get", "sizeClass"],
  "ok", SIZE_COLORS.ok,
  "too_small", SIZE_COLORS.too_small,
  "too_large", SIZE_COLORS.too_large,
  SIZE_COLORS.empty,
];

/** Width in pixels of a feature `widthM` metres wide, at latitude ~30°, interpolated over zoom. */
function metresToPixels(min: number, extra = 0): ExpressionSpecification {
  // at z18 one pixel is ~0.52 m at lat 30; each zoom level halves it
  const at = (metresPerPixel: number): ExpressionSpecification => ["+", extra, ["max", min, ["/", ["coalesce", ["get", "widthM"], 4], metresPerPixel]]];
  return ["interpolate", ["exponential", 2], ["zoom"], 12, at(33), 18, at(0.52)];
}

/**
 * Used by `createTesseraMap`: the whole map style — imagery under reference features, small areas,
 * districts and buildings, each read from its `/api/layers/...` GeoJSON. No glyphs URL: MapLibre draws
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
      buildings: { type: "geojson", data: "/api/layers/buildings" },
      reference: { type: "geojson", data: "/api/layers/reference" },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#e8e4d8" } },
      { id: "ref-farmland", type: "fill", source: "reference", filter: ["==", ["get", "kind"], "farmland"], paint: { "fill-color": "#b5d38a", "fill-opacity": 0.25 } },
      { id: "ref-water", type: "fill", source: "reference", filter: ["==", ["get", "kind"], "water"], paint: { "fill-color": "#5aa9e6", "fill-opacity": 0.45 } },
      { id: "ref-river", type: "line", source: "reference", filter: ["==", ["get", "kind"], "river"], paint: { "line-color": "#5aa9e6", "line-opacity": 0.6, "line-width": metresToPixels(2) } },
      { id: "ref-road-casing", type: "line", source: "reference", filter: ["==", ["get", "kind"], "road"], layout: { "line-cap": "round", "line-join": "round" }, paint: { "line-color": "#8a8070", "line-opacity": 0.35, "line-width": metresToPixels(1.5, 1.5) } },
      { id: "ref-road", type: "line", source: "reference", filter: ["==", ["get", "kind"], "road"], layout: { "line-cap": "round", "line-join": "round" }, paint: { "line-color": "#fdfbf5", "line-opacity": 0.35, "line-width": metresToPixels(1) } },
      { id: "small-area-fill", type: "fill", source: "small-areas", paint: { "fill-color": sizeColor, "fill-opacity": 0.18 } },
      { id: "small-area-selected", type: "fill", source: "small-areas", filter: ["==", ["id"], -1], paint: { "fill-color": "#ffe14d", "fill-opacity": 0.35 } },
      { id: "building-fill", type: "fill", source: "buildings", minzoom: 14, paint: { "fill-color": "#ff9f1c", "fill-opacity": ["interpolate", ["linear"], ["zoom"], 14, 0.25, 18, 0.45] } },
      { id: "building-line", type: "line", source: "buildings", minzoom: 15, paint: { "line-color": "#ff7b00", "line-width": ["interpolate", ["linear"], ["zoom"], 15, 0.5, 19, 1.5] } },
      { id: "small-area-line", type: "line", source: "small-areas", layout: { "line-join": "round" }, paint: { "line-color": "#ffe14d", "line-width": ["interpolate", ["linear"], ["zoom"], 12, 0.8, 17, 2.5] } },
      { id: "district-line-halo", type: "line", source: "districts", layout: { "line-join": "round" }, paint: { "line-color": "#ffffff", "line-opacity": 0.8, "line-width": ["interpolate", ["linear"], ["zoom"], 12, 3, 17, 7] } },
      { id: "district-line", type: "line", source: "districts", layout: { "line-join": "round" }, paint: { "line-color": "#d6246e", "line-width": ["interpolate", ["linear"], ["zoom"], 12, 1.5, 17, 3.5] } },
      { id: "ref-road-label", type: "symbol", source: "reference", minzoom: 14, filter: ["all", ["==", ["get", "kind"], "road"], ["has", "name"]], layout: { "symbol-placement": "line", "text-field": name, "text-font": FONT, "text-size": 12, "symbol-spacing": 300 }, paint: { "text-color": "#333333", "text-halo-color": "#ffffff", "text-halo-width": 1.5 } },
      { id: "ref-river-label", type: "symbol", source: "reference", minzoom: 13, filter: ["all", ["==", ["get", "kind"], "river"], ["has", "name"]], layout: { "symbol-placement": "line", "text-field": name, "text-font": FONT, "text-size": 13, "text-letter-spacing": 0.3 }, paint: { "text-color": "#0b4f8a", "text-halo-color": "#ffffff", "text-halo-width": 1.5 } },
      { id: "ref-landmark", type: "circle", source: "reference", minzoom: 14, filter: ["==", ["get", "kind"], "landmark"], paint: { "circle-radius": 5, "circle-color": "#6c3fc4", "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5 } },
      { id: "ref-landmark-label", type: "symbol", source: "reference", minzoom: 15, filter: ["==", ["get", "kind"], "landmark"], layout: { "text-field": name, "text-font": FONT, "text-size": 12, "text-offset": [0, 1.2], "text-anchor": "top" }, paint: { "text-color": "#3b1f7a", "text-halo-color": "#ffffff", "text-halo-width": 1.5 } },
      { id: "building-number", type: "symbol", source: "buildings", minzoom: 17, filter: ["has", "number"], layout: { "text-field": ["to-string", ["get", "number"]], "text-font": FONT, "text-size": 11 }, paint: { "text-color": "#ffffff", "text-halo-color": "#7a3b00", "text-halo-width": 1.2 } },
      { id: "small-area-label", type: "symbol", source: "area-labels", minzoom: 14, filter: ["==", ["get", "level"], "small_area"], layout: { "text-field": ["get", "code"], "text-font": FONT, "text-size": ["interpolate", ["linear"], ["zoom"], 14, 12, 18, 18], "text-allow-overlap": false }, paint: { "text-color": "#1a1a1a", "text-halo-color": "#ffe14d", "text-halo-width": 2 } },
      { id: "district-label", type: "symbol", source: "area-labels", maxzoom: 15.5, filter: ["==", ["get", "level"], "district"], layout: { "text-field": ["format", districtName, {}, "\n", {}, ["get", "code"], { "font-scale": 0.75 }], "text-font": FONT, "text-size": 15 }, paint: { "text-color": "#8a0f43", "text-halo-color": "#ffffff", "text-halo-width": 2 } },
    ],
  };
  if (imagery) {
    style.sources.imagery = {
      type: "raster",
      tiles: [`/api/tiles/${imagery.id}/{z}/{x}/{y}`],
      tileSize: 256,
      minzoom: imagery.minZoom,
      maxzoom: imagery.maxZoom,
      ...(imagery.bounds ? { bounds: imagery.bounds } : {}),
      ...(imagery.attribution ? { attribution: imagery.attribution } : {}),
    };
    style.layers.splice(1, 0, { id: "imagery", type: "raster", source: "imagery", paint: { "raster-opacity": 1, "raster-fade-duration": 0 } });
  }
  return style;
}
