import type { CanvasPattern, SKRSContext2D } from "@napi-rs/canvas";
import type { Coords } from "./geometry";
import { SHADOW_DIR } from "./scene-buildings";
import type { AreaItem, FieldItem, RoofItem, SceneItem, TreesItem } from "./scene-types";

/** Patterns made from the textures for one drawing context (patterns belong to a context). */
export interface Patterns {
  overlay: CanvasPattern;
  stripes: CanvasPattern;
}

/** Where a region sits: zoom, world-pixel origin and the world → region-pixel scale. */
export interface View {
  ctx: SKRSContext2D;
  patterns: Patterns;
  z: number;
  scale: number;
  perMeter: number;
  px0: number;
  py0: number;
}

/** Adds a ring or polyline in world coordinates to the current path, in region pixels. */
export function tracePath(v: View, c: Coords, close: boolean): void {
  const { ctx, scale, px0, py0 } = v;
  ctx.moveTo(c[0] * scale - px0, c[1] * scale - py0);
  for (let i = 2; i < c.length; i += 2) ctx.lineTo(c[i] * scale - px0, c[i + 1] * scale - py0);
  if (close) ctx.closePath();
}

function traceSegments(v: View, c: Coords): void {
  const { ctx, scale, px0, py0 } = v;
  for (let i = 0; i + 3 < c.length; i += 4) {
    ctx.moveTo(c[i] * scale - px0, c[i + 1] * scale - py0);
    ctx.lineTo(c[i + 2] * scale - px0, c[i + 3] * scale - py0);
  }
}

function fillRings(v: View, rings: Coords[], style: string): void {
  v.ctx.beginPath();
  for (const r of rings) tracePath(v, r, true);
  v.ctx.fillStyle = style;
  v.ctx.fill("evenodd");
}

/** Fills the current path with stripes varying along `across`, anchored at `origin` (crop rows, corrugation). */
function fillStripes(v: View, across: [number, number], origin: [number, number], spacing: number, alpha: number): void {
  const { ctx, scale, px0, py0, patterns } = v;
  const s = (spacing * scale) / 16;
  const [ax, ay] = across;
  patterns.stripes.setTransform({ a: ax * s, b: ay * s, c: -ay * s, d: ax * s, e: origin[0] * scale - px0, f: origin[1] * scale - py0 });
  ctx.globalAlpha = alpha;
  ctx.fillStyle = patterns.stripes;
  ctx.fill("evenodd");
  ctx.globalAlpha = 1;
}

function drawField(v: View, item: FieldItem): void {
  const { ctx, scale } = v;
  if (item.stripWidth * scale < 2.5) {
    fillRings(v, item.rings, item.mean);
    return;
  }
  ctx.lineCap = "butt";
  ctx.lineJoin = "miter";
  if (item.clip) {
    ctx.save();
    ctx.beginPath();
    for (const r of item.rings) tracePath(v, r, true);
    ctx.clip("evenodd");
  }
  for (const strip of item.strips) fillRings(v, [strip.quad], strip.color);
  if (v.z >= 16 && item.ridges.length > 0) {
    ctx.beginPath();
    traceSegments(v, item.ridges);
    ctx.strokeStyle = item.ridgeColor;
    ctx.lineWidth = v.z >= 17 ? 1.1 : 0.7;
    ctx.stroke();
  }
  if (item.clip) ctx.restore();
  ctx.beginPath();
  for (const r of item.rings) tracePath(v, r, true);
  if (item.rowAlpha > 0 && item.rowSpacing * scale >= 3) fillStripes(v, item.across, item.origin, item.rowSpacing, item.rowAlpha);
  if (v.z >= 15) {
    ctx.strokeStyle = item.ridgeColor;
    ctx.lineWidth = v.z >= 17 ? 1.4 : 0.8;
    ctx.stroke();
  }
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
  if (typical < 0.8 && item.blob) {
    ctx.beginPath();
    ctx.arc(item.blob.x * scale - px0, item.blob.y * scale - py0, Math.max(0.6, item.blob.r * scale), 0, Math.PI * 2);
    ctx.globalAlpha = 0.8;
    ctx.fillStyle = item.crown;
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
    ctx.globalAlpha = 0.5;
    ctx.fillStyle = item.light;
    ctx.fill();
    ctx.globalAlpha = 1;
  }
}

function drawRoof(v: View, item: RoofItem): void {
  if (item.faces) for (const f of item.faces) fillRings(v, [f.ring], f.color);
  else fillRings(v, [item.ring], item.color);
  if (item.corrugation && 1.1 * v.perMeter * v.scale >= 2.2) {
    v.ctx.beginPath();
    tracePath(v, item.ring, true);
    fillStripes(v, item.corrugation, [item.ring[0], item.ring[1]], 1.1 * v.perMeter, 0.14);
  }
}

function drawArea(v: View, item: AreaItem): void {
  const { ctx, scale } = v;
  ctx.beginPath();
  for (const r of item.rings) tracePath(v, r, true);
  if (item.edge) {
    ctx.lineJoin = "round";
    ctx.strokeStyle = item.edge;
    ctx.lineWidth = Math.max(1, item.edgeWidth * scale);
    ctx.stroke();
  }
  ctx.fillStyle = item.fill;
  ctx.fill("evenodd");
}

/** Used by `drawRegion` for the items that are not batched: draws one item. */
export function drawItem(v: View, item: SceneItem): void {
  const { ctx, scale } = v;
  switch (item.type) {
    case "field":
      return drawField(v, item);
    case "trees":
      return drawTrees(v, item);
    case "area":
      return drawArea(v, item);
    case "roof":
      return drawRoof(v, item);
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
    default:
      return; // batched kinds are drawn by drawRegion
  }
}
