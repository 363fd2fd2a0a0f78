import { GeolocateControl, Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSource } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import { STATE_COLOURS } from "@/lib/domain/workflow";
import { bboxOfGeometry, type Bbox } from "@/lib/geo/bbox";
import { buildGuideStyle, pinData, type GuideMapData } from "./guide-style";
import { installGuideTestHook } from "./guide-test-hook";
import type { MapImagery } from "./style";
import { installTestHook } from "./test-hook";
import { configureMapWorker } from "./worker";

export type { GuideMapData };

/** Options of the guide's map of one small area. */
export interface CreateGuideMapOptions {
  container: HTMLElement;
  imagery: MapImagery | null;
  locale: "zh" | "en";
  areaId: number;
  data: GuideMapData;
  /** MapLibre's own control texts in the page's language (e.g. "GeolocateControl.FindMyLocation") */
  uiStrings: Record<string, string>;
  /** a tap on the map (not on a control), at lon/lat */
  onTap: (at: [number, number]) => void;
  /** the device's position each time it is known anew */
  onPosition: (at: [number, number]) => void;
  /** exposes `window.__tessera` and `window.__tesseraGuide` for e2e tests; never on in production use */
  testHook: boolean;
}

/** What the guide view can do with its map. */
export interface GuideMap {
  /** shows where a comment will be pinned (null hides it) */
  setPin(at: [number, number] | null): void;
  /** redraws what changes with the workflow: the state's colour and the latest return pin */
  update(data: Pick<GuideMapData, "state" | "returnPin">): void;
  /** moves the map back to the whole area */
  showArea(): void;
  destroy(): void;
}

/** A first GPS fix this far (in degrees, about 1 km) outside the area leaves the map on the area. */
const FAR_DEG = 0.01;

function outside(at: [number, number], [w, s, e, n]: Bbox, margin: number): boolean {
  return at[0] < w - margin || at[0] > e + margin || at[1] < s - margin || at[1] > n + margin;
}

/**
 * Used by the guide view: a phone-first MapLibre map of one small area — imagery, its bold boundary, its
 * buildings with numbers, the areas around with their codes — with the device's position tracked
 * (MapLibre's GeolocateControl, turned on at load). When the first fix is far from the area, the map stays on
 * the area and the control keeps the dot updated in the background (its button follows the user again).
 */
export function createGuideMap(options: CreateGuideMapOptions): GuideMap {
  configureMapWorker();
  const bbox = bboxOfGeometry(options.data.geometry);
  const fit = { padding: 36, maxZoom: 18 };
  const map = new MapLibreMap({
    container: options.container,
    style: buildGuideStyle(options.imagery, options.locale, options.data),
    bounds: bbox,
    fitBoundsOptions: fit,
    maxZoom: 20,
    dragRotate: false,
    pitchWithRotate: false,
    attributionControl: { compact: true },
    locale: options.uiStrings,
    canvasContextAttributes: { preserveDrawingBuffer: options.testHook },
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");
  const geolocate = new GeolocateControl({
    positionOptions: { enableHighAccuracy: true, timeout: 20_000 },
    trackUserLocation: true,
    showAccuracyCircle: true,
    fitBoundsOptions: { maxZoom: 18 },
  });
  map.addControl(geolocate, "top-right");
  map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");

  let position: [number, number] | null = null;
  let pin: [number, number] | null = null;
  geolocate.on("geolocate", (event) => {
    const first = position === null;
    position = [event.coords.longitude, event.coords.latitude];
    if (first && outside(position, bbox, FAR_DEG)) map.fitBounds(bbox, { ...fit, duration: 0 });
    options.onPosition(position);
  });
  // no position (refused, unavailable): the comment falls back to a tapped point or the area's centre
  geolocate.on("error", () => {});
  map.on("click", (event) => options.onTap([event.lngLat.lng, event.lngLat.lat]));

  // the control finishes its set-up asynchronously (it asks the browser whether location is allowed)
  let tries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const startTracking = () => {
    if (geolocate._setup) geolocate.trigger();
    else if (++tries < 20) timer = setTimeout(startTracking, 250);
  };
  map.once("load", startTracking);

  let loaded = false;
  map.once("load", () => (loaded = true));
  const whenStyled = (fn: () => void) => (loaded ? fn() : map.once("load", fn));

  let removeHook = () => {};
  if (options.testHook) {
    installTestHook(map);
    removeHook = installGuideTestHook({
      areaId: options.areaId,
      position: () => position,
      pin: () => pin,
      tap: (lon, lat) => options.onTap([lon, lat]),
      renderedBuildingNumbers: () =>
        map.getLayer("guide-building-number")
          ? map.queryRenderedFeatures({ layers: ["guide-building-number"] }).map((f) => Number(f.properties.number))
          : [],
    });
  }

  return {
    setPin(at) {
      pin = at;
      whenStyled(() => (map.getSource("guide-pin") as GeoJSONSource | undefined)?.setData(pinData(at)));
    },
    update(data) {
      whenStyled(() => {
        map.setPaintProperty("guide-area-fill", "fill-color", STATE_COLOURS[data.state]);
        (map.getSource("guide-return-pin") as GeoJSONSource | undefined)?.setData(pinData(data.returnPin));
      });
    },
    showArea() {
      map.fitBounds(bbox, { ...fit, duration: 400 });
    },
    destroy() {
      clearTimeout(timer);
      removeHook();
      map.remove();
    },
  };
}
