import type { MapPlan } from "./map-plan";
import { num, svgText } from "./svg";

/** Tick intervals in arc-seconds, finest first: 1″ … 5″, 10″, 15″, 30″, 1′, 2′, 5′, 10′, 15′, 30′, 1° … */
export const TICK_STEPS_SECONDS: readonly number[] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 18000, 36000];
/** Most ticks wanted on one edge: one per ~30 mm of edge, 3 to 8. */
export function maxTicksForEdge(edgeMm: number): number {
  return Math.max(3, Math.min(8, Math.round(edgeMm / 30)));
}
/** Gap between the inner frame line and the outer (thick) one, mm. */
export const FRAME_GAP_MM = 1.2;
/** Font size of the coordinate labels, mm. */
export const TICK_LABEL_SIZE = 2.1;

/**
 * Used for the coordinate labels on the map frame: degrees, 2-digit minutes and 2-digit seconds, e.g.
 * `116°23′30″` (no hemisphere letter; a minus sign for west/south).
 */
export function formatDms(degrees: number): string {
  const sign = degrees < 0 ? "-" : "";
  const totalSeconds = Math.round(Math.abs(degrees) * 3600);
  const d = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${sign}${d}°${String(m).padStart(2, "0")}′${String(s).padStart(2, "0")}″`;
}

/**
 * Used for each frame edge: the values (degrees) of the ticks between `min` and `max`, at the finest step of
 * {@link TICK_STEPS_SECONDS} that gives at most `maxTicks` ticks.
 */
export function tickValues(min: number, max: number, maxTicks = 6): { stepSeconds: number; values: number[] } {
  for (const step of TICK_STEPS_SECONDS) {
    const first = Math.ceil((min * 3600) / step - 1e-9);
    const last = Math.floor((max * 3600) / step + 1e-9);
    if (last - first + 1 <= maxTicks) {
      const values: number[] = [];
      for (let k = first; k <= last; k++) values.push((k * step) / 3600);
      return { stepSeconds: step, values };
    }
  }
  return { stepSeconds: TICK_STEPS_SECONDS[TICK_STEPS_SECONDS.length - 1], values: [] };
}

/** A tick of the frame: which edge, its page position along that edge, and its label. */
export interface FrameTick {
  edge: "top" | "bottom" | "left" | "right";
  /** x for top/bottom ticks, y for left/right ticks (mm on the page) */
  at: number;
  label: string;
}

/** Used by the frame drawing (and tests): the ticks of a plan's frame, longitudes on top/bottom, latitudes left/right. */
export function frameTicks(plan: MapPlan): FrameTick[] {
  const [west, south, east, north] = plan.bbox;
  const ticks: FrameTick[] = [];
  for (const lon of tickValues(west, east, maxTicksForEdge(plan.frame.width)).values) {
    const at = plan.project(lon, plan.centre[1])[0];
    for (const edge of ["top", "bottom"] as const) ticks.push({ edge, at, label: formatDms(lon) });
  }
  for (const lat of tickValues(south, north, maxTicksForEdge(plan.frame.height)).values) {
    const at = plan.project(plan.centre[0], lat)[1];
    for (const edge of ["left", "right"] as const) ticks.push({ edge, at, label: formatDms(lat) });
  }
  return ticks;
}

/**
 * Used by both sheets over the map: the double frame line, the coordinate ticks across it, and their
 * labels outside it, each `<text text-anchor="middle">` centred exactly on its tick (left/right ones rotated).
 */
export function mapFrameSvg(plan: MapPlan): string {
  const { x, y, width, height } = plan.frame;
  const g = FRAME_GAP_MM;
  let out = `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="none" stroke="#000" stroke-width="0.25"/>`;
  out += `<rect x="${num(x - g)}" y="${num(y - g)}" width="${num(width + 2 * g)}" height="${num(height + 2 * g)}" fill="none" stroke="#000" stroke-width="0.6"/>`;
  let ticks = "";
  const right = x + width, bottom = y + height;
  for (const tick of frameTicks(plan)) {
    const horizontal = tick.edge === "top" || tick.edge === "bottom";
    const lo = horizontal ? x : y, hi = horizontal ? right : bottom;
    if (tick.at < lo + 0.5 || tick.at > hi - 0.5) continue;
    const showLabel = tick.at > lo + 5 && tick.at < hi - 5;
    const a = num(tick.at);
    if (tick.edge === "top") {
      ticks += `M${a} ${num(y - g)}V${num(y + 1.5)}`;
      if (showLabel) out += svgText(tick.at, y - g - 1.2, tick.label, TICK_LABEL_SIZE, { "text-anchor": "middle" });
    } else if (tick.edge === "bottom") {
      ticks += `M${a} ${num(bottom + g)}V${num(bottom - 1.5)}`;
      if (showLabel) out += svgText(tick.at, bottom + g + 1 + TICK_LABEL_SIZE * 0.88, tick.label, TICK_LABEL_SIZE, { "text-anchor": "middle" });
    } else if (tick.edge === "left") {
      ticks += `M${num(x - g)} ${a}H${num(x + 1.5)}`;
      const lx = x - g - 1.2;
      if (showLabel) out += svgText(lx, tick.at, tick.label, TICK_LABEL_SIZE, { "text-anchor": "middle", transform: `rotate(-90 ${num(lx)} ${a})` });
    } else {
      ticks += `M${num(right + g)} ${a}H${num(right - 1.5)}`;
      const lx = right + g + 1 + TICK_LABEL_SIZE * 0.88;
      if (showLabel) out += svgText(lx, tick.at, tick.label, TICK_LABEL_SIZE, { "text-anchor": "middle", transform: `rotate(-90 ${num(lx)} ${a})` });
    }
  }
  return `<g class="map-frame">${out}<path d="${ticks}" stroke="#000" stroke-width="0.25" fill="none"/></g>`;
}

/** Used inside the map: small grey crosses where the tick meridians and parallels meet (a light graticule). */
export function graticuleCrossesSvg(plan: MapPlan): string {
  const ticks = frameTicks(plan);
  const xs = ticks.filter((t) => t.edge === "top").map((t) => t.at);
  const ys = ticks.filter((t) => t.edge === "left").map((t) => t.at);
  let d = "";
  for (const cx of xs) for (const cy of ys) d += `M${num(cx - 1.2)} ${num(cy)}h2.4M${num(cx)} ${num(cy - 1.2)}v2.4`;
  return d ? `<path d="${d}" stroke="#666" stroke-width="0.15" fill="none"/>` : "";
}
