import type { Coords } from "./geometry";
import type { Box, GridIndex } from "./grid-index";

/** Drawing phases, in order; items of a lower phase are drawn first. */
export const PHASES = ["parcel", "clump", "field", "yard", "bank", "water", "trees", "casing", "road", "marking", "shadow", "roof"] as const;
export type Phase = (typeof PHASES)[number];

/** Phases up to this one are "ground": the mottle texture is laid over them before water, roads and roofs. */
export const LAST_GROUND_PHASE = PHASES.indexOf("yard");

interface ItemBase extends Box {
  phase: number;
}

/** A background field: a plain quadrilateral of crop or fallow colour. */
export interface ParcelItem extends ItemBase {
  type: "parcel";
  quad: Coords;
  color: string;
}

/** A farmland polygon: crop strips of varied greens with rows drawn as stripes at large zooms. */
export interface FieldItem extends ItemBase {
  type: "field";
  rings: Coords[];
  strips: Array<{ quad: Coords; color: string }>;
  /** direction across the rows (unit vector, world axes) */
  across: [number, number];
  origin: [number, number];
  rowSpacing: number;
  rowAlpha: number;
  ridgeColor: string;
}

/** A group of trees (a clump or a row along a road); `blob` stands in for the clump at small zooms. */
export interface TreesItem extends ItemBase {
  type: "trees";
  /** x, y, radius per tree */
  trees: Float64Array;
  crown: string;
  light: string;
  blob: { x: number; y: number; r: number } | null;
}

/** A filled area: pond, yard (with a halo around the footprint) or compound; `edge` is stroked before the fill. */
export interface AreaItem extends ItemBase {
  type: "area";
  rings: Coords[];
  fill: string;
  halo: number;
  edge: string | null;
  edgeWidth: number;
}

/** A stroked polyline: river, road casing, road surface or dashed centre line. */
export interface LineItem extends ItemBase {
  type: "line";
  coords: Coords;
  width: number;
  minPx: number;
  color: string;
  dash: [number, number] | null;
  minZoom: number;
}

/** The shadow of a building: parts oriented alike, filled once with nonzero winding. */
export interface ShadowItem extends ItemBase {
  type: "shadow";
  parts: Coords[];
}

/** A roof: flat, or two gable faces with a ridge; optional corrugation and small rooftop details. */
export interface RoofItem extends ItemBase {
  type: "roof";
  ring: Coords;
  color: string;
  outline: string;
  faces: Array<{ ring: Coords; color: string }> | null;
  ridge: Coords | null;
  /** direction across the corrugations (unit vector) or null */
  corrugation: [number, number] | null;
  details: Array<{ quad: Coords; color: string }>;
}

/** Anything the tile renderer draws. */
export type SceneItem = ParcelItem | FieldItem | TreesItem | AreaItem | LineItem | ShadowItem | RoofItem;

/** The township turned into drawable items in world coordinates, with a spatial index over them. */
export interface Scene {
  items: SceneItem[];
  index: GridIndex;
  /** Mercator world units per ground metre at the township's latitude */
  perMeter: number;
  /** colour under everything, seen through anti-aliased seams */
  ground: string;
}
