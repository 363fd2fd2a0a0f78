import type { DemoBuilding } from "../types";
import { boxOf, centroid, grownRect, longestEdgeDirection, project, reversed, signedArea2, type Coords } from "./geometry";
import { between, hsl, pickWeighted, type Rng } from "./random";
import { phaseOf, type AreaItem, type DetailItem, type RoofItem, type RoofLineItem, type ShadowItem } from "./scene-types";

/** Direction shadows fall in world axes (y grows southwards): towards the north-north-east. */
export const SHADOW_DIR: [number, number] = [0.42, -0.91];
/** Shadow length per metre of height. */
const SHADOW_RATIO = 0.45;

type RoofKind = "tile" | "darkTile" | "flat" | "blueSteel" | "greySteel" | "white";

const ROOF_CHOICES: Record<DemoBuilding["use"], ReadonlyArray<readonly [number, RoofKind]>> = {
  residential: [[30, "tile"], [30, "darkTile"], [33, "flat"], [7, "blueSteel"]],
  mixed: [[60, "flat"], [25, "tile"], [15, "blueSteel"]],
  shop: [[60, "flat"], [20, "tile"], [20, "blueSteel"]],
  office: [[75, "flat"], [25, "white"]],
  factory: [[55, "blueSteel"], [35, "greySteel"], [10, "flat"]],
  school: [[50, "tile"], [50, "flat"]],
  hospital: [[70, "white"], [30, "flat"]],
  restricted: [[60, "flat"], [40, "greySteel"]],
  other: [[40, "flat"], [40, "tile"], [20, "greySteel"]],
};

function roofColor(kind: RoofKind, rng: Rng): [number, number, number] {
  switch (kind) {
    case "tile":
      return [between(rng, 4, 16), between(rng, 28, 42), between(rng, 34, 43)];
    case "darkTile":
      return [between(rng, 18, 32), between(rng, 6, 14), between(rng, 30, 40)];
    case "flat":
      return [between(rng, 30, 45), between(rng, 4, 9), between(rng, 58, 70)];
    case "blueSteel":
      return [between(rng, 200, 212), between(rng, 32, 48), between(rng, 40, 48)];
    case "greySteel":
      return [between(rng, 195, 215), between(rng, 4, 10), between(rng, 64, 72)];
    default:
      return [40, between(rng, 4, 8), between(rng, 80, 86)];
  }
}

/** Two gable faces of a four-cornered footprint, split along the long axis, sunlit face lighter. */
function gable(ring: Coords, [h, s, l]: [number, number, number]): { faces: RoofItem["faces"]; ridge: Coords } | null {
  if (ring.length !== 8) return null;
  const p = (k: number): [number, number] => [ring[(2 * k) % 8], ring[((2 * k) % 8) + 1]];
  const len = (a: [number, number], b: [number, number]) => Math.hypot(b[0] - a[0], b[1] - a[1]);
  const start = len(p(0), p(1)) >= len(p(1), p(2)) ? 0 : 1;
  const [a, b, c, d] = [p(start), p(start + 1), p(start + 2), p(start + 3)];
  const mid = (u: [number, number], v: [number, number]) => [(u[0] + v[0]) / 2, (u[1] + v[1]) / 2];
  const m1 = mid(d, a);
  const m2 = mid(b, c);
  const faceA = Float64Array.from([...a, ...b, ...m2, ...m1]);
  const faceB = Float64Array.from([...m1, ...m2, ...c, ...d]);
  const [cx, cy] = centroid(ring);
  const [ax, ay] = centroid(faceA);
  const sunward = (ax - cx) * -SHADOW_DIR[0] + (ay - cy) * -SHADOW_DIR[1] > 0;
  const lit = hsl(h, s, l + 7);
  const dark = hsl(h, s, l - 6);
  return {
    faces: [
      { ring: faceA, color: sunward ? lit : dark },
      { ring: faceB, color: sunward ? dark : lit },
    ],
    ridge: Float64Array.from([...m1, ...m2]),
  };
}

/** The area a footprint sweeps when moved by (dx, dy): the moved footprint plus one parallelogram per edge. */
function shadowParts(ring: Coords, dx: number, dy: number): Coords[] {
  const orient = (c: Coords) => (signedArea2(c) < 0 ? reversed(c) : c);
  const moved = ring.map((v, k) => v + (k % 2 === 0 ? dx : dy));
  const parts: Coords[] = [orient(moved)];
  const n = ring.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const [x0, y0, x1, y1] = [ring[2 * i], ring[2 * i + 1], ring[2 * j], ring[2 * j + 1]];
    parts.push(orient(Float64Array.from([x0, y0, x1, y1, x1 + dx, y1 + dy, x0 + dx, y0 + dy])));
  }
  return parts;
}

