/**
 * Draws docs/numbering.svg, the picture of the numbering rule, from the rule itself (the functions the seed,
 * the editor, the CLI and renumbering call), so the picture cannot drift from the code:
 * `npx tsx bin/draw-numbering-picture.ts` rewrites it; a test fails when it is out of date.
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Polygon, Position } from "geojson";
import { numberingHand, orderBuildingsClockwise, orderSmallAreasClockwise } from "@/lib/geo/clockwise-order";
import { labelPoint } from "@/lib/geo/label-point";
import { metresPerDegree } from "@/lib/geo/metres-per-degree";

/** Where the picture is written. */
export const PICTURE_PATH = "docs/numbering.svg";

const ORIGIN: Position = [120.1, 30.3];
const [KX, KY] = metresPerDegree(ORIGIN[1]);
const toLonLat = ([x, y]: Position): Position => [ORIGIN[0] + x / KX, ORIGIN[1] + y / KY];
const toMetres = ([lon, lat]: Position): Position => [(lon - ORIGIN[0]) * KX, (lat - ORIGIN[1]) * KY];
const polygon = (ring: Position[]): Polygon => ({ type: "Polygon", coordinates: [[...ring, ring[0]].map(toLonLat)] });

/** A district of nine small areas on a slightly crooked 3 × 3 lattice (metres), listed row by row from the south. */
function district(): { outline: Polygon; smallAreas: Polygon[] } {
  const xs = [0, 220, 400, 600], ys = [0, 150, 310, 450];
  const wobble = [[0, 6, -8, 0], [5, -7, 9, -4], [-6, 8, -5, 7], [0, -9, 6, 0]];
  const at = (i: number, j: number): Position => [xs[i] + (i % 3 ? wobble[i][j] : 0), ys[j] + (j % 3 ? wobble[j][i] : 0)];
  const smallAreas: Polygon[] = [];
  for (let j = 0; j < 3; j++) for (let i = 0; i < 3; i++) smallAreas.push(polygon([at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)]));
  const rim: Position[] = [];
  for (let i = 0; i < 3; i++) rim.push(at(i, 0));
  for (let j = 0; j < 3; j++) rim.push(at(3, j));
  for (let i = 3; i > 0; i--) rim.push(at(i, 3));
  for (let j = 3; j > 0; j--) rim.push(at(0, j));
  return { outline: polygon(rim), smallAreas };
}

/** A small area with a ring of houses round a yard and two blocks inside it (metres), in no particular order. */
function smallArea(): { outline: Polygon; buildings: Polygon[] } {
  const outline = polygon([[0, 0], [240, 0], [240, 180], [30, 180], [0, 150]]);
  const spots: Position[] = [[215, 22], [25, 110], [120, 155], [95, 95], [215, 110], [65, 22], [170, 155], [25, 65], [165, 22], [70, 155], [150, 90], [215, 155], [115, 22], [25, 22], [215, 65]];
  const house = ([x, y]: Position) => polygon([[x - 9, y - 7], [x + 9, y - 7], [x + 9, y + 7], [x - 9, y + 7]]);
  return { outline, buildings: spots.map(house) };
}

