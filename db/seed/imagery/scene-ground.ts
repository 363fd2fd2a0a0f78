import type { Polygon } from "geojson";
import { boxOf, clipSegmentToConvex, clipToConvex, isConvex, longestEdgeDirection, project, type Coords } from "./geometry";
import type { Box } from "./grid-index";
import { between, hash3, hsl, meanHsl, mulberry32, pickWeighted, type Rng } from "./random";
import { phaseOf, type FieldItem, type TreesItem } from "./scene-types";

type Hsl = [number, number, number];
type Crop = "green" | "straw" | "earth" | "scrub";

const BLOCK_M = 200;
const MIN_STRIP_M = 12;
/** The colour block means are pulled towards. */
const BLOCK_TONE: Hsl = [70, 22, 38];

/** Colour of a background crop: muted greens and yellow-browns, some bare earth and scrub. */
function backgroundColor(rng: Rng, crop: Crop): Hsl {
  switch (crop) {
    case "green":
      return [between(rng, 72, 100), between(rng, 18, 30), between(rng, 31, 39)];
    case "straw":
      return [between(rng, 40, 50), between(rng, 20, 30), between(rng, 47, 55)];
    case "earth":
      return [between(rng, 26, 36), between(rng, 14, 22), between(rng, 38, 45)];
    default:
      return [between(rng, 60, 80), between(rng, 15, 22), between(rng, 35, 42)];
  }
}

function pickCrop(rng: Rng, regional: number): Crop {
  return pickWeighted(rng, [
    [3 + regional * 4, "green"],
    [3 - regional * 2, "straw"],
    [1.2, "earth"],
    [1.5, "scrub"],
  ] as const);
}

/** Colour of a crop on farmland: varied greens, sometimes ripe yellow or ploughed brown. */
function cropColor(rng: Rng): Hsl {
  const kind = pickWeighted(rng, [[8, "green"], [1.2, "ripe"], [1, "ploughed"]] as const);
  if (kind === "ripe") return [between(rng, 44, 52), between(rng, 34, 44), between(rng, 47, 54)];
  if (kind === "ploughed") return [between(rng, 24, 34), between(rng, 20, 28), between(rng, 34, 41)];
  return [between(rng, 72, 110), between(rng, 24, 38), between(rng, 28, 39)];
}

/** Splits quad a-b-c-d into strips across a→b (boundaries run from a–b to d–c) of the given widths. */
function splitQuad(a: [number, number], b: [number, number], c: [number, number], d: [number, number], weights: number[]): Coords[] {
  const total = weights.reduce((x, y) => x + y, 0);
  const lerp = (p: [number, number], q: [number, number], t: number) => [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
  const out: Coords[] = [];
  let t0 = 0;
  for (const w of weights) {
    const t1 = Math.min(1, t0 + w / total);
    out.push(Float64Array.from([...lerp(a, b, t0), ...lerp(a, b, t1), ...lerp(d, c, t1), ...lerp(d, c, t0)]));
    t0 = t1;
  }
  return out;
}

/** Strip colours: runs of one crop with small variations, changing crop now and then. */
function stripColors(rng: Rng, count: number, change: number, pick: () => Hsl): Hsl[] {
  let base = pick();
  const out: Hsl[] = [];
  for (let k = 0; k < count; k++) {
    if (k > 0 && rng() < change) base = pick();
    out.push([base[0] + between(rng, -4, 4), base[1] + between(rng, -3, 3), base[2] + between(rng, -2.5, 2.5)]);
  }
  return out;
}

function clumpItem(rng: Rng, cx: number, cy: number, radius: number, perMeter: number, detailed: boolean): TreesItem {
  // far from the township only small zooms are rendered, where a clump is drawn as one blob
  const count = detailed ? Math.max(4, Math.min(70, Math.round((Math.PI * radius * radius) / (16 * perMeter * perMeter)))) : 1;
  const trees = new Float64Array(count * 3);
  for (let k = 0; k < count; k++) {
    const angle = rng() * Math.PI * 2;
    const dist = Math.sqrt(rng()) * radius;
    trees[3 * k] = cx + Math.cos(angle) * dist;
    trees[3 * k + 1] = cy + Math.sin(angle) * dist * between(rng, 0.6, 1);
    trees[3 * k + 2] = detailed ? between(rng, 2, 4.5) * perMeter : 0;
  }
  const h = between(rng, 95, 125);
  const l = between(rng, 17, 24);
  const pad = 8 * perMeter;
  return {
    type: "trees",
    phase: phaseOf("clump"),
    minX: cx - radius - pad,
    minY: cy - radius - pad,
    maxX: cx + radius + pad,
    maxY: cy + radius + pad,
    trees,
    crown: hsl(h, between(rng, 22, 34), l),
    light: hsl(h - 10, 30, l + 12),
    blob: { x: cx, y: cy, r: radius * 0.8 },
  };
}

/**
 * Used by the scene builder: a patchwork of field blocks (a jittered grid anchored to the world, so it is the
 * same at every zoom and tile) over `extent`, each cut into strips of crops, with clumps of trees here and there.
 * Outside `detailExtent` (where only small zooms are rendered) blocks and clumps keep just their mean colour.
 */
export function buildBackground(extent: Box, detailExtent: Box, perMeter: number, seed: number): { blocks: FieldItem[]; clumps: TreesItem[] } {
  const s = BLOCK_M * perMeter;
  const i0 = Math.floor(extent.minX / s) - 1;
  const i1 = Math.ceil(extent.maxX / s) + 1;
  const j0 = Math.floor(extent.minY / s) - 1;
  const j1 = Math.ceil(extent.maxY / s) + 1;
  const corner = (i: number, j: number): [number, number] => [
    (i + (hash3(i, j, seed) - 0.5) * 0.3) * s,
    (j + (hash3(i, j, seed + 1) - 0.5) * 0.3) * s,
  ];
  const blocks: FieldItem[] = [];
  const clumps: TreesItem[] = [];
  for (let j = j0; j < j1; j++) {
    for (let i = i0; i < i1; i++) {
      const rng = mulberry32(Math.floor(hash3(i, j, seed + 2) * 4294967296));
      let [a, b, c, d] = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)];
      if (rng() < 0.5) [a, b, c, d] = [b, c, d, a]; // strips run north–south or east–west
      const regional = Math.sin(i * 0.13 + seed) * Math.cos(j * 0.11 + seed * 0.7) * 0.5 + 0.5;
      const widths: number[] = [];
      for (let sum = 0; sum < BLOCK_M; ) {
        const w = between(rng, MIN_STRIP_M, 40);
        widths.push(w);
        sum += w;
      }
      const colors = stripColors(rng, widths.length, 0.3, () => backgroundColor(rng, pickCrop(rng, regional)));
      const quad = Float64Array.from([...a, ...b, ...c, ...d]);
      const box = boxOf([quad], perMeter);
      const detailed = box.maxX >= detailExtent.minX && box.minX <= detailExtent.maxX && box.maxY >= detailExtent.minY && box.minY <= detailExtent.maxY;
      const quads = detailed ? splitQuad(a, b, c, d, widths) : [];
      const ab = Math.hypot(b[0] - a[0], b[1] - a[1]);
      blocks.push({
        type: "field",
        phase: phaseOf("parcel"),
        ...box,
        rings: [quad],
        clip: false,
        strips: quads.map((q, k) => ({ quad: q, color: hsl(...colors[k]) })),
        ridges: Float64Array.from(quads.slice(1).flatMap((q) => [q[0], q[1], q[6], q[7]])),
        // at small zooms a block is one colour: its mean, toned down so that the grid of blocks stays quiet
        mean: meanHsl([...colors, BLOCK_TONE], [...widths, BLOCK_M * 0.6]),
        // every block switches to strips at the same zoom; 0: always the mean (far from the township)
        stripWidth: detailed ? MIN_STRIP_M * perMeter : 0,
        across: [(b[0] - a[0]) / ab, (b[1] - a[1]) / ab],
        origin: a,
        rowSpacing: between(rng, 1.5, 3) * perMeter,
        rowAlpha: rng() < 0.5 ? between(rng, 0.06, 0.12) : 0,
        ridgeColor: hsl(between(rng, 40, 50), between(rng, 12, 18), between(rng, 46, 52)),
      });
      if (rng() < 0.35) {
        const cx = (a[0] + c[0]) / 2 + between(rng, -0.3, 0.3) * s;
        const cy = (a[1] + c[1]) / 2 + between(rng, -0.3, 0.3) * s;
        clumps.push(clumpItem(rng, cx, cy, between(rng, 8, 32) * perMeter, perMeter, detailed));
      }
    }
  }
  return { blocks, clumps };
}

