import type { Polygon } from "geojson";
import { boxOf, longestEdgeDirection, project } from "./geometry";
import type { Box } from "./grid-index";
import { between, hash3, hsl, mulberry32, pickWeighted, type Rng } from "./random";
import { PHASES, type FieldItem, type ParcelItem, type TreesItem } from "./scene-types";

const PARCEL_M = 120;

/** Colour of a background field: mostly greens and yellow-browns, some bare earth and scrub. */
function parcelColor(rng: Rng, regional: number): string {
  const kind = pickWeighted(rng, [
    [3 + regional * 3, "green"],
    [3 - regional * 1.5, "straw"],
    [1.5, "earth"],
    [2, "scrub"],
  ] as const);
  switch (kind) {
    case "green":
      return hsl(between(rng, 72, 98), between(rng, 22, 36), between(rng, 31, 40));
    case "straw":
      return hsl(between(rng, 38, 50), between(rng, 26, 40), between(rng, 47, 57));
    case "earth":
      return hsl(between(rng, 26, 36), between(rng, 18, 28), between(rng, 38, 47));
    default:
      return hsl(between(rng, 60, 80), between(rng, 18, 28), between(rng, 38, 45));
  }
}

/**
 * Used by the scene builder: a patchwork of fields (jittered grid, anchored to the world so it is the same at
 * every zoom and tile) over `extent`, with clumps of trees in some cells.
 */
export function buildBackground(extent: Box, perMeter: number, seed: number): { parcels: ParcelItem[]; clumps: TreesItem[] } {
  const s = PARCEL_M * perMeter;
  const i0 = Math.floor(extent.minX / s) - 1;
  const i1 = Math.ceil(extent.maxX / s) + 1;
  const j0 = Math.floor(extent.minY / s) - 1;
  const j1 = Math.ceil(extent.maxY / s) + 1;
  const corner = (i: number, j: number): [number, number] => [
    (i + (hash3(i, j, seed) - 0.5) * 0.55) * s,
    (j + (hash3(i, j, seed + 1) - 0.5) * 0.55) * s,
  ];
  const parcels: ParcelItem[] = [];
  const clumps: TreesItem[] = [];
  const parcelPhase = PHASES.indexOf("parcel");
  for (let j = j0; j < j1; j++) {
    for (let i = i0; i < i1; i++) {
      const rng = mulberry32(Math.floor(hash3(i, j, seed + 2) * 4294967296));
      const [a, b, c, d] = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)];
      const regional = Math.sin(i * 0.21 + seed) * Math.cos(j * 0.17) * 0.5 + 0.5;
      const n = pickWeighted(rng, [[3, 1], [3, 2], [2, 3], [1, 4]] as const);
      const alongI = rng() < 0.5;
      for (let k = 0; k < n; k++) {
        const t0 = k / n;
        const t1 = (k + 1) / n;
        const lerp = (p: [number, number], q: [number, number], t: number) => [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
        // split either between a–b / d–c or between a–d / b–c
        const quad = alongI
          ? [...lerp(a, b, t0), ...lerp(a, b, t1), ...lerp(d, c, t1), ...lerp(d, c, t0)]
          : [...lerp(a, d, t0), ...lerp(b, c, t0), ...lerp(b, c, t1), ...lerp(a, d, t1)];
        const coords = Float64Array.from(quad);
        parcels.push({ type: "parcel", phase: parcelPhase, ...boxOf([coords]), quad: coords, color: parcelColor(rng, regional) });
      }
      if (rng() < 0.2) clumps.push(buildClump(rng, [(a[0] + c[0]) / 2, (a[1] + c[1]) / 2], s, perMeter));
    }
  }
  return { parcels, clumps };
}

