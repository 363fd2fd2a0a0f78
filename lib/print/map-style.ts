/**
 * The look of every map layer, shared by the map drawing and the legend so the two always agree. Values are
 * SVG presentation attributes; widths in mm on the page. Print-friendly: black/grey lines, few colours.
 */
export const MAP_STYLE = {
  thisArea: `fill="#d32f2f" fill-opacity="0.07" stroke="#c62828" stroke-width="0.9" stroke-linejoin="round"`,
  neighbour: `fill="none" stroke="#555" stroke-width="0.3" stroke-linejoin="round"`,
  districtLine: `fill="none" stroke="#111" stroke-width="0.55" stroke-dasharray="2.6 0.8 0.4 0.8"`,
  districtProminent: `fill="#d32f2f" fill-opacity="0.05" stroke="#b71c1c" stroke-width="1" stroke-dasharray="3.2 1 0.5 1" stroke-linejoin="round"`,
  smallAreaLine: `fill="none" stroke="#333" stroke-width="0.35" stroke-linejoin="round"`,
  neighbourDistrict: `fill="none" stroke="#666" stroke-width="0.45" stroke-dasharray="2.6 0.8 0.4 0.8"`,
  building: `fill="#e9e9e9" stroke="#222" stroke-width="0.18" stroke-linejoin="round"`,
  otherBuilding: `fill="#f3f3f3" stroke="#b0b0b0" stroke-width="0.12" stroke-linejoin="round"`,
  faintBuilding: `fill="#ececec" stroke="#a8a8a8" stroke-width="0.1"`,
  water: `fill="#d6eaf8" stroke="#6aa6d6" stroke-width="0.15"`,
  farmland: `fill="#e8f3da" stroke="#bcd8a0" stroke-width="0.1"`,
  landmark: `fill="#fff" stroke="#000" stroke-width="0.25"`,
} as const;

/** Colour of a road's casing (its edges). */
export const ROAD_CASING = "#8a8a8a";
/** Colour inside a road's casing. */
export const ROAD_FILL = "#fff";
/** Colour of rivers drawn as lines. */
export const RIVER_COLOUR = "#5a9bd0";
/** Text colours of map labels. */
export const LABEL_COLOURS = { building: "#000", area: "#333", water: "#1f5f96", road: "#444", landmark: "#000" } as const;

/** Used for roads and rivers: the drawn width in mm of a feature `widthM` metres wide at 1:`scale` (at least `minMm`). */
export function lineWidthMm(widthM: number | null, scale: number, fallbackM: number, minMm: number): number {
  return Math.max(minMm, ((widthM ?? fallbackM) / scale) * 1000);
}
