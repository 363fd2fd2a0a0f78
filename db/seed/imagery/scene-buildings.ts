import type { DemoBuilding } from "../types";
import { boxOf, centroid, longestEdgeDirection, project, reversed, signedArea2, type Coords } from "./geometry";
import { between, hsl, pickWeighted, type Rng } from "./random";
import { PHASES, type AreaItem, type RoofItem, type ShadowItem } from "./scene-types";

/** Direction shadows fall in world axes (y grows southwards): towards the north-north-east. */
export const SHADOW_DIR: [number, number] = [0.42, -0.91];
/** Shadow length per metre of height. */
const SHADOW_RATIO = 0.45;

type RoofKind = "tile" | "darkTile" | "flat" | "blueSteel" | "greySteel" | "white";

const ROOF_CHOICES: Record<DemoBuilding["use"], ReadonlyArray<readonly [number, RoofKind]>> = {
  residential: [[45, "tile"], [15, "darkTile"], [30, "flat"], [10, "blueSteel"]],
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
      return [between(rng, 4, 18), between(rng, 38, 55), between(rng, 36, 46)];
    case "darkTile":
      return [between(rng, 18, 32), between(rng, 12, 22), between(rng, 34, 44)];
    case "flat":
      return [between(rng, 30, 45), between(rng, 4, 10), between(rng, 58, 72)];
    case "blueSteel":
      return [between(rng, 198, 212), between(rng, 40, 58), between(rng, 44, 56)];
    case "greySteel":
      return [between(rng, 195, 215), between(rng, 4, 10), between(rng, 70, 80)];
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

/** Used by the scene builder for each building: its yard, its shadow and its roof. */
export function buildBuilding(b: DemoBuilding, perMeter: number, rng: Rng): { yard: AreaItem; shadow: ShadowItem; roof: RoofItem } | null {
  const ring = project(b.geometry.coordinates[0] ?? [], true);
  if (ring.length < 6) return null;
  const isFactory = b.use === "factory";
  const halo = (isFactory ? between(rng, 7, 12) : between(rng, 2.5, 6)) * perMeter;
  const yardColor = isFactory ? hsl(between(rng, 35, 45), 6, between(rng, 62, 70)) : hsl(between(rng, 32, 44), between(rng, 10, 18), between(rng, 52, 62));
  const yard: AreaItem = { type: "area", phase: PHASES.indexOf("yard"), ...boxOf([ring], halo), rings: [ring], fill: yardColor, halo, edge: null, edgeWidth: 0 };

  const height = Math.max(1, b.floors) * (isFactory ? 5 : 3.1);
  const dx = SHADOW_DIR[0] * height * SHADOW_RATIO * perMeter;
  const dy = SHADOW_DIR[1] * height * SHADOW_RATIO * perMeter;
  const parts = shadowParts(ring, dx, dy);
  const shadow: ShadowItem = { type: "shadow", phase: PHASES.indexOf("shadow"), ...boxOf(parts), parts };

  const kind = pickWeighted(rng, ROOF_CHOICES[b.use] ?? ROOF_CHOICES.other);
  const hslColor = roofColor(kind, rng);
  const pitched = kind === "tile" || kind === "darkTile" || kind === "blueSteel" || (kind === "greySteel" && rng() < 0.5);
  const g = pitched ? gable(ring, hslColor) : null;
  const steel = kind === "blueSteel" || kind === "greySteel";
  const [rh, rs, rl] = hslColor;
  const details: RoofItem["details"] = [];
  if (kind === "flat" && (b.use === "residential" || b.use === "mixed") && rng() < 0.55) {
    details.push({ quad: solarHeater(ring, perMeter, rng), color: hsl(215, 22, between(rng, 26, 34)) });
  }
  const along = longestEdgeDirection(ring);
  const roof: RoofItem = {
    type: "roof",
    phase: PHASES.indexOf("roof"),
    ...boxOf([ring], perMeter),
    ring,
    color: hsl(rh, rs, rl),
    outline: hsl(rh, rs, rl - (kind === "flat" || kind === "white" ? 14 : 10)),
    faces: g?.faces ?? null,
    ridge: g?.ridge ?? null,
    corrugation: steel ? along : null,
    details,
  };
  return { yard, shadow, roof };
}