/** A small dark rectangle (solar water heater) on a flat roof, aligned with the building. */
function solarHeater(ring: Coords, perMeter: number, rng: Rng): Coords {
  const [cx, cy] = centroid(ring);
  const [ux, uy] = longestEdgeDirection(ring);
  const [vx, vy] = [-uy, ux];
  const ox = cx + (ux * between(rng, -3, 3) + vx * between(rng, -1.5, 1.5)) * perMeter;
  const oy = cy + (uy * between(rng, -3, 3) + vy * between(rng, -1.5, 1.5)) * perMeter;
  const hu = 1.1 * perMeter;
  const hv = 0.8 * perMeter;
  return Float64Array.from([
    ox - ux * hu - vx * hv, oy - uy * hu - vy * hv,
    ox + ux * hu - vx * hv, oy + uy * hu - vy * hv,
    ox + ux * hu + vx * hv, oy + uy * hu + vy * hv,
    ox - ux * hu + vx * hv, oy - uy * hu + vy * hv,
  ]);
}

/** Colours shared by all buildings, so that their yards and village ground are filled as one path per tile. */
export const VILLAGE_GROUND = hsl(68, 17, 32);
const YARD = hsl(40, 8, 57);
const APRON = hsl(40, 5, 62);
/** How far village ground reaches around each building, metres (min, max per side). */
const VILLAGE_GROW_M = [10, 20] as const;

/** What one building adds to the scene. */
export interface BuiltBuilding {
  village: AreaItem;
  yard: AreaItem;
  shadow: ShadowItem;
  roof: RoofItem;
  roofline: RoofLineItem;
  detail: DetailItem | null;
  /** a few garden trees next to the building: x, y, radius */
  trees: number[];
}

/** Garden trees around a house: 0–3 trees a few metres outside the footprint. */
function gardenTrees(ring: Coords, perMeter: number, rng: Rng): number[] {
  const out: number[] = [];
  const count = pickWeighted(rng, [[3, 0], [3, 1], [2, 2], [2, 3], [1, 5]] as const);
  const [cx, cy] = centroid(ring);
  let reach = 0;
  for (let i = 0; i < ring.length; i += 2) reach = Math.max(reach, Math.hypot(ring[i] - cx, ring[i + 1] - cy));
  for (let k = 0; k < count; k++) {
    const angle = rng() * Math.PI * 2;
    const r = between(rng, 2, 4.2) * perMeter;
    const d = reach + r + between(rng, 1, 5) * perMeter;
    out.push(cx + Math.cos(angle) * d, cy + Math.sin(angle) * d, r);
  }
  return out;
}

/** Used by the scene builder for each building: village ground, yard, shadow, roof, eaves and rooftop details. */
export function buildBuilding(b: DemoBuilding, perMeter: number, rng: Rng): BuiltBuilding | null {
  const ring = project(b.geometry.coordinates[0] ?? [], true);
  if (ring.length < 6) return null;
  const isFactory = b.use === "factory";
  const villageRect = grownRect(ring, () => between(rng, VILLAGE_GROW_M[0], VILLAGE_GROW_M[1]) * perMeter);
  const village: AreaItem = { type: "area", phase: phaseOf("village"), ...boxOf([villageRect]), rings: [villageRect], fill: VILLAGE_GROUND, batched: true, edge: null, edgeWidth: 0 };
  // factories stand on a concrete apron; houses have a courtyard on their south side
  const yardRect = grownRect(ring, ([, dy]) => (isFactory ? between(rng, 6, 12) : dy > 0.6 ? between(rng, 4, 8) : between(rng, 0.8, 1.8)) * perMeter);
  const yard: AreaItem = { type: "area", phase: phaseOf("yard"), ...boxOf([yardRect]), rings: [yardRect], fill: isFactory ? APRON : YARD, batched: true, edge: null, edgeWidth: 0 };

  const height = Math.max(1, b.floors) * (isFactory ? 5 : 3.1);
  const dx = SHADOW_DIR[0] * height * SHADOW_RATIO * perMeter;
  const dy = SHADOW_DIR[1] * height * SHADOW_RATIO * perMeter;
  const parts = shadowParts(ring, dx, dy);
  const shadow: ShadowItem = { type: "shadow", phase: phaseOf("shadow"), ...boxOf(parts), parts };

  const kind = pickWeighted(rng, ROOF_CHOICES[b.use] ?? ROOF_CHOICES.other);
  const hslColor = roofColor(kind, rng);
  const pitched = kind === "tile" || kind === "darkTile" || kind === "blueSteel" || (kind === "greySteel" && rng() < 0.5);
  const g = pitched ? gable(ring, hslColor) : null;
  const steel = kind === "blueSteel" || kind === "greySteel";
  const box = boxOf([ring], perMeter);
  const roof: RoofItem = {
    type: "roof",
    phase: phaseOf("roof"),
    ...box,
    ring,
    color: hsl(...hslColor),
    faces: g?.faces ?? null,
    corrugation: steel ? longestEdgeDirection(ring) : null,
  };
  const roofline: RoofLineItem = { type: "roofline", phase: phaseOf("roofline"), ...box, ring, ridge: g?.ridge ?? null };
  const hasHeater = kind === "flat" && (b.use === "residential" || b.use === "mixed") && rng() < 0.55;
  const detail: DetailItem | null = hasHeater ? { type: "detail", phase: phaseOf("detail"), ...box, quads: [solarHeater(ring, perMeter, rng)] } : null;
  const trees = b.use === "residential" || b.use === "mixed" ? gardenTrees(ring, perMeter, rng) : [];
  return { village, yard, shadow, roof, roofline, detail, trees };
}
