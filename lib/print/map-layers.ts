import type { Geometry, Point, Polygon } from "geojson";
import { bboxesIntersect, bboxOfGeometry, type Bbox } from "@/lib/geo/bbox";
import { labelPoint } from "@/lib/geo/label-point";
import type { LabelPlacer } from "./label-placer";
import type { MapPlan } from "./map-plan";
import { LABEL_COLOURS, lineWidthMm, MAP_STYLE, RIVER_COLOUR, ROAD_CASING, ROAD_FILL } from "./map-style";
import { escapeXml, geometryPath, num, svgText } from "./svg";
import type { SheetBuilding, SheetImagery, SheetReference } from "./types";

/** Used to leave out what the map frame does not show: true when the geometry's bbox meets the plan's (padded 2 %). */
export function inView(geometry: Geometry, plan: MapPlan): boolean {
  const [w, s, e, n] = plan.bbox;
  const padX = (e - w) * 0.02, padY = (n - s) * 0.02;
  const view: Bbox = [w - padX, s - padY, e + padX, n + padY];
  return bboxesIntersect(bboxOfGeometry(geometry), view);
}

/** Used under everything when imagery is on: the image stretched over its projected bbox. */
export function imagerySvg(imagery: SheetImagery, plan: MapPlan): string {
  const [x0, y0] = plan.project(imagery.bbox[0], imagery.bbox[3]);
  const [x1, y1] = plan.project(imagery.bbox[2], imagery.bbox[1]);
  return `<image href="${escapeXml(imagery.dataUrl)}" x="${num(x0)}" y="${num(y0)}" width="${num(x1 - x0)}" height="${num(y1 - y0)}" preserveAspectRatio="none"/>`;
}

/** Whether a reference is drawn as an area (polygon) rather than a line or a point. */
function isArea(geometry: Geometry): boolean {
  return geometry.type === "Polygon" || geometry.type === "MultiPolygon";
}

/**
 * Used by both sheets under the areas: farmland (light green), ponds and water (light blue), rivers (blue
 * lines as wide as they are at this scale), roads (grey casing, white fill, width from widthM, at least
 * 0.3 mm). Area fills are lightened when imagery is under them. Landmarks are drawn by the label layer.
 */
export function referenceLayersSvg(references: readonly SheetReference[], plan: MapPlan, imageryShown: boolean): string {
  let farmland = "", water = "", rivers = "", casings = "", fills = "";
  const roads = references.filter((r) => r.kind === "road" && inView(r.geometry, plan)).sort((a, b) => (a.widthM ?? 0) - (b.widthM ?? 0));
  for (const ref of references) {
    if (ref.kind === "road" || ref.kind === "landmark" || !inView(ref.geometry, plan)) continue;
    const d = geometryPath(ref.geometry, plan.project);
    if (!d) continue;
    if (ref.kind === "farmland") farmland += d;
    else if (ref.kind === "water" || (ref.kind === "river" && isArea(ref.geometry))) water += d;
    else rivers += `<path d="${d}" fill="none" stroke="${RIVER_COLOUR}" stroke-width="${num(lineWidthMm(ref.widthM, plan.scale, 6, 0.35))}" stroke-linecap="round" stroke-linejoin="round"/>`;
  }
  for (const road of roads) {
    const d = geometryPath(road.geometry, plan.project);
    if (!d) continue;
    if (isArea(road.geometry)) {
      fills += `<path d="${d}" fill="${ROAD_FILL}" stroke="${ROAD_CASING}" stroke-width="0.15"/>`;
      continue;
    }
    const width = lineWidthMm(road.widthM, plan.scale, 4, 0.3);
    casings += `<path d="${d}" stroke-width="${num(width + 0.35)}"/>`;
    fills += `<path d="${d}" stroke-width="${num(width)}"/>`;
  }
  const fade = imageryShown ? ` opacity="0.45"` : "";
  return (
    `<g class="references">` +
    (farmland ? `<path d="${farmland}" ${MAP_STYLE.farmland} fill-rule="evenodd"${fade}/>` : "") +
    (water ? `<path d="${water}" ${MAP_STYLE.water} fill-rule="evenodd"${fade}/>` : "") +
    rivers +
    `<g fill="none" stroke="${ROAD_CASING}" stroke-linecap="round" stroke-linejoin="round">${casings}</g>` +
    `<g fill="none" stroke="${ROAD_FILL}" stroke-linecap="round" stroke-linejoin="round">${fills}</g>` +
    `</g>`
  );
}

/** Side of the small square drawn for a building known only as a point, mm. */
const POINT_BUILDING_MM = 1.3;

/** Path data of a building: its footprint, or a small square around its point. */
function buildingPath(geometry: Point | Polygon, plan: MapPlan, square = POINT_BUILDING_MM): string {
  if (geometry.type === "Polygon") return geometryPath(geometry, plan.project);
  const [x, y] = plan.project(geometry.coordinates[0], geometry.coordinates[1]);
  const h = square / 2;
  return `M${num(x - h)} ${num(y - h)}h${num(square)}v${num(square)}h${num(-square)}Z`;
}

