import type { Geometry, Polygon, Position } from "geojson";
import { labelPoint } from "@/lib/geo/label-point";
import { pointInPolygon } from "@/lib/geo/point-in-polygon";
import { ringAreaM2 } from "@/lib/geo/ring-area";
import type { AreaGeometry } from "@/lib/domain/types";
import type { LabelBox, LabelPlacer } from "./label-placer";
import type { MapPlan } from "./map-plan";
import { LABEL_COLOURS, MAP_STYLE } from "./map-style";
import { inView } from "./map-layers";
import { clipAreaToBbox, geometryPath, num, svgText, textWidthMm, type TextAttributes } from "./svg";
import type { SheetBuilding, SheetReference } from "./types";

/** A label as text: centred on the box, turned with it. */
function labelText(box: LabelBox, text: string, size: number, attributes: TextAttributes = {}): string {
  const y = box.cy + size * 0.36;
  const transform = box.angle ? `rotate(${num(box.angle)} ${num(box.cx)} ${num(box.cy)})` : undefined;
  return svgText(box.cx, y, text, size, { "text-anchor": "middle", transform, ...attributes });
}

/** The lines (projected, mm) of a line geometry. */
function projectedLines(geometry: Geometry, plan: MapPlan): Array<Array<[number, number]>> {
  const lines = geometry.type === "LineString" ? [geometry.coordinates] : geometry.type === "MultiLineString" ? geometry.coordinates : [];
  return lines.map((line) => line.map((p) => plan.project(p[0], p[1])));
}

/**
 * Where a label of `length` mm can run along a line: chords of the line at least that long whose vertices
 * stay within 0.8 mm of the chord, longest first, turned to read left to right, moved `offset` mm off the line.
 */
function lineCandidates(lines: Array<Array<[number, number]>>, length: number, height: number, offset: number): LabelBox[] {
  const out: Array<LabelBox & { score: number }> = [];
  for (const line of lines) {
    for (let i = 0; i < line.length - 1 && out.length < 60; i++) {
      let walked = 0;
      for (let j = i + 1; j < line.length; j++) {
        walked += Math.hypot(line[j][0] - line[j - 1][0], line[j][1] - line[j - 1][1]);
        if (walked < length + 1) continue;
        const [ax, ay] = line[i], [bx, by] = line[j];
        const chord = Math.hypot(bx - ax, by - ay);
        let straight = true;
        for (let k = i + 1; k < j && straight; k++) {
          const d = Math.abs((bx - ax) * (ay - line[k][1]) - (ax - line[k][0]) * (by - ay)) / chord;
          straight = d < 0.8;
        }
        if (!straight) break;
        let angle = (Math.atan2(by - ay, bx - ax) * 180) / Math.PI;
        if (angle > 90) angle -= 180;
        if (angle <= -90) angle += 180;
        const a = (angle * Math.PI) / 180;
        const nx = -Math.sin(a), ny = Math.cos(a);
        const cx = (ax + bx) / 2 - nx * offset, cy = (ay + by) / 2 - ny * offset;
        out.push({ cx, cy, width: length, height, angle, score: chord });
        break;
      }
    }
  }
  return out.sort((p, q) => q.score - p.score);
}

/** The point of a geometry to hang a marker or a label on (mm on the page). */
function anchorOf(geometry: Geometry, plan: MapPlan): [number, number] | null {
  if (geometry.type === "Point") return plan.project(geometry.coordinates[0], geometry.coordinates[1]);
  if (geometry.type === "Polygon" || geometry.type === "MultiPolygon") return plan.project(...(labelPoint(geometry) as [number, number]));
  return null;
}

/** Candidates around a point: right, left, above, below (a marker of `gap` mm radius in between). */
function aroundPoint(x: number, y: number, width: number, size: number, gap: number): LabelBox[] {
  const h = size * 0.9;
  return [
    { cx: x + gap + width / 2, cy: y, width, height: h, angle: 0 },
    { cx: x - gap - width / 2, cy: y, width, height: h, angle: 0 },
    { cx: x, cy: y - gap - h / 2, width, height: h, angle: 0 },
    { cx: x, cy: y + gap + h / 2, width, height: h, angle: 0 },
  ];
}

/**
 * Used by both sheets after the numbered buildings: landmarks (marker + name), landmark names of the area's
 * buildings not already shown, pond and river names, road names along the road — each placed only where it
 * overlaps no earlier label; one label per road or river name.
 */
