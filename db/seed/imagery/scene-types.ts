import type { Coords } from "./geometry";
import type { Box, GridIndex } from "./grid-index";

/** Drawing phases, in order; items of a lower phase are drawn first. */
export const PHASES = [
  "parcel",
  "clump",
  "field",
  "village",
  "yard",
  "bank",
  "water",
  "trees",
  "casing",
  "road",
  "marking",
  "shadow",
  "roof",
  "roofline",
  "detail",
] as const;
/** A drawing phase by name; used when creating items. */
export type Phase = (typeof PHASES)[number];

/** Used when creating items: the phase number of a phase name. */
export function phaseOf(name: Phase): number {
  return PHASES.indexOf(name);
}

interface ItemBase extends Box {
  phase: number;
}

/**
 * A block of fields: a farmland polygon or a block of the background patchwork, cut into strips of crops
 * (already clipped to the block unless `clip`); crop rows are drawn as stripes at large zooms.
 */
export interface FieldItem extends ItemBase {
  type: "field";
  rings: Coords[];
  clip: boolean;
  strips: Array<{ quad: Coords; color: string }>;
  /** what the strips average to, drawn instead of them when they are thinner than a couple of pixels */
  mean: string;
  /** segments [x0, y0, x1, y1, …] between strips, stroked as field ridges at large zooms */
  ridges: Coords;
  /** narrowest strip, world units */
  stripWidth: number;
  /** direction across the rows (unit vector, world axes) */
  across: [number, number];
  origin: [number, number];
  rowSpacing: number;
  rowAlpha: number;
  ridgeColor: string;
}

/** A group of trees: a clump (with a `blob` drawn instead at small zooms) or a row along a road or river. */
export interface TreesItem extends ItemBase {
  type: "trees";
  /** x, y, radius per tree */
  trees: Float64Array;
  crown: string;
  light: string;
  blob: { x: number; y: number; r: number } | null;
}

/**
 * A filled area: pond, compound, village ground or yard; `edge` is stroked before the fill. Consecutive
 * `batched` areas of the same fill are filled as one path (nonzero: their rings must turn the same way).
 */
export interface AreaItem extends ItemBase {
  type: "area";
  rings: Coords[];
  fill: string;
  batched: boolean;
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

/** The shadow of a building: parts oriented alike; all shadows of a tile are filled as one path. */
export interface ShadowItem extends ItemBase {
  type: "shadow";
  parts: Coords[];
}

/** A roof: flat, or two gable faces; optional corrugation stripes. */
export interface RoofItem extends ItemBase {
  type: "roof";
  ring: Coords;
  color: string;
  faces: Array<{ ring: Coords; color: string }> | null;
  /** direction across the corrugations (unit vector) or null */
  corrugation: [number, number] | null;
}

/** Eaves and ridge lines of a roof, stroked together for all roofs of a tile (large zooms). */
export interface RoofLineItem extends ItemBase {
  type: "roofline";
  ring: Coords;
  ridge: Coords | null;
}

/** Small rooftop things (solar water heaters), filled together (large zooms). */
export interface DetailItem extends ItemBase {
  type: "detail";
  quads: Coords[];
}

/** Anything the tile renderer draws. */
export type SceneItem = FieldItem | TreesItem | AreaItem | LineItem | ShadowItem | RoofItem | RoofLineItem | DetailItem;

/** The township turned into drawable items in world coordinates, with a spatial index over them. */
export interface Scene {
  items: SceneItem[];
  index: GridIndex;
  /** Mercator world units per ground metre at the township's latitude */
  perMeter: number;
  /** colour under everything, seen through anti-aliased seams */
  ground: string;
}
