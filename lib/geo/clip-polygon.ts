import { difference, feature, featureCollection, intersect } from "@turf/turf";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { polygonAreaM2 } from "./ring-area";
import { closeRing, openRing, polygonsOf, verticesOf, windRing } from "./rings";

type Area = Polygon | MultiPolygon;

/** Output vertices this close (degrees, ≈ 0.1 mm) to an input vertex become that vertex exactly. */
export const CLIP_SNAP_DEGREES = 1e-9;

/** Vertices by grid cell of {@link CLIP_SNAP_DEGREES}, to snap output vertices onto them. */
function vertexGrid(areas: readonly Area[]): Map<string, Position[]> {
  const grid = new Map<string, Position[]>();
  for (const area of areas) {
    for (const p of verticesOf(area)) {
      const key = `${Math.floor(p[0] / CLIP_SNAP_DEGREES)},${Math.floor(p[1] / CLIP_SNAP_DEGREES)}`;
      grid.set(key, [...(grid.get(key) ?? []), p]);
    }
  }
  return grid;
}

/** The nearest vertex of the grid within the snap distance, or null. */
function nearestVertex(p: Position, grid: Map<string, Position[]>): Position | null {
  const cx = Math.floor(p[0] / CLIP_SNAP_DEGREES), cy = Math.floor(p[1] / CLIP_SNAP_DEGREES);
  let best: Position | null = null;
  let bestD2 = CLIP_SNAP_DEGREES * CLIP_SNAP_DEGREES;
  for (let dx = -1; dx <= 1; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (const q of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
        const d2 = (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2;
        if (d2 <= bestD2) [best, bestD2] = [q, d2];
      }
    }
  }
  return best;
}

/**
 * Snaps the output onto the inputs' vertices — the existing areas' first (the neighbours to share vertices
 * with), the drawn shape's only where no existing vertex is near — drops rings that collapse, and winds
 * rings the RFC 7946 way.
 */
function snapResult(result: Feature<Area> | null, drawn: Area, existing: readonly Area[]): Area | null {
  if (!result) return null;
  const preferred = vertexGrid(existing), fallback = vertexGrid([drawn]);
  const snap = (p: Position) => nearestVertex(p, preferred) ?? nearestVertex(p, fallback) ?? p;
  const polygons: Position[][][] = [];
  for (const polygon of polygonsOf(result.geometry)) {
    const rings = polygon.coordinates.map((ring) => openRing(ring.map(snap)));
    if (rings[0].length < 3) continue;
    polygons.push(rings.filter((r) => r.length >= 3).map((r, i) => closeRing(windRing(r, i === 0))));
  }
  if (!polygons.length) return null;
  return polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0] } : { type: "MultiPolygon", coordinates: polygons };
}

/**
 * Used by freehand drawing (a small area clipped to its district): the part of `polygon` inside `container`,
 * null when none. Output vertices within 1e-9° of a vertex of the container (else of the drawn polygon) are
 * that vertex bit-for-bit, so the new shape shares vertices with its neighbours.
 */
export function clipToArea(polygon: Area, container: Area): Area | null {
  return snapResult(intersect(featureCollection([feature(polygon), feature(container)])), polygon, [container]);
}

/**
 * Used by drawing ("avoid overlap": a new district away from existing districts, a small area away from its
 * siblings): `polygon` minus every area of `others`, null when nothing is left. Vertices snapped onto the
 * inputs' as in {@link clipToArea}.
 */
export function subtractAreas(polygon: Area, others: readonly Area[]): Area | null {
  if (!others.length) return snapResult(feature(polygon), polygon, []);
  const result = difference(featureCollection([feature(polygon), ...others.map((o) => feature(o))]));
  return snapResult(result, polygon, others);
}

/**
 * Used by the draw ops when clipping left several parts: the part with the largest area (the rest are
 * fragments of an overshooting drawing).
 */
export function largestPolygon(area: Area): Polygon {
  return polygonsOf(area).reduce((best, p) => (polygonAreaM2(p) > polygonAreaM2(best) ? p : best));
}