interface Panel {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Screen position of a lon/lat in a panel fitted to `extent` (metres; north up). */
function screenOf(panel: Panel, extent: Polygon): (p: Position) => [number, number] {
  const ring = extent.coordinates[0].map(toMetres);
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  const [w, s, e, n] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  const scale = Math.min(panel.width / (e - w), panel.height / (n - s));
  const left = panel.x + (panel.width - (e - w) * scale) / 2;
  return (p) => {
    const [x, y] = toMetres(p);
    return [left + (x - w) * scale, panel.y + (n - y) * scale];
  };
}

const fixed = (n: number) => n.toFixed(1);
const path = (ring: Position[], screen: (p: Position) => [number, number]) => `M${ring.map((p) => screen(p).map(fixed).join(" ")).join(" L")} Z`;
const text = (at: [number, number], content: string, cls: string) => `<text class="${cls}" x="${fixed(at[0])}" y="${fixed(at[1])}">${content}</text>`;

/** A filled arrowhead at (x, y) pointing along angle `a` (radians, screen coordinates). */
function arrowhead(x: number, y: number, a: number): string {
  const point = (r: number, t: number) => [x + r * Math.cos(a + t), y + r * Math.sin(a + t)].map(fixed).join(" ");
  return `<path class="head" d="M${point(0, 0)} L${point(11, Math.PI - 0.4)} L${point(11, Math.PI + 0.4)} Z"/>`;
}

/** The hand from the centre to the north-west corner, and a clockwise arc round the centre. */
function hand(parent: Polygon, screen: (p: Position) => [number, number], radius: number): string {
  const { centre, start } = numberingHand(parent);
  const [cx, cy] = screen(centre), [sx, sy] = screen(start);
  const angle = Math.atan2(sy - cy, sx - cx);
  const [from, to] = [angle + 0.2, angle + 5.7];
  const arcAt = (a: number) => [cx + radius * Math.cos(a), cy + radius * Math.sin(a)].map(fixed).join(" ");
  return [
    `<line class="hand" x1="${fixed(cx)}" y1="${fixed(cy)}" x2="${fixed(sx)}" y2="${fixed(sy)}"/>`,
    arrowhead(sx - 6 * Math.cos(angle), sy - 6 * Math.sin(angle), angle),
    `<path class="sweep" d="M${arcAt(from)} A${radius} ${radius} 0 1 1 ${arcAt(to)}"/>`,
    arrowhead(cx + radius * Math.cos(to), cy + radius * Math.sin(to), to + Math.PI / 2),
    `<circle class="centre" cx="${fixed(cx)}" cy="${fixed(cy)}" r="4"/>`,
    `<circle class="corner" cx="${fixed(sx)}" cy="${fixed(sy)}" r="5"/>`,
    text([sx + 10, sy - 12], "start: north-west corner", "note"),
  ].join("\n  ");
}

function districtPanel(panel: Panel): string {
  const { outline, smallAreas } = district();
  const screen = screenOf(panel, outline);
  const ordered = orderSmallAreasClockwise(outline, smallAreas, (a) => a);
  const areas = ordered.map((a, i) => `<path class="area" d="${path(a.coordinates[0].slice(0, -1), screen)}"/>\n  ${text(screen(labelPoint(a)), String(i + 1).padStart(3, "0"), "code")}`);
  return [...areas, `<path class="district" d="${path(outline.coordinates[0].slice(0, -1), screen)}"/>`, hand(outline, screen, 46)].join("\n  ");
}

function smallAreaPanel(panel: Panel): string {
  const { outline, buildings } = smallArea();
  const screen = screenOf(panel, outline);
  const ordered = orderBuildingsClockwise(outline, buildings, (b) => b);
  const houses = ordered.map((b, i) => `<path class="building" d="${path(b.coordinates[0].slice(0, -1), screen)}"/>\n  ${text(screen(labelPoint(b)), String(i + 1), "number")}`);
  return [`<path class="district" d="${path(outline.coordinates[0].slice(0, -1), screen)}"/>`, hand(outline, screen, 40), ...houses].join("\n  ");
}

const CAPTION = [
  "The hand pivots on the centre (label point) of the district or small area, starts at its north-west corner (the point of its outline",
  "nearest the north-west corner of its bounding box) and sweeps clockwise. Small areas: in the order the hand first meets their stretch",
  "of the outline (the one under the hand at the start is 001); those not on the outline follow, ring by ring. Buildings: in the order the",
  "hand first meets their footprint; rings from the outline inwards, split where an empty band is over 1/5 of the way to the outline.",
  "Near-ties (within 1 cm across the hand): nearer the centre first, then further north, then further west. Rule: lib/domain/numbering.ts.",
];

/** Used by this script and its test: the SVG text of docs/numbering.svg. */
export function drawNumberingPicture(): string {
  const left: Panel = { x: 30, y: 60, width: 470, height: 350 };
  const right: Panel = { x: 560, y: 90, width: 390, height: 300 };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="980" height="540" viewBox="0 0 980 540" font-family="sans-serif">
  <style>
    .district { fill: none; stroke: #222; stroke-width: 2.5; }
    .area { fill: #eef4fb; stroke: #7a9cc6; stroke-width: 1.2; }
    .building { fill: #e8e1d4; stroke: #8c7b5f; stroke-width: 1; }
    .code { font-size: 17px; font-weight: bold; text-anchor: middle; dominant-baseline: central; fill: #1f3b63; }
    .number { font-size: 12px; font-weight: bold; text-anchor: middle; dominant-baseline: central; fill: #3d2f14; }
    .hand { stroke: #c0392b; stroke-width: 2; stroke-dasharray: 6 4; }
    .sweep { fill: none; stroke: #c0392b; stroke-width: 2; }
    .centre, .head { fill: #c0392b; }
    .note { font-size: 12px; fill: #c0392b; }
    .corner { fill: #fff; stroke: #c0392b; stroke-width: 2; }
    .title { font-size: 16px; font-weight: bold; }
    .caption { font-size: 12.5px; fill: #333; }
  </style>
  <rect width="980" height="540" fill="#fff"/>
  ${text([30, 34], "Small areas in a district: 001 at the north-west corner, clockwise, inner ring last", "title")}
  ${text([560, 64], "Buildings in a small area: outer ring, then inner", "title")}
  ${text([925, 34], "N ↑", "title")}
  ${districtPanel(left)}
  ${smallAreaPanel(right)}
  ${CAPTION.map((line, i) => text([30, 448 + i * 18], line, "caption")).join("\n  ")}
</svg>
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  writeFileSync(PICTURE_PATH, drawNumberingPicture());
  console.log(`wrote ${PICTURE_PATH}`);
}
