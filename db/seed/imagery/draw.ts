import type { CanvasPattern, SKRSContext2D } from "@napi-rs/canvas";
import { TILE_SIZE } from "@/lib/geo/web-mercator";
import type { Coords } from "./geometry";
import { SHADOW_DIR } from "./scene-buildings";
import { LAST_GROUND_PHASE, type FieldItem, type RoofItem, type Scene, type SceneItem, type TreesItem } from "./scene-types";
import type { Textures } from "./textures";

/** Patterns made from the textures for one drawing context (patterns belong to a context). */
export interface Patterns {
  grain: CanvasPattern;
  mottle: CanvasPattern;
  stripes: CanvasPattern;
}

/** Used once per drawing canvas: the repeating patterns for the textures. */
export function createPatterns(ctx: SKRSContext2D, textures: Textures): Patterns {
  const make = (canvas: Textures["grain"]) => {
    const p = ctx.createPattern(canvas, "repeat");
    if (!p) throw new Error("could not create a pattern");
    return p;
  };
  return { grain: make(textures.grain), mottle: make(textures.mottle), stripes: make(textures.stripes) };
}

/** Where a region sits: zoom, world-pixel origin and the world → region-pixel transform. */
interface View {
  z: number;
  scale: number;
  perMeter: number;
  px0: number;
  py0: number;
  ctx: SKRSContext2D;
  patterns: Patterns;
}

function tracePath(v: View, c: Coords, close: boolean): void {
  const { ctx, scale, px0, py0 } = v;
  ctx.moveTo(c[0] * scale - px0, c[1] * scale - py0);
  for (let i = 2; i < c.length; i += 2) ctx.lineTo(c[i] * scale - px0, c[i + 1] * scale - py0);
  if (close) ctx.closePath();
}

function fillRings(v: View, rings: Coords[], style: string): void {
  v.ctx.beginPath();
  for (const r of rings) tracePath(v, r, true);
  v.ctx.fillStyle = style;
  v.ctx.fill("evenodd");
}

/** Fills the current clip (or the region) with stripes varying along `across`, anchored at `origin`. */
function fillStripes(v: View, across: [number, number], origin: [number, number], spacing: number, alpha: number, w: number, h: number): void {
  const { ctx, scale, px0, py0, patterns } = v;
  const s = (spacing * scale) / 16;
  const [ax, ay] = across;
  patterns.stripes.setTransform({ a: ax * s, b: ay * s, c: -ay * s, d: ax * s, e: origin[0] * scale - px0, f: origin[1] * scale - py0 });
  ctx.globalAlpha = alpha;
  ctx.fillStyle = patterns.stripes;
  ctx.fillRect(0, 0, w, h);
  ctx.globalAlpha = 1;
}

function drawField(v: View, item: FieldItem, w: number, h: number): void {
  const { ctx, scale } = v;
  ctx.save();
  ctx.beginPath();
  for (const r of item.rings) tracePath(v, r, true);
  ctx.clip("evenodd");
  for (const strip of item.strips) fillRings(v, [strip.quad], strip.color);
  if (item.rowSpacing * scale >= 3) fillStripes(v, item.across, item.origin, item.rowSpacing, item.rowAlpha, w, h);
  if (v.z >= 16) {
    ctx.beginPath();
    for (const strip of item.strips) tracePath(v, strip.quad.subarray(0, 4), false);
    ctx.strokeStyle = item.ridgeColor;
    ctx.lineWidth = v.z >= 17 ? 1.2 : 0.8;
    ctx.stroke();
  }
  ctx.restore();
  ctx.beginPath();
  for (const r of item.rings) tracePath(v, r, true);
  ctx.strokeStyle = item.ridgeColor;
  ctx.lineWidth = v.z >= 15 ? 1.2 : 0.6;
  ctx.stroke();
}

function circles(v: View, trees: Float64Array, dx: number, dy: number, radiusFactor: number, minPx: number): void {
  const { ctx, scale, px0, py0 } = v;
  ctx.beginPath();
  for (let i = 0; i < trees.length; i += 3) {
    const r = Math.max(minPx, trees[i + 2] * scale * radiusFactor);
    const x = trees[i] * scale - px0 + dx * trees[i + 2] * scale;
    const y = trees[i + 1] * scale - py0 + dy * trees[i + 2] * scale;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
  }
}

function drawTrees(v: View, item: TreesItem): void {
  const { ctx, scale, px0, py0 } = v;
  const typical = item.trees[2] * scale;
  if (typical < 1.2 && item.blob) {
    const { x, y, r } = item.blob;
    ctx.beginPath();
    ctx.arc(x * scale - px0, y * scale - py0, Math.max(0.7, r * scale), 0, Math.PI * 2);
    ctx.fillStyle = item.crown;
    ctx.globalAlpha = 0.85;
    ctx.fill();
    ctx.globalAlpha = 1;
    return;
  }
  if (typical >= 2) {
    circles(v, item.trees, SHADOW_DIR[0] * 0.9, SHADOW_DIR[1] * 0.9, 1, 0);
    ctx.fillStyle = "rgba(10,20,5,0.45)";
    ctx.fill();
  }
  circles(v, item.trees, 0, 0, 1, 0.6);
  ctx.fillStyle = item.crown;
  ctx.fill();
  if (typical >= 2) {
    circles(v, item.trees, -SHADOW_DIR[0] * 0.3, -SHADOW_DIR[1] * 0.3, 0.55, 0);
    ctx.globalAlpha = 0.55;
    ctx.fillStyle = item.light;
    ctx.fill();
    ctx.globalAlpha = 1;
  }
}

