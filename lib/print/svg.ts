import type { Geometry, MultiPolygon, Polygon, Position } from "geojson";
import type { Bbox } from "@/lib/geo/bbox";

/** Lon/lat → millimetres on the page (a map plan's `project`). */
export type Projector = (lon: number, lat: number) => [number, number];

/** The CSS font stack of every sheet (Debian fonts-noto-cjk first; ADR 0010). */
export const FONT_FAMILY = `"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif`;

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Used for every text and attribute value written into a sheet: the string with XML's special characters escaped. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/** Used for every coordinate written into a sheet: the number rounded to 0.01 mm, without trailing zeros. */
export function num(value: number): string {
  // integer formatting: about 4× faster than String() of the rounded double, and this runs ~10⁴ times a sheet
  let r = Math.round(value * 100);
  if (r === 0) return "0";
  let sign = "";
  if (r < 0) {
    sign = "-";
    r = -r;
  }
  const whole = Math.floor(r / 100), cents = r - whole * 100;
  if (cents === 0) return sign + whole;
  if (cents % 10 === 0) return sign + whole + "." + cents / 10;
  return sign + whole + (cents < 10 ? ".0" : ".") + cents;
}

/** Used to wrap the content of one page: the `<svg>` element of the paper's size, units = millimetres, white. */
export function svgPage(size: { width: number; height: number }, body: string): string {
  const { width: w, height: h } = size;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${h}mm" viewBox="0 0 ${w} ${h}" ` +
    `font-family="${escapeXml(FONT_FAMILY)}"><rect width="${w}" height="${h}" fill="#fff"/>${body}</svg>`
  );
}

/** Extra attributes of a text element (already-safe names; values are escaped). */
export type TextAttributes = Record<string, string | number | undefined>;

/** Used for every label of a sheet: a real `<text>` element (selectable in the PDF) with escaped content. */
export function svgText(x: number, y: number, content: string, size: number, attributes: TextAttributes = {}): string {
  let extra = "";
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) extra += ` ${name}="${typeof value === "number" ? num(value) : escapeXml(value)}"`;
  }
  return `<text x="${num(x)}" y="${num(y)}" font-size="${num(size)}"${extra}>${escapeXml(content)}</text>`;
}

/**
 * Used to fit labels and table cells before they are drawn: the estimated advance width in mm of `text` at
 * `size` mm in Noto Sans CJK (ideographs 1 em, Latin and digits about 0.56 em). Errs on the wide side.
 */
export function textWidthMm(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef)) em += 1;
    else if (ch === " ") em += 0.27;
    else if (/[il.,:;'|!()[\]·]/.test(ch)) em += 0.3;
    else if (/[A-Z]|[mwMW@%]/.test(ch)) em += 0.66;
    else em += 0.56;
  }
  return em * size;
}

/**
 * Used for table cells and title-block values: `text` at `size`, shrunk down to `minSize` and then cut with
 * "…" so that it fits `maxWidth` mm.
 */
export function fitText(text: string, maxWidth: number, size: number, minSize = size * 0.7): { text: string; size: number } {
  const width = textWidthMm(text, size);
  if (width <= maxWidth) return { text, size };
  const shrunk = (size * maxWidth) / width;
  if (shrunk >= minSize) return { text, size: shrunk };
  const chars = [...text];
  while (chars.length > 1 && textWidthMm(chars.join("") + "…", minSize) > maxWidth) chars.pop();
  return { text: chars.join("") + "…", size: minSize };
}

/** Path data of one ring or line, points closer than 0.05 mm to the previous one left out. */
function pathOf(positions: readonly Position[], project: Projector, close: boolean): string {
  let d = "";
  let lastX = NaN, lastY = NaN;
  for (let i = 0; i < positions.length; i++) {
    const [x, y] = project(positions[i][0], positions[i][1]);
    const isEnd = i === positions.length - 1;
    if (i > 0 && !isEnd && Math.abs(x - lastX) < 0.05 && Math.abs(y - lastY) < 0.05) continue;
    d += `${i === 0 ? "M" : "L"}${num(x)} ${num(y)}`;
    lastX = x;
    lastY = y;
  }
  return close && d ? d + "Z" : d;
}

/**
 * Used to draw areas, lines and footprints: SVG path data (mm on the page) of a Polygon, MultiPolygon,
 * LineString or MultiLineString; rings are closed ("Z", draw with fill-rule evenodd for holes); "" for points.
 */
export function geometryPath(geometry: Geometry, project: Projector): string {
  switch (geometry.type) {
    case "Polygon":
      return geometry.coordinates.map((ring) => pathOf(ring, project, true)).join("");
    case "MultiPolygon":
      return geometry.coordinates.map((poly) => poly.map((ring) => pathOf(ring, project, true)).join("")).join("");
    case "LineString":
      return pathOf(geometry.coordinates, project, false);
    case "MultiLineString":
      return geometry.coordinates.map((line) => pathOf(line, project, false)).join("");
    case "GeometryCollection":
      return geometry.geometries.map((g) => geometryPath(g, project)).join("");
    default:
      return "";
  }
}

/** One Sutherland–Hodgman pass: the part of `ring` on the inner side of one bbox edge. */
function clipEdge(ring: Position[], inside: (p: Position) => boolean, cross: (a: Position, b: Position) => Position): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    const current = ring[i], previous = ring[(i + ring.length - 1) % ring.length];
    if (inside(current)) {
      if (!inside(previous)) out.push(cross(previous, current));
      out.push(current);
    } else if (inside(previous)) out.push(cross(previous, current));
  }
  return out;
}

/** Used to find where a clipped area's label goes: the part of a ring inside a bbox (open ring, maybe empty). */
export function clipRingToBbox(ring: readonly Position[], bbox: Bbox): Position[] {
  const [w, s, e, n] = bbox;
  const atX = (a: Position, b: Position, x: number): Position => [x, a[1] + ((x - a[0]) / (b[0] - a[0])) * (b[1] - a[1])];
  const atY = (a: Position, b: Position, y: number): Position => [a[0] + ((y - a[1]) / (b[1] - a[1])) * (b[0] - a[0]), y];
  let out = ring.slice(0, ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? -1 : undefined);
  out = clipEdge(out, (p) => p[0] >= w, (a, b) => atX(a, b, w));
  out = clipEdge(out, (p) => p[0] <= e, (a, b) => atX(a, b, e));
  out = clipEdge(out, (p) => p[1] >= s, (a, b) => atY(a, b, s));
  out = clipEdge(out, (p) => p[1] <= n, (a, b) => atY(a, b, n));
  return out;
}

/** Used to label areas by the part shown on the map: each polygon's outer ring clipped to the bbox, empty parts dropped. */
export function clipAreaToBbox(area: Polygon | MultiPolygon, bbox: Bbox): Polygon[] {
  const polygons = area.type === "Polygon" ? [area.coordinates] : area.coordinates;
  const out: Polygon[] = [];
  for (const rings of polygons) {
    const outer = clipRingToBbox(rings[0], bbox);
    if (outer.length >= 3) out.push({ type: "Polygon", coordinates: [[...outer, outer[0]]] });
  }
  return out;
}