export function referenceLabelsSvg(references: readonly SheetReference[], buildings: readonly SheetBuilding[], plan: MapPlan, placer: LabelPlacer): string {
  let markers = "", labels = "";
  const shown = new Set<string>();
  const landmarks: Array<{ name: string | null; anchor: [number, number] }> = [];
  for (const ref of references) {
    if (ref.kind !== "landmark" || !inView(ref.geometry, plan)) continue;
    const anchor = anchorOf(ref.geometry, plan);
    if (!anchor) continue;
    landmarks.push({ name: ref.name, anchor });
    placer.add({ cx: anchor[0], cy: anchor[1], width: 1.8, height: 1.8, angle: 0 });
    if (ref.geometry.type === "Point") markers += `<circle cx="${num(anchor[0])}" cy="${num(anchor[1])}" r="0.9" ${MAP_STYLE.landmark}/><circle cx="${num(anchor[0])}" cy="${num(anchor[1])}" r="0.3"/>`;
    else markers += `<path d="${geometryPath(ref.geometry, plan.project)}" ${MAP_STYLE.building} fill-opacity="0.5"/>`;
  }
  for (const { name, anchor } of landmarks) {
    if (!name) continue;
    const box = placer.placeFirst(aroundPoint(anchor[0], anchor[1], textWidthMm(name, 2.3), 2.3, 1.4));
    if (box) {
      labels += labelText(box, name, 2.3, { fill: LABEL_COLOURS.landmark, "font-weight": 700 });
      shown.add(name);
    }
  }
  for (const b of buildings) {
    if (!b.name || shown.has(b.name) || !inView(b.geometry, plan)) continue;
    const anchor = anchorOf(b.geometry, plan);
    if (!anchor) continue;
    const box = placer.placeFirst(aroundPoint(anchor[0], anchor[1], textWidthMm(b.name, 2.1), 2.1, 2.6));
    if (box) labels += labelText(box, b.name, 2.1, { fill: LABEL_COLOURS.landmark });
    shown.add(b.name);
  }
  for (const ref of references) {
    if (ref.kind !== "water" || !ref.name || !inView(ref.geometry, plan)) continue;
    const anchor = anchorOf(ref.geometry, plan);
    if (!anchor) continue;
    const w = textWidthMm(ref.name, 2.1);
    const box = placer.placeFirst([{ cx: anchor[0], cy: anchor[1], width: w, height: 1.9, angle: 0 }, ...aroundPoint(anchor[0], anchor[1], w, 2.1, 2)]);
    if (box) labels += labelText(box, ref.name, 2.1, { fill: LABEL_COLOURS.water });
  }
  for (const kind of ["river", "road"] as const) {
    const byName = new Map<string, Array<Array<[number, number]>>>();
    for (const ref of references) {
      if (ref.kind !== kind || !ref.name || !inView(ref.geometry, plan)) continue;
      byName.set(ref.name, [...(byName.get(ref.name) ?? []), ...projectedLines(ref.geometry, plan)]);
    }
    for (const [name, lines] of byName) {
      const size = kind === "road" ? 2.2 : 2.3;
      const wide = references.find((r) => r.name === name)?.widthM ?? 0;
      const onLine = (wide / plan.scale) * 1000 >= size * 1.1;
      const box = placer.placeFirst(lineCandidates(lines, textWidthMm(name, size), size * 0.9, onLine ? 0 : size * 0.5 + 0.9));
      const fill = kind === "road" ? LABEL_COLOURS.road : onLine ? "#fff" : LABEL_COLOURS.water;
      if (box) labels += labelText(box, name, size, { fill });
    }
  }
  return `<g class="reference-labels"><g fill="#000">${markers}</g>${labels}</g>`;
}

/**
 * Where an area's label may go, best first: the label point of the area's largest part in view (inset from
 * the frame), then points of a grid inside that part, nearest to the label point first.
 */
export function areaLabelCandidates(area: AreaGeometry, plan: MapPlan, insetMm = 4): Array<[number, number]> {
  const [w, s, e, n] = plan.bbox;
  const dx = ((e - w) * insetMm) / plan.frame.width, dy = ((n - s) * insetMm) / plan.frame.height;
  const parts = clipAreaToBbox(area, [w + dx, s + dy, e - dx, n - dy]);
  if (!parts.length) return [];
  const size = (p: Polygon) => Math.abs(ringAreaM2(p.coordinates[0] as Position[]));
  const largest = parts.reduce((best, p) => (size(p) > size(best) ? p : best));
  const anchor = labelPoint(largest) as [number, number];
  const ring = largest.coordinates[0];
  const lons = ring.map((p) => p[0]), lats = ring.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const grid: Array<[number, number]> = [];
  for (let i = 1; i < 8; i++) {
    for (let j = 1; j < 8; j++) {
      const p: [number, number] = [x0 + ((x1 - x0) * i) / 8, y0 + ((y1 - y0) * j) / 8];
      if (pointInPolygon(p, largest)) grid.push(p);
    }
  }
  grid.sort((a, b) => Math.hypot(a[0] - anchor[0], a[1] - anchor[1]) - Math.hypot(b[0] - anchor[0], b[1] - anchor[1]));
  return [anchor, ...grid].map((p) => plan.project(p[0], p[1]));
}

/**
 * Used for area codes (neighbours, small areas of a district, neighbour districts): a bold label at the
 * first candidate point where it overlaps no earlier label, else at the first candidate anyway (a code is
 * never left out); "" when the area is not in view.
 */
export function areaLabelSvg(area: AreaGeometry, text: string, size: number, plan: MapPlan, placer: LabelPlacer, attributes: TextAttributes = {}, insetMm = 4): string {
  const candidates = areaLabelCandidates(area, plan, insetMm);
  if (!candidates.length) return "";
  const width = textWidthMm(text, size);
  const boxes = candidates.map(([cx, cy]): LabelBox => ({ cx, cy, width: width + 0.6, height: size * 0.85, angle: 0 }));
  const placed = placer.placeFirst(boxes);
  const box = placed ?? boxes[0];
  if (!placed) placer.add(box);
  return labelText(box, text, size, { "font-weight": 700, ...attributes });
}
