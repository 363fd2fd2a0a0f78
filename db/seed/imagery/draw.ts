import type { SKRSContext2D } from "@napi-rs/canvas";
import { TILE_SIZE } from "@/lib/geo/web-mercator";
import { drawItem, tracePath, type Patterns, type View } from "./paint-items";
import type { Scene, SceneItem } from "./scene-types";
import { OVERLAY_SIZE, type Textures } from "./textures";

/** Strength of the blotchy overlay texture. */
const OVERLAY_ALPHA = 0.16;

/** Used once per drawing canvas: the repeating patterns for the textures. */
export function createPatterns(ctx: SKRSContext2D, textures: Textures): Patterns {
  const make = (canvas: Textures["overlay"]) => {
    const p = ctx.createPattern(canvas, "repeat");
    if (!p) throw new Error("could not create a pattern");
    return p;
  };
  return { overlay: make(textures.overlay), stripes: make(textures.stripes) };
}

/**
 * Items drawn many at a time with one style: all shadows, all village grounds or yards of one colour,
 * all eaves, all rooftop details. Returns a key (same key = same path) or null for items drawn one by one.
 */
function batchKey(item: SceneItem, z: number): string | null {
  switch (item.type) {
    case "shadow":
      return z >= 15 ? "shadow" : "skip";
    case "area":
      return item.batched ? `area ${item.fill}` : null;
    case "roofline":
      return z >= 16 ? "roofline" : "skip";
    case "detail":
      return z >= 17 ? "detail" : "skip";
    default:
      return null;
  }
}

function traceBatched(v: View, item: SceneItem): void {
  if (item.type === "shadow") for (const p of item.parts) tracePath(v, p, true);
  else if (item.type === "area") for (const r of item.rings) tracePath(v, r, true);
  else if (item.type === "roofline") {
    tracePath(v, item.ring, true);
    if (item.ridge) tracePath(v, item.ridge, false);
  } else if (item.type === "detail") for (const q of item.quads) tracePath(v, q, true);
}

function paintBatch(v: View, key: string, first: SceneItem): void {
  const { ctx, scale, perMeter } = v;
  if (key === "shadow") {
    ctx.fillStyle = "rgba(15,15,25,0.42)";
    ctx.fill("nonzero");
  } else if (key === "roofline") {
    ctx.lineJoin = "miter";
    ctx.strokeStyle = "rgba(20,15,10,0.28)";
    ctx.lineWidth = Math.max(0.8, 0.35 * perMeter * scale);
    ctx.stroke();
  } else if (key === "detail") {
    ctx.fillStyle = "rgb(62,70,86)";
    ctx.fill("nonzero");
  } else if (first.type === "area") {
    ctx.fillStyle = first.fill;
    ctx.fill("nonzero");
  }
}

/**
 * Used by `renderImagery` for each tile: draws the scene into `ctx` for the world-pixel rectangle (px0, py0,
 * w, h) at zoom z. Textures are anchored to world pixels, so neighbouring tiles join seamlessly.
 */
export function drawRegion(ctx: SKRSContext2D, patterns: Patterns, scene: Scene, z: number, px0: number, py0: number, w: number, h: number): void {
  const scale = TILE_SIZE * 2 ** z;
  const v: View = { ctx, patterns, z, scale, px0, py0, perMeter: scene.perMeter };
  // every tile starts from the same state, so that its pixels do not depend on the tiles drawn before it
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.lineCap = "butt";
  ctx.lineJoin = "miter";
  ctx.setLineDash([]);
  ctx.imageSmoothingEnabled = true;
  ctx.fillStyle = scene.ground;
  ctx.fillRect(0, 0, w, h);
  const pad = 4 / scale;
  const ids = scene.index.search({ minX: px0 / scale - pad, minY: py0 / scale - pad, maxX: (px0 + w) / scale + pad, maxY: (py0 + h) / scale + pad });
  let openKey: string | null = null;
  let openFirst: SceneItem | null = null;
  for (const id of ids) {
    const item = scene.items[id];
    const key = batchKey(item, z);
    if (key !== openKey) {
      if (openKey && openFirst && openKey !== "skip") paintBatch(v, openKey, openFirst);
      openKey = key;
      openFirst = item;
      if (key) ctx.beginPath();
    }
    if (key === "skip") continue;
    if (key) traceBatched(v, item);
    else drawItem(v, item);
  }
  if (openKey && openFirst && openKey !== "skip") paintBatch(v, openKey, openFirst);

  ctx.imageSmoothingEnabled = false;
  patterns.overlay.setTransform({ e: -(px0 % OVERLAY_SIZE), f: -(py0 % OVERLAY_SIZE) });
  ctx.globalAlpha = OVERLAY_ALPHA;
  ctx.fillStyle = patterns.overlay;
  ctx.fillRect(0, 0, w, h);
  ctx.globalAlpha = 1;
}
