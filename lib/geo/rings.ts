import type { MultiPolygon, Polygon, Position } from "geojson";
import { isRingCounterClockwise } from "./ring-area";

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/**
 * Used by split, merge and clip before working on a ring: the ring without its closing position and without
 * consecutive repeated positions. The positions kept are the input's own arrays (bit-for-bit).
 */
export function openRing(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) if (!out.length || !samePosition(out[out.length - 1], p)) out.push(p);
  while (out.length > 1 && samePosition(out[0], out[out.length - 1])) out.pop();
  return out;
}

/** Used when handing a ring back as GeoJSON: the open ring with its first position repeated at the end. */
export function closeRing(open: readonly Position[]): Position[] {
  return open.length ? [...open, open[0]] : [];
}

/**
 * Used to write rings the RFC 7946 way (outer rings counter-clockwise, holes clockwise): the ring itself when
 * it already turns the wanted way, else a reversed copy. Works on open or closed rings.
 */
export function windRing(ring: readonly Position[], counterClockwise: boolean): Position[] {
  return isRingCounterClockwise(ring) === counterClockwise ? [...ring] : [...ring].reverse();
}

/** Used by ops that accept a Polygon or a MultiPolygon: its polygons, each as a Polygon. */
export function polygonsOf(geometry: Polygon | MultiPolygon): Polygon[] {
  return geometry.type === "Polygon" ? [geometry] : geometry.coordinates.map((coordinates) => ({ type: "Polygon", coordinates }));
}

/** Used to gather the vertices of a Polygon or MultiPolygon, every ring's closing position left out. */
export function verticesOf(geometry: Polygon | MultiPolygon): Position[] {
  return polygonsOf(geometry).flatMap((p) => p.coordinates.flatMap((ring) => openRing(ring)));
}
