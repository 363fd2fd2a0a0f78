import { boxOf, samplesAlong, type Coords } from "./geometry";
import { between, hsl, type Rng } from "./random";
import { phaseOf, type Phase, type LineItem, type TreesItem } from "./scene-types";

/** Used when a road or river has no width: a width in metres from its subkind. */
export function defaultWidthM(kind: string, subkind: string): number {
  const s = subkind.toLowerCase();
  if (kind === "river" || kind === "water") return s.includes("canal") || s.includes("ditch") ? 4 : 14;
  if (s.includes("main") || s.includes("highway") || s.includes("arterial")) return 12;
  if (s.includes("lane") || s.includes("alley")) return 3.5;
  if (s.includes("path") || s.includes("track")) return 2.5;
  return 6;
}

/** Used by the scene builder for a stroked polyline item. */
export function lineItem(
  phase: Phase,
  coords: Coords,
  width: number,
  color: string,
  options: { minPx?: number; dash?: [number, number] | null; minZoom?: number } = {},
): LineItem {
  return {
    type: "line",
    phase: phaseOf(phase),
    ...boxOf([coords], width / 2),
    coords,
    width,
    minPx: options.minPx ?? 0.8,
    color,
    dash: options.dash ?? null,
    minZoom: options.minZoom ?? 0,
  };
}

/** Surface colour of a road from its width and subkind: asphalt, concrete or dirt. */
export function roadColors(subkind: string, widthM: number, rng: Rng): { surface: string; shoulder: string } {
  const s = subkind.toLowerCase();
  const shoulder = hsl(between(rng, 38, 48), between(rng, 12, 20), between(rng, 50, 58));
  if (s.includes("path") || s.includes("track") || s.includes("dirt")) return { surface: hsl(between(rng, 32, 40), 22, between(rng, 54, 60)), shoulder };
  if (widthM >= 7) return { surface: hsl(40, 3, between(rng, 40, 44)), shoulder };
  return { surface: hsl(45, between(rng, 3, 6), between(rng, 60, 66)), shoulder };
}

/**
 * Used by the scene builder for trees along roads and rivers: both sides at `offsetM` from the centre line,
 * every few metres with gaps, grouped in chunks of about 100 m so that tiles only draw nearby trees.
 */
export function treeRows(coords: Coords, offsetM: number, perMeter: number, rng: Rng, density: number): TreesItem[] {
  const spacing = between(rng, 5, 8) * perMeter;
  const items: TreesItem[] = [];
  const h = between(rng, 90, 120);
  const l = between(rng, 18, 25);
  for (const side of [1, -1]) {
    if (rng() > 0.85) continue; // some roads have trees on one side only
    const samples = samplesAlong(coords, spacing, rng() * spacing);
    const chunk = 14;
    for (let start = 0; start < samples.length; start += chunk) {
      const trees: number[] = [];
      for (const [x, y, nx, ny] of samples.slice(start, start + chunk)) {
        if (rng() > density) continue;
        const r = between(rng, 2.4, 4.2) * perMeter;
        const off = offsetM * perMeter + r + between(rng, 0, 1) * perMeter;
        trees.push(x + nx * off * side, y + ny * off * side, r);
      }
      if (trees.length === 0) continue;
      const flat = Float64Array.from(trees);
      const points = Float64Array.from(trees.filter((_, k) => k % 3 !== 2));
      items.push({
        type: "trees",
        phase: phaseOf("trees"),
        ...boxOf([points], 10 * perMeter),
        trees: flat,
        crown: hsl(h + between(rng, -8, 8), between(rng, 24, 34), l),
        light: hsl(h - 10, 30, l + 12),
        blob: null,
      });
    }
  }
  return items;
}
