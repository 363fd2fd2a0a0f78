import type { FeatureCollection } from "geojson";
import { Map as MapLibreMap, NavigationControl, ScaleControl, type StyleSpecification } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import type { Bbox } from "@/lib/geo/bbox";
import { configureMapWorker } from "./worker";

/** Options of the import preview's small map. */
export interface CreatePreviewMapOptions {
  container: HTMLElement;
  /** the file's features (capped and rounded by the preview route) */
  data: FeatureCollection;
  /** where they are; null: the districts' extent is shown */
  bbox: Bbox | null;
  /** keeps the canvas readable for e2e snapshots; never on in production use */
  testHook: boolean;
}

/** What the import page can do with its preview map. */
export interface PreviewMap {
  destroy(): void;
}

const PREVIEW = "#d6246e";

function previewStyle(data: FeatureCollection): StyleSpecification {
  return {
    version: 8,
    sources: {
      districts: { type: "geojson", data: "/api/layers/districts" },
      preview: { type: "geojson", data },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#eeeae0" } },
      { id: "district-line", type: "line", source: "districts", paint: { "line-color": "#6b6357", "line-width": 1, "line-dasharray": [3, 2] } },
      { id: "preview-fill", type: "fill", source: "preview", filter: ["==", ["geometry-type"], "Polygon"], paint: { "fill-color": PREVIEW, "fill-opacity": 0.2 } },
      { id: "preview-line", type: "line", source: "preview", filter: ["!=", ["geometry-type"], "Point"], paint: { "line-color": PREVIEW, "line-width": 1.5 } },
      { id: "preview-point", type: "circle", source: "preview", filter: ["==", ["geometry-type"], "Point"], paint: { "circle-radius": 3.5, "circle-color": PREVIEW, "circle-stroke-color": "#ffffff", "circle-stroke-width": 1 } },
    ],
  };
}

/**
 * Used by the import page (issue #8): a small MapLibre map of the file about to be imported — its features in
 * magenta over the dashed outlines of the districts already in the database — fitted to the file's bbox.
 */
export function createPreviewMap(options: CreatePreviewMapOptions): PreviewMap {
  configureMapWorker();
  const map = new MapLibreMap({
    container: options.container,
    style: previewStyle(options.data),
    ...(options.bbox ? { bounds: options.bbox, fitBoundsOptions: { padding: 24, maxZoom: 17 } } : { center: [0, 0], zoom: 1 }),
    dragRotate: false,
    pitchWithRotate: false,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: options.testHook },
  });
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");
  return {
    destroy() {
      map.remove();
    },
  };
}