/** Used for the buildings drawn without numbers (other areas', or all of them on a district sheet): one faint path. */
export function plainBuildingsSvg(buildings: ReadonlyArray<Point | Polygon>, plan: MapPlan, style: string): string {
  let d = "";
  for (const b of buildings) if (inView(b, plan)) d += buildingPath(b, plan, 0.9);
  return d ? `<path d="${d}" ${style}/>` : "";
}

/** A building's footprint on the page: its label point and the bbox of its outer ring (mm). */
function footprintOnPage(geometry: Polygon, plan: MapPlan): { cx: number; cy: number; minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of geometry.coordinates[0]) {
    const [x, y] = plan.project(p[0], p[1]);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const [cx, cy] = plan.project(...(labelPoint(geometry) as [number, number]));
  return { cx, cy, minX, minY, maxX, maxY };
}

/** Smallest font (mm) of a number inside a footprint; a footprint too small for it gets its number beside it. */
const MIN_INSIDE_NUMBER_MM = 1.5;
const OUTSIDE_NUMBER_MM = 1.7;

/**
 * Used by the small-area sheet: the area's buildings (footprint, or a square for a point) with their numbers
 * as text: inside the footprint, sized to it, when it fits; else beside it (or beside the point's square)
 * where it overlaps no other building or number. Every number is drawn and remembered by the placer, so the
 * optional labels drawn later keep off them and off the footprints.
 */
export function numberedBuildingsSvg(buildings: readonly SheetBuilding[], plan: MapPlan, placer: LabelPlacer): string {
  let shapes = "", labels = "";
  const outside: Array<{ digits: string; minX: number; minY: number; maxX: number; maxY: number }> = [];
  for (const b of buildings) {
    shapes += buildingPath(b.geometry, plan);
    const f = b.geometry.type === "Polygon" ? footprintOnPage(b.geometry, plan) : null;
    const [px, py] = b.geometry.type === "Point" ? plan.project(b.geometry.coordinates[0], b.geometry.coordinates[1]) : [0, 0];
    const bounds = f ?? { minX: px - POINT_BUILDING_MM / 2, minY: py - POINT_BUILDING_MM / 2, maxX: px + POINT_BUILDING_MM / 2, maxY: py + POINT_BUILDING_MM / 2 };
    placer.add({ cx: (bounds.minX + bounds.maxX) / 2, cy: (bounds.minY + bounds.maxY) / 2, width: bounds.maxX - bounds.minX, height: bounds.maxY - bounds.minY, angle: 0 });
    if (b.number === null) continue;
    const digits = String(b.number);
    const size = f ? Math.min(2.5, (f.maxX - f.minX) / (digits.length * 0.6 + 0.3), (f.maxY - f.minY) * 0.85) : 0;
    if (f && size >= MIN_INSIDE_NUMBER_MM) {
      placer.add({ cx: f.cx, cy: f.cy, width: digits.length * 0.56 * size, height: size * 0.8, angle: 0 });
      labels += svgText(f.cx, f.cy + size * 0.36, digits, size, { "text-anchor": "middle" });
    } else outside.push({ digits, ...bounds });
  }
  const s = OUTSIDE_NUMBER_MM;
  for (const o of outside) {
    const w = o.digits.length * 0.56 * s + 0.2, h = s * 0.8, my = (o.minY + o.maxY) / 2, mx = (o.minX + o.maxX) / 2;
    const candidates = [
      { cx: o.maxX + 0.3 + w / 2, cy: my, width: w, height: h, angle: 0 },
      { cx: o.minX - 0.3 - w / 2, cy: my, width: w, height: h, angle: 0 },
      { cx: mx, cy: o.minY - 0.3 - h / 2, width: w, height: h, angle: 0 },
      { cx: mx, cy: o.maxY + 0.3 + h / 2, width: w, height: h, angle: 0 },
      { cx: o.maxX + 0.2 + w / 2, cy: o.minY - 0.2 - h / 2, width: w, height: h, angle: 0 },
      { cx: o.minX - 0.2 - w / 2, cy: o.minY - 0.2 - h / 2, width: w, height: h, angle: 0 },
      { cx: o.maxX + 0.2 + w / 2, cy: o.maxY + 0.2 + h / 2, width: w, height: h, angle: 0 },
      { cx: o.minX - 0.2 - w / 2, cy: o.maxY + 0.2 + h / 2, width: w, height: h, angle: 0 },
    ];
    const placed = placer.placeFirst(candidates);
    const box = placed ?? candidates[0];
    if (!placed) placer.add(box);
    labels += svgText(box.cx, box.cy + s * 0.36, o.digits, s, { "text-anchor": "middle" });
  }
  if (!shapes) return "";
  return `<g class="buildings"><path d="${shapes}" ${MAP_STYLE.building}/><g fill="${LABEL_COLOURS.building}">${labels}</g></g>`;
}
