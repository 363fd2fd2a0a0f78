import type { Polygon } from "geojson";
import { metersToWorld } from "@/lib/geo/web-mercator";
import type { DemoTownship } from "../types";
import { boxOf, project } from "./geometry";
import { GridIndex, type Box } from "./grid-index";
import { between, hashString, hsl, mulberry32, type Rng } from "./random";
import { buildBuilding } from "./scene-buildings";
import { buildBackground, buildField } from "./scene-ground";
import { defaultWidthM, lineItem, roadColors, treeRows } from "./scene-lines";
import { phaseOf, type AreaItem, type Scene, type SceneItem, type TreesItem } from "./scene-types";

/** Ponds: dark greenish blue. */
export const WATER_COLOR = hsl(186, 27, 28);
const RIVER_COLOR = hsl(182, 22, 31);
const BANK_COLOR = hsl(68, 18, 34);

function waterArea(polygon: Polygon, perMeter: number, fill: string): AreaItem | null {
  const rings = polygon.coordinates.map((r) => project(r, true)).filter((r) => r.length >= 6);
  if (rings.length === 0) return null;
  const edgeWidth = 3 * perMeter;
  return { type: "area", phase: phaseOf("water"), ...boxOf(rings, edgeWidth), rings, fill, batched: false, edge: BANK_COLOR, edgeWidth };
}

function compound(polygon: Polygon, perMeter: number, rng: Rng): AreaItem | null {
  const rings = polygon.coordinates.map((r) => project(r, true)).filter((r) => r.length >= 6);
  if (rings.length === 0) return null;
  const fill = hsl(between(rng, 35, 45), 6, between(rng, 58, 64));
  return { type: "area", phase: phaseOf("yard"), ...boxOf(rings, perMeter), rings, fill, batched: false, edge: hsl(40, 6, 46), edgeWidth: 0.6 * perMeter };
}

/** Garden trees bucketed into ~120 m cells, one item per cell, so that a tile draws them in three fills. */
function gardenTreeItems(trees: number[], perMeter: number, rng: Rng): TreesItem[] {
  const cell = 120 * perMeter;
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < trees.length; i += 3) {
    const key = `${Math.floor(trees[i] / cell)},${Math.floor(trees[i + 1] / cell)}`;
    const list = buckets.get(key) ?? [];
    list.push(trees[i], trees[i + 1], trees[i + 2]);
    buckets.set(key, list);
  }
  return [...buckets.values()].map((list) => {
    const points = Float64Array.from(list.filter((_, k) => k % 3 !== 2));
    const h = between(rng, 95, 120);
    const l = between(rng, 19, 25);
    return {
      type: "trees",
      phase: phaseOf("trees"),
      ...boxOf([points], 8 * perMeter),
      trees: Float64Array.from(list),
      crown: hsl(h, between(rng, 24, 34), l),
      light: hsl(h - 10, 30, l + 12),
      blob: null,
    };
  });
}

/**
 * Used by `renderImagery`: turns the township into drawable items in world coordinates, sorted by drawing
 * phase and indexed by position. `backgroundExtent` is the area to cover with background fields (all tiles),
 * `detailExtent` the part of it rendered at zooms ≥ 15 (elsewhere the background is drawn in less detail).
 */
export function buildScene(town: DemoTownship, backgroundExtent: Box, detailExtent: Box, centerLat: number): Scene {
  const perMeter = metersToWorld(1, centerLat);
  const seed = hashString(town.township.code);
  const rng = mulberry32(seed);
  const items: SceneItem[] = [];

  const { blocks, clumps } = buildBackground(backgroundExtent, detailExtent, perMeter, seed);
  items.push(...blocks, ...clumps);

  for (const f of town.referenceFeatures) {
    const g = f.geometry;
    if (f.kind === "farmland" && g.type === "Polygon") {
      const field = buildField(g, perMeter, rng);
      if (field) items.push(field);
    } else if ((f.kind === "water" || f.kind === "river") && g.type === "Polygon") {
      const area = waterArea(g, perMeter, f.kind === "river" ? RIVER_COLOR : WATER_COLOR);
      if (area) items.push(area);
    } else if ((f.kind === "water" || f.kind === "river") && g.type === "LineString") {
      const coords = project(g.coordinates, false);
      const w = f.widthM ?? defaultWidthM(f.kind, f.subkind);
      items.push(lineItem("bank", coords, (w + 7) * perMeter, BANK_COLOR, { minPx: 1.5 }));
      items.push(lineItem("water", coords, w * perMeter, f.kind === "river" ? RIVER_COLOR : WATER_COLOR, { minPx: 1 }));
      items.push(...treeRows(coords, w / 2 + 2.5, perMeter, rng, 0.45));
    } else if (f.kind === "road" && g.type === "LineString") {
      const coords = project(g.coordinates, false);
      const w = f.widthM ?? defaultWidthM(f.kind, f.subkind);
      const { surface, shoulder } = roadColors(f.subkind, w, rng);
      const shoulderM = w >= 7 ? 1.5 : 0.8;
      items.push(lineItem("casing", coords, (w + 2 * shoulderM) * perMeter, shoulder, { minPx: 1.6 }));
      items.push(lineItem("road", coords, w * perMeter, surface, { minPx: 1 }));
      if (w >= 9) items.push(lineItem("marking", coords, 0.2 * perMeter, "rgba(235,235,225,0.75)", { minPx: 1, dash: [4 * perMeter, 8 * perMeter], minZoom: 17 }));
      if (w >= 5) items.push(...treeRows(coords, w / 2 + shoulderM + 0.5, perMeter, rng, 0.75));
    } else if (g.type === "Polygon") {
      const area = compound(g, perMeter, rng);
      if (area) items.push(area);
    }
  }

  const garden: number[] = [];
  for (const b of town.buildings) {
    const built = buildBuilding(b, perMeter, rng);
    if (!built) continue;
    items.push(built.village, built.yard, built.shadow, built.roof, built.roofline);
    if (built.detail) items.push(built.detail);
    garden.push(...built.trees);
  }
  items.push(...gardenTreeItems(garden, perMeter, rng));

  // Stable sort by phase keeps the order within a phase; ids in the index are then in drawing order.
  items.sort((a, b) => a.phase - b.phase);
  const index = new GridIndex(metersToWorld(400, centerLat));
  for (const item of items) index.add(item);
  return { items, index, perMeter, ground: hsl(55, 18, 40) };
}