/** Used by the scene builder for each farmland polygon: strips of crops along the field's long side. */
export function buildField(polygon: Polygon, perMeter: number, rng: Rng): FieldItem | null {
  const rings = polygon.coordinates.map((ring) => project(ring, true)).filter((r) => r.length >= 6);
  if (rings.length === 0) return null;
  const outer = rings[0];
  const along = longestEdgeDirection(outer);
  const across: [number, number] = [-along[1], along[0]];
  const origin: [number, number] = [outer[0], outer[1]];
  let [uMin, uMax, vMin, vMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < outer.length; i += 2) {
    const dx = outer[i] - origin[0];
    const dy = outer[i + 1] - origin[1];
    const u = dx * along[0] + dy * along[1];
    const v = dx * across[0] + dy * across[1];
    [uMin, uMax, vMin, vMax] = [Math.min(uMin, u), Math.max(uMax, u), Math.min(vMin, v), Math.max(vMax, v)];
  }
  const at = (u: number, v: number) => [origin[0] + along[0] * u + across[0] * v, origin[1] + along[1] * u + across[1] * v];
  const widths: number[] = [];
  for (let v = vMin; v < vMax; ) {
    const w = Math.min(vMax - v, between(rng, 10, 34) * perMeter);
    widths.push(w);
    v += w;
  }
  const colors = stripColors(rng, widths.length, 0.35, () => cropColor(rng));
  const convex = rings.length === 1 && isConvex(outer);
  const strips: FieldItem["strips"] = [];
  const ridges: number[] = [];
  let v = vMin;
  widths.forEach((w, k) => {
    const [p, q] = [at(uMin, v), at(uMax, v)] as Array<[number, number]>;
    const quad = Float64Array.from([...p, ...q, ...at(uMax, v + w), ...at(uMin, v + w)]);
    if (k > 0) {
      const ridge = convex ? clipSegmentToConvex(p, q, outer) : [...p, ...q];
      if (ridge) ridges.push(...ridge);
    }
    v += w;
    const piece = convex ? clipToConvex(quad, outer) : quad;
    if (piece.length >= 6) strips.push({ quad: piece, color: hsl(...colors[k]) });
  });
  return {
    type: "field",
    phase: phaseOf("field"),
    ...boxOf(rings, 2 * perMeter),
    rings,
    clip: !convex,
    strips,
    ridges: Float64Array.from(ridges),
    mean: meanHsl(colors, widths),
    stripWidth: Math.min(...widths),
    across,
    origin,
    rowSpacing: between(rng, 1.6, 2.8) * perMeter,
    rowAlpha: between(rng, 0.14, 0.26),
    ridgeColor: hsl(between(rng, 38, 48), 18, between(rng, 50, 57)),
  };
}