function drawRoof(v: View, item: RoofItem, w: number, h: number): void {
  const { ctx, scale } = v;
  if (item.faces) for (const f of item.faces) fillRings(v, [f.ring], f.color);
  else fillRings(v, [item.ring], item.color);
  if (item.corrugation && 1.1 * v.perMeter * scale >= 2.2) {
    ctx.save();
    ctx.beginPath();
    tracePath(v, item.ring, true);
    ctx.clip();
    fillStripes(v, item.corrugation, [item.ring[0], item.ring[1]], 1.1 * v.perMeter, 0.14, w, h);
    ctx.restore();
  }
  if (v.z < 16) return;
  ctx.lineJoin = "miter";
  if (item.ridge) {
    ctx.beginPath();
    tracePath(v, item.ridge, false);
    ctx.strokeStyle = "rgba(255,255,255,0.25)";
    ctx.lineWidth = Math.max(0.8, 0.3 * v.perMeter * scale);
    ctx.stroke();
  }
  ctx.beginPath();
  tracePath(v, item.ring, true);
  ctx.strokeStyle = item.outline;
  ctx.lineWidth = Math.max(0.7, 0.35 * v.perMeter * scale);
  ctx.stroke();
  if (v.z >= 17) for (const d of item.details) fillRings(v, [d.quad], d.color);
}

function drawItem(v: View, item: SceneItem, w: number, h: number): void {
  const { ctx, scale } = v;
  switch (item.type) {
    case "parcel":
      fillRings(v, [item.quad], item.color);
      return;
    case "field":
      drawField(v, item, w, h);
      return;
    case "trees":
      drawTrees(v, item);
      return;
    case "area":
      ctx.lineJoin = "round";
      if (item.edge) {
        ctx.beginPath();
        for (const r of item.rings) tracePath(v, r, true);
        ctx.strokeStyle = item.edge;
        ctx.lineWidth = Math.max(1, item.edgeWidth * scale);
        ctx.stroke();
      }
      fillRings(v, item.rings, item.fill);
      if (item.halo > 0) {
        ctx.strokeStyle = item.fill;
        ctx.lineWidth = 2 * item.halo * scale;
        ctx.stroke();
      }
      return;
    case "line":
      if (v.z < item.minZoom) return;
      ctx.beginPath();
      tracePath(v, item.coords, false);
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.lineWidth = Math.max(item.minPx, item.width * scale);
      ctx.strokeStyle = item.color;
      if (item.dash) ctx.setLineDash([item.dash[0] * scale, item.dash[1] * scale]);
      ctx.stroke();
      if (item.dash) ctx.setLineDash([]);
      return;
    case "shadow":
      ctx.beginPath();
      for (const p of item.parts) tracePath(v, p, true);
      ctx.fillStyle = "rgba(15,15,25,0.42)";
      ctx.fill("nonzero");
      return;
    case "roof":
      drawRoof(v, item, w, h);
      return;
  }
}

function overlay(v: View, pattern: CanvasPattern, period: number, alpha: number, w: number, h: number): void {
  pattern.setTransform({ e: -(v.px0 % period), f: -(v.py0 % period) });
  v.ctx.globalAlpha = alpha;
  v.ctx.fillStyle = pattern;
  v.ctx.fillRect(0, 0, w, h);
  v.ctx.globalAlpha = 1;
}

/**
 * Used by `renderImagery` for each block of tiles: draws the scene into `ctx` for the world-pixel rectangle
 * (px0, py0, w, h) at zoom z. Textures are anchored to world pixels, so neighbouring blocks join seamlessly.
 */
export function drawRegion(ctx: SKRSContext2D, patterns: Patterns, scene: Scene, z: number, px0: number, py0: number, w: number, h: number): void {
  const scale = TILE_SIZE * 2 ** z;
  const v = { ctx, patterns, z, scale, px0, py0, perMeter: scene.perMeter };
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = scene.ground;
  ctx.fillRect(0, 0, w, h);
  const pad = 4 / scale;
  const ids = scene.index.search({ minX: px0 / scale - pad, minY: py0 / scale - pad, maxX: (px0 + w) / scale + pad, maxY: (py0 + h) / scale + pad });
  let mottled = false;
  for (const id of ids) {
    const item = scene.items[id];
    if (!mottled && item.phase > LAST_GROUND_PHASE) {
      overlay(v, patterns.mottle, 512, 0.22, w, h);
      mottled = true;
    }
    drawItem(v, item, w, h);
  }
  if (!mottled) overlay(v, patterns.mottle, 512, 0.22, w, h);
  overlay(v, patterns.grain, 448, 0.1, w, h);
}