function buildClump(rng: Rng, centre: [number, number], cell: number, perMeter: number): TreesItem {
  const radius = between(rng, 8, 32) * perMeter;
  const cx = centre[0] + between(rng, -0.3, 0.3) * cell;
  const cy = centre[1] + between(rng, -0.3, 0.3) * cell;
  const count = Math.max(4, Math.min(70, Math.round((Math.PI * radius * radius) / (16 * perMeter * perMeter))));
  const trees = new Float64Array(count * 3);
  for (let k = 0; k < count; k++) {
    const angle = rng() * Math.PI * 2;
    const dist = Math.sqrt(rng()) * radius;
    trees[3 * k] = cx + Math.cos(angle) * dist;
    trees[3 * k + 1] = cy + Math.sin(angle) * dist * between(rng, 0.6, 1);
    trees[3 * k + 2] = between(rng, 2, 4.5) * perMeter;
  }
  const h = between(rng, 95, 125);
  const l = between(rng, 17, 24);
  const pad = 8 * perMeter;
  return {
    type: "trees",
    phase: PHASES.indexOf("clump"),
    minX: cx - radius - pad,
    minY: cy - radius - pad,
    maxX: cx + radius + pad,
    maxY: cy + radius + pad,
    trees,
    crown: hsl(h, between(rng, 22, 34), l),
    light: hsl(h - 10, 30, l + 12),
    blob: { x: cx, y: cy, r: radius * 0.85 },
  };
}

/** Colour of a crop strip on farmland: varied greens, sometimes ripe yellow or ploughed brown. */
function cropColor(rng: Rng): string {
  const kind = pickWeighted(rng, [[8, "green"], [1.3, "ripe"], [1, "ploughed"]] as const);
  if (kind === "ripe") return hsl(between(rng, 44, 54), between(rng, 42, 56), between(rng, 48, 56));
  if (kind === "ploughed") return hsl(between(rng, 24, 34), between(rng, 22, 30), between(rng, 34, 42));
  return hsl(between(rng, 70, 112), between(rng, 28, 48), between(rng, 27, 40));
}

/** Used by the scene builder for each farmland polygon: strips of crops along the field's long side. */
export function buildField(polygon: Polygon, perMeter: number, rng: Rng): FieldItem | null {
  const rings = polygon.coordinates.map((ring) => project(ring, true)).filter((r) => r.length >= 6);
  if (rings.length === 0) return null;
  const outer = rings[0];
  const along = longestEdgeDirection(outer);
  const across: [number, number] = [-along[1], along[0]];
  const origin: [number, number] = [outer[0], outer[1]];
  let uMin = Infinity;
  let uMax = -Infinity;
  let vMin = Infinity;
  let vMax = -Infinity;
  for (let i = 0; i < outer.length; i += 2) {
    const dx = outer[i] - origin[0];
    const dy = outer[i + 1] - origin[1];
    const u = dx * along[0] + dy * along[1];
    const v = dx * across[0] + dy * across[1];
    uMin = Math.min(uMin, u);
    uMax = Math.max(uMax, u);
    vMin = Math.min(vMin, v);
    vMax = Math.max(vMax, v);
  }
  const at = (u: number, v: number) => [origin[0] + along[0] * u + across[0] * v, origin[1] + along[1] * u + across[1] * v];
  const strips: FieldItem["strips"] = [];
  let color = cropColor(rng);
  for (let v = vMin; v < vMax; ) {
    const width = between(rng, 10, 34) * perMeter;
    const v1 = Math.min(vMax, v + width);
    if (rng() < 0.35) color = cropColor(rng);
    const quad = Float64Array.from([...at(uMin, v), ...at(uMax, v), ...at(uMax, v1), ...at(uMin, v1)]);
    strips.push({ quad, color });
    v = v1;
  }
  return {
    type: "field",
    phase: PHASES.indexOf("field"),
    ...boxOf(rings, 2 * perMeter),
    rings,
    strips,
    across,
    origin,
    rowSpacing: between(rng, 1.6, 2.8) * perMeter,
    rowAlpha: between(rng, 0.16, 0.3),
    ridgeColor: hsl(between(rng, 38, 48), 22, between(rng, 52, 60)),
  };
}
