import type { Polygon } from "geojson";
import { metersToWorld } from "@/lib/geo/web-mercator";
import type { DemoTownship } from "../types";
import { boxOf, project } from "./geometry";
import { GridIndex, type Box } from "./grid-index";
import { between, hashString, hsl, mulberry32 } from "./random";
import { buildBuilding } from "./scene-buildings";
import { buildBackground, buildField } from "./scene-ground";
import { defaultWidthM, lineItem, roadColors, treeRows } from "./scene-lines";
import { PHASES, type AreaItem, type Scene, type SceneItem } from "./scene-types";

const WATER = hsl(196, 24, 27);
const RIVER = hsl(188, 20, 30);
const BANK = hsl(68, 18, 36);

function waterArea(polygon: Polygon, perMeter: number, fill: string): AreaItem | null {
  const rings = polygon.coordinates.map((r) => project(r, true)).filter((r) => r.length >= 6);
  if (rings.length === 0) return null;
  const edgeWidth = 3 * perMeter;
  return { type: "area", phase: PHASES.indexOf("water"), ...boxOf(rings, edgeWidth), rings, fill, halo: 0, edge: BANK, edgeWidth };
}

function compound(polygon: Polygon, perMeter: number, seed: number): AreaItem | null {
  const rings = polygon.coordinates.map((r) => project(r, true)).filter((r) => r.length >= 6);
  if (rings.length === 0) return null;
  const rng = mulberry32(seed);
  const fill = hsl(between(rng, 35, 45), 6, between(rng, 60, 68));
  return { type: "area", phase: PHASES.indexOf("yard"), ...boxOf(rings, perMeter), rings, fill, halo: 0, edge: hsl(40, 6, 48), edgeWidth: 0.6 * perMeter };
}

/**
 * Used by `renderImagery`: turns the township into drawable items in world coordinates, sorted by drawing
 * phase and indexed by position. `backgroundExtent` is the area to cover with background fields (all tiles).
 */
export function buildScene(town: DemoTownship, backgroundExtent: Box, centerLat: number): Scene {
  const perMeter = metersToWorld(1, centerLat);
  const seed = hashString(town.township.code);
  const rng = mulberry32(seed);
  const items: SceneItem[] = [];

  const { parcels, clumps } = buildBackground(backgroundExtent, perMeter, seed);
  items.push(...parcels, ...clumps);

  town.referenceFeatures.forEach((f, k) => {
    const g = f.geometry;
    if (f.kind === "farmland" && g.type === "Polygon") {
      const field = buildField(g, perMeter, rng);
      if (field) items.push(field);
    } else if ((f.kind === "water" || f.kind === "river") && g.type === "Polygon") {
      const area = waterArea(g, perMeter, f.kind === "river" ? RIVER : WATER);
      if (area) items.push(area);
    } else if ((f.kind === "water" || f.kind === "river") && g.type === "LineString") {
      const coords = project(g.coordinates, false);
      const w = f.widthM ?? defaultWidthM(f.kind, f.subkind);
      items.push(lineItem("bank", coords, (w + 7) * perMeter, BANK, { minPx: 1.5 }));
      items.push(lineItem("water", coords, w * perMeter, f.kind === "river" ? RIVER : WATER, { minPx: 1 }));
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
      const area = compound(g, perMeter, seed + k);
      if (area) items.push(area);
    }
  });

  for (const b of town.buildings) {
    const built = buildBuilding(b, perMeter, rng);
    if (built) items.push(built.yard, built.shadow, built.roof);
  }

  // Stable sort by phase keeps the order within a phase; ids in the index are then in drawing order.
  items.sort((a, b) => a.phase - b.phase);
  const index = new GridIndex(metersToWorld(400, centerLat));
  for (const item of items) index.add(item);
  return { items, index, perMeter, ground: hsl(55, 18, 40) };
}
