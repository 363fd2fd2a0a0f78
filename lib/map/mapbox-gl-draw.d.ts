// The parts of @mapbox/mapbox-gl-draw 1.5 that lib/map/draw-adapter.ts uses (the package ships no types).
declare module "@mapbox/mapbox-gl-draw" {
  import type { Feature, FeatureCollection } from "geojson";

  export interface DrawModeContext {
    changeMode(mode: string, options?: Record<string, unknown>): void;
    map: unknown;
  }
  /** A drawing mode: an object of event handlers called with `this` bound to the mode context. */
  export type DrawMode = Record<string, unknown>;
  export interface DrawEventWithLngLat {
    lngLat: { lng: number; lat: number };
    point: { x: number; y: number };
    originalEvent?: MouseEvent;
    featureTarget?: { properties: Record<string, unknown> };
  }

  export interface DrawOptions {
    displayControlsDefault?: boolean;
    controls?: Record<string, boolean>;
    keybindings?: boolean;
    touchEnabled?: boolean;
    boxSelect?: boolean;
    clickBuffer?: number;
    touchBuffer?: number;
    styles?: object[];
    modes?: Record<string, DrawMode>;
    defaultMode?: string;
    userProperties?: boolean;
  }

  export default class MapboxDraw {
    constructor(options?: DrawOptions);
    static modes: Record<string, DrawMode>;
    static constants: { classes: Record<string, string>; modes: Record<string, string> };
    add(geojson: Feature | FeatureCollection): string[];
    get(id: string): Feature | undefined;
    getAll(): FeatureCollection;
    deleteAll(): this;
    delete(ids: string | string[]): this;
    trash(): this;
    getMode(): string;
    changeMode(mode: string, options?: Record<string, unknown>): this;
    onAdd(map: unknown): HTMLElement;
    onRemove(map: unknown): void;
  }
}
