import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSource, type MapGeoJSONFeature, type VectorTileSource } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import type { Bbox } from "@/lib/geo/bbox";
import { defectMarkers } from "./defect-markers";
import { createDrawAdapter, type DrawActivity, type DrawAdapter } from "./draw-adapter";
import { snapTargetsOf, type SnapTarget } from "@/lib/geo/snap";
import { snapToAreas } from "./snap-targets";
import { buildingTilesUrl, buildMapStyle, imageryRasterSource, selectedDefectFilters, IMAGERY_BEFORE, LAYER_GROUPS, type LayerGroup, type MapImagery } from "./style";
import { installTestHook } from "./test-hook";
import { configureMapWorker } from "./worker";

/** What a click picked: a small area, or a district where no small area is. */
export interface MapTarget {
  type: "small_area" | "district" | "building";
  id: number;
}

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
  /** a click on the map: the building under it, else the small area, else the district (null: none); `additive` with Shift */
  onSelect: (target: MapTarget | null, additive: boolean) => void;
  /** the drawing adapter started or finished a gesture */
  onDrawActivity?: (activity: DrawActivity) => void;
  onViewChange: (view: MapView) => void;
  /** exposes `window.__tessera` for e2e tests; never on in production use */
  testHook: boolean;
}

/** What the UI can do with the map; the only handle React holds on MapLibre. */
export interface TesseraMap {
  setGroupVisible(group: LayerGroup, visible: boolean): void;
  setImageryOpacity(opacity: number): void;
  /** shows another imagery source (or the same one moved by a new offset); null removes the imagery */
  setImagery(imagery: MapImagery | null): void;
  /** highlights the selected small areas (one, or several for a merge), a selected district or building */
  setSelection(smallAreas: readonly number[], district: number | null, building?: number | null): void;
  /** the drawing input surface (draw, split line, reshape, measure) */
  readonly draw: DrawAdapter;
  /** the areas new shapes snap to (their vertices first, then their edges) */
  setSnapTargets(areas: ReadonlyArray<Polygon | MultiPolygon>): void;
  /** shows shapes of an edit that the server has not confirmed yet (dashed); an empty collection clears them */
  showPending(features: FeatureCollection): void;
  /** re-fetches a layer after data changed on the server (a GeoJSON layer, or every building tile) */
  reloadLayer(source: "districts" | "small-areas" | "buildings" | "reference" | "area-labels"): void;
  /** shows coverage defects: features with numeric ids and `severity` (and `kind`) properties */
  setDefects(defects: FeatureCollection): void;
  /** outlines one defect (by feature id) in the highlight colour; null clears it */
  highlightDefect(id: number | null): void;
  /** draws pinned review comments: points with a `label` property (an empty collection clears them) */
  setReviewPins(pins: FeatureCollection<Point>): void;
  /**
   * the next click on the map picks a point instead of selecting: resolves with its [lon, lat], or null when
   * `cancelPick` (or another `pickPoint`) comes first
   */
  pickPoint(): Promise<[number, number] | null>;
  cancelPick(): void;
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
    // Shift+click adds small areas to the selection (for a merge), so Shift+drag does not zoom to a box
    boxZoom: false,
    attributionControl: { compact: true },
    canvasContextAttributes: { preserveDrawingBuffer: options.testHook },
  });
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");

  let snapTargets: SnapTarget[] = [];
  const draw = createDrawAdapter(map, {
    snap: (position, toleranceM) => snapToAreas(position, snapTargets, toleranceM),
    onActivity: (activity) => options.onDrawActivity?.(activity),
  });

  // a pending `pickPoint`: the next click answers it
  let picking: ((at: [number, number] | null) => void) | null = null;
  const endPick = (at: [number, number] | null) => {
    const answer = picking;
    picking = null;
    map.getCanvas().style.cursor = "";
    answer?.(at);
  };

  map.on("click", (event) => {
    // while a gesture is drawn, clicks belong to the drawing library
    if (draw.activity !== "idle") return;
    if (picking) return endPick([event.lngLat.lng, event.lngLat.lat]);
    const hit = (layer: string): MapGeoJSONFeature | undefined =>
      map.getLayer(layer) && map.getLayoutProperty(layer, "visibility") !== "none" ? map.queryRenderedFeatures(event.point, { layers: [layer] })[0] : undefined;
    const building = hit("building-point") ?? hit("building-fill");
    const area = building ? undefined : hit("small-area-fill");
    const district = building || area ? undefined : hit("district-hit");
    const target: MapTarget | null = building
      ? { type: "building", id: Number(building.id) }
      : area
        ? { type: "small_area", id: Number(area.id) }
        : district
          ? { type: "district", id: Number(district.id) }
          : null;
    options.onSelect(target, event.originalEvent.shiftKey);
  });
  map.on("mouseenter", "small-area-fill", () => (map.getCanvas().style.cursor = picking ? "crosshair" : "pointer"));
  map.on("mouseleave", "small-area-fill", () => (map.getCanvas().style.cursor = picking ? "crosshair" : ""));
  map.on("moveend", () => {
    const c = map.getCenter();
    options.onViewChange({ zoom: map.getZoom(), center: [c.lng, c.lat] });
  });
  if (options.testHook) installTestHook(map);

  // "load" fires once; after it the style stays usable even while a source reloads (isStyleLoaded() is then
  // false, and waiting for another "load" would wait forever)
  let loaded = false;
  let buildingTilesVersion = 0;
  // what the imagery layer was last given, so a new source keeps them
  let imageryOpacity = 1;
  let imageryVisible = true;
  map.once("load", () => (loaded = true));
  const whenStyled = (fn: () => void) => (loaded ? fn() : map.once("load", fn));

  return {
    setGroupVisible(group, visible) {
      if (group === "imagery") imageryVisible = visible;
      whenStyled(() => {
        for (const id of LAYER_GROUPS[group]) {
          if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", visible ? "visible" : "none");
        }
      });
    },
    setImageryOpacity(opacity) {
      imageryOpacity = opacity;
      whenStyled(() => map.getLayer("imagery") && map.setPaintProperty("imagery", "raster-opacity", opacity));
    },
    setImagery(imagery) {
      whenStyled(() => {
        if (map.getLayer("imagery")) map.removeLayer("imagery");
        if (map.getSource("imagery")) map.removeSource("imagery");
        if (!imagery) return;
        map.addSource("imagery", imageryRasterSource(imagery));
        map.addLayer(
          { id: "imagery", type: "raster", source: "imagery", layout: { visibility: imageryVisible ? "visible" : "none" }, paint: { "raster-opacity": imageryOpacity, "raster-fade-duration": 0 } },
          map.getLayer(IMAGERY_BEFORE) ? IMAGERY_BEFORE : undefined,
        );
      });
    },
    setSelection(ids, district, building) {
      whenStyled(() => {
        for (const layer of ["building-selected", "building-selected-point"]) if (map.getLayer(layer)) map.setFilter(layer, ["==", ["id"], building ?? -1]);
        map.setFilter("small-area-selected", ["in", ["id"], ["literal", [...ids]]]);
        map.setFilter("district-selected", ["==", ["id"], district ?? -1]);
      });
    },
    draw,
    setSnapTargets(areas) {
      snapTargets = snapTargetsOf(areas);
    },
    showPending(features) {
      whenStyled(() => (map.getSource("pending") as GeoJSONSource | undefined)?.setData(features));
    },
    reloadLayer(source) {
      whenStyled(() => {
        const s = map.getSource(source);
        if (s && s.type === "vector") (s as VectorTileSource).setTiles([buildingTilesUrl(++buildingTilesVersion)]);
        else if (s && s.type === "geojson") (s as GeoJSONSource).setData(`/api/layers/${source === "area-labels" ? "labels" : source}`);
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
    setReviewPins(pins) {
      whenStyled(() => (map.getSource("review-pins") as GeoJSONSource | undefined)?.setData(pins));
    },
    pickPoint() {
      endPick(null);
      map.getCanvas().style.cursor = "crosshair";
      return new Promise((resolve) => (picking = resolve));
    },
    cancelPick() {
      endPick(null);
    },
    fitTo(bbox) {
      whenStyled(() => map.fitBounds(bbox, { padding: 80, maxZoom: 18, duration: 600 }));
    },
    destroy() {
      endPick(null);
      draw.destroy();
      map.remove();
    },
  };
}
