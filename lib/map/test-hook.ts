import type { Map as MapLibreMap, RasterTileSource } from "maplibre-gl";

/** What e2e tests read and drive through `window.__tessera` (installed only when the server enables test hooks). */
export interface TesseraTestHook {
  /** true once the style, sources and visible tiles are loaded and the map is idle */
  isIdle(): boolean;
  /** screen pixel (relative to the map canvas) of a lon/lat */
  project(lon: number, lat: number): { x: number; y: number };
  /** ids of rendered features of a layer */
  renderedIds(layerId: string): number[];
  /** how many features are rendered in the layers whose id starts with `prefix` (e.g. the drawing library's "gl-draw-vertex") */
  renderedCount(prefix: string): number;
  /** how many features of the layers whose id starts with `prefix` are rendered within `radius` pixels of a lon/lat */
  renderedCountAt(prefix: string, lon: number, lat: number, radius: number): number;
  /** zoom and centre */
  view(): { zoom: number; center: [number, number] };
  /** jump to a view and resolve when idle */
  jumpTo(lon: number, lat: number, zoom: number): Promise<void>;
  /** repaints and resolves at the next idle: use after a change that does not move the map (layer switches) */
  settle(): Promise<void>;
  /** the tile URLs of the imagery layer's source (null: no imagery shown) */
  imageryTiles(): string[] | null;
  /** the map canvas as a data URL (the map is created with preserveDrawingBuffer when the hook is on) */
  snapshot(): string;
}

declare global {
  interface Window {
    __tessera?: TesseraTestHook;
  }
}

/** Used by `createTesseraMap` when test hooks are on: exposes map state and lon/lat driving to Playwright. */
export function installTestHook(map: MapLibreMap): void {
  let idle = false;
  map.on("idle", () => (idle = true));
  map.on("movestart", () => (idle = false));
  map.on("dataloading", () => (idle = false));
  const layersStartingWith = (prefix: string) => (map.getStyle().layers ?? []).map((l) => l.id).filter((id) => id.startsWith(prefix));
  window.__tessera = {
    isIdle: () => idle && map.loaded(),
    project: (lon, lat) => {
      const p = map.project([lon, lat]);
      return { x: p.x, y: p.y };
    },
    renderedIds: (layerId) => (map.getLayer(layerId) ? map.queryRenderedFeatures({ layers: [layerId] }).map((f) => Number(f.id)) : []),
    renderedCount: (prefix) => {
      const layers = layersStartingWith(prefix);
      return layers.length ? map.queryRenderedFeatures({ layers }).length : 0;
    },
    renderedCountAt: (prefix, lon, lat, radius) => {
      const layers = layersStartingWith(prefix);
      const p = map.project([lon, lat]);
      const box: [[number, number], [number, number]] = [[p.x - radius, p.y - radius], [p.x + radius, p.y + radius]];
      return layers.length ? map.queryRenderedFeatures(box, { layers }).length : 0;
    },
    view: () => {
      const c = map.getCenter();
      return { zoom: map.getZoom(), center: [c.lng, c.lat] };
    },
    jumpTo: (lon, lat, zoom) =>
      new Promise((resolve) => {
        idle = false;
        map.once("idle", () => {
          idle = true;
          resolve();
        });
        map.jumpTo({ center: [lon, lat], zoom });
      }),
    settle: () =>
      new Promise((resolve) => {
        map.once("idle", () => {
          idle = true;
          resolve();
        });
        map.triggerRepaint();
      }),
    imageryTiles: () => {
      const source = map.getSource("imagery") as RasterTileSource | undefined;
      return source?.tiles ? [...source.tiles] : null;
    },
    snapshot: () => map.getCanvas().toDataURL("image/png"),
  };
}
