import type { FeatureCollection } from "geojson";
import { Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSource, type MapGeoJSONFeature } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import type { Bbox } from "@/lib/geo/bbox";
import { defectMarkers } from "./defect-markers";
import { buildMapStyle, selectedDefectFilters, LAYER_GROUPS, type LayerGroup, type MapImagery } from "./style";
import { installTestHook } from "./test-hook";
import { configureMapWorker } from "./worker";

/** The view a URL keeps: zoom and centre. */
export interface MapView {
  zoom: number;
  center: [number, number];
}

export interface CreateMapOptions {
  container: HTMLElement;
  imagery: MapImagery | null;
  locale: "zh" | "en";
  /** first view; when absent the map fits `extent` */
  view: MapView | null;
  extent: [number, number, number, number] | null;
  onSelectSmallArea: (id: number | null) => void;
  onViewChange: (view: MapView) => void;
  /** exposes `window.__tessera` for e2e tests; never on in production use */
  testHook: boolean;
}

/** What the UI can do with the map; the only handle React holds on MapLibre. */
export interface TesseraMap {
  setGroupVisible(group: LayerGroup, visible: boolean): void;
  setImageryOpacity(opacity: number): void;
  setSelectedSmallArea(id: number | null): void;
  /** re-fetches a GeoJSON layer after data changed on the server */
  reloadLayer(source: "districts" | "small-areas" | "buildings" | "reference" | "area-labels"): void;
  /** shows coverage defects: features with numeric ids and `severity` (and `kind`) properties */
  setDefects(defects: FeatureCollection): void;
  /** outlines one defect (by feature id) in the highlight colour; null clears it */
  highlightDefect(id: number | null): void;
  /** moves the map to show a bbox (a point bbox zooms in to street level) */
  fitTo(bbox: Bbox): void;
  destroy(): void;
}

/**
 * Used by the map page: creates the MapLibre map with Tessera's style and wires clicks on small areas and
 * view changes back to React through plain callbacks.
 */
export function createTesseraMap(options: CreateMapOptions): TesseraMap {
  configureMapWorker();
  const map = new MapLibreMap({
    container: options.container,
    style: buildMapStyle(options.imagery, options.locale),
    ...(options.view
      ? { center: options.view.center, zoom: options.view.zoom }
      : options.extent
        ? { bounds: options.extent, fitBoundsOptions: { padding: 24 } }
        : { center: [120.1, 30.3] as [number, number], zoom: 13 }),
    maxZoom: 20,
    attributionControl: { compact: true },
    canvasContextAttributes: { preserveDrawingBuffer: options.testHook },
  });
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");

  map.on("click", (event) => {
    const features: MapGeoJSONFeature[] = map.getLayer("small-area-fill")
      ? map.queryRenderedFeatures(event.point, { layers: ["small-area-fill"] })
      : [];
    options.onSelectSmallArea(features.length ? Number(features[0].id) : null);
  });
  map.on("mouseenter", "small-area-fill", () => (map.getCanvas().style.cursor = "pointer"));
  map.on("mouseleave", "small-area-fill", () => (map.getCanvas().style.cursor = ""));
  map.on("moveend", () => {
    const c = map.getCenter();
    options.onViewChange({ zoom: map.getZoom(), center: [c.lng, c.lat] });
  });
  if (options.testHook) installTestHook(map);

  // "load" fires once; after it the style stays usable even while a source reloads (isStyleLoaded() is then
  // false, and waiting for another "load" would wait forever)
  let loaded = false;
  map.once("load", () => (loaded = true));
  const whenStyled = (fn: () => void) => (loaded ? fn() : map.once("load", fn));

  return {
    setGroupVisible(group, visible) {
      whenStyled(() => {
        for (const id of LAYER_GROUPS[group]) {
          if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", visible ? "visible" : "none");
        }
      });
    },
    setImageryOpacity(opacity) {
      whenStyled(() => map.getLayer("imagery") && map.setPaintProperty("imagery", "raster-opacity", opacity));
    },
    setSelectedSmallArea(id) {
      whenStyled(() => map.setFilter("small-area-selected", ["==", ["id"], id ?? -1]));
    },
    reloadLayer(source) {
      whenStyled(() => {
        const s = map.getSource(source);
        if (s && s.type === "geojson") (s as GeoJSONSource).setData(`/api/layers/${source === "area-labels" ? "labels" : source}`);
      });
    },
    setDefects(defects) {
      whenStyled(() => {
        (map.getSource("defects") as GeoJSONSource | undefined)?.setData(defects);
        (map.getSource("defect-markers") as GeoJSONSource | undefined)?.setData(defectMarkers(defects));
      });
    },
    highlightDefect(id) {
      whenStyled(() => {
        for (const [layer, filter] of Object.entries(selectedDefectFilters(id))) map.setFilter(layer, filter);
      });
    },
    fitTo(bbox) {
      whenStyled(() => map.fitBounds(bbox, { padding: 80, maxZoom: 18, duration: 600 }));
    },
    destroy() {
      map.remove();
    },
  };
}
