/**
 * What the import's preview step shows of a file read by `readVectorFile` (issue #8): a capped FeatureCollection
 * with rounded coordinates for the small map (the whole file can be 100,000 features), the bbox of every
 * feature, the count of each geometry type, and the features outside every township. Pure; used by
 * POST /api/import/preview and `tessera import`.
 */
import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import { bboxOfGeometry, type Bbox } from "@/lib/geo/bbox";

/** Features on the preview map at most. */
export const PREVIEW_FEATURES = 2000;
/** Decimals kept in preview coordinates (1e-6° ≈ 0.1 m). */
const DECIMALS = 6;

type AnyFeature = Feature<Geometry | null, Record<string, unknown> | null>;

const round = (v: number) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;

function roundPositions(value: unknown): unknown {
  if (Array.isArray(value) && typeof value[0] === "number") return (value as Position).map(round);
  return Array.isArray(value) ? value.map(roundPositions) : value;
}

function roundGeometry(g: Geometry): Geometry {
  if (g.type === "GeometryCollection") return { type: g.type, geometries: g.geometries.map(roundGeometry) };
  return { type: g.type, coordinates: roundPositions(g.coordinates) } as Geometry;
}

/** The preview's summary of a file. */
export interface PreviewSummary {
  /** the first {@link PREVIEW_FEATURES} features with geometry, coordinates rounded, property `i` = index in the file */
  preview: FeatureCollection;
  capped: boolean;
  bbox: Bbox | null;
  geometryTypes: Record<string, number>;
  /** indices of features with a position outside `extent` (only when an extent is given) */
  outside: number[];
}

function inside(p: Position, [w, s, e, n]: Bbox): boolean {
  return p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n;
}

function* positions(g: Geometry): Generator<Position> {
  if (g.type === "GeometryCollection") for (const part of g.geometries) yield* positions(part);
  else if (g.type === "Point") yield g.coordinates;
  else if (g.type === "LineString" || g.type === "MultiPoint") yield* g.coordinates;
  else if (g.type === "Polygon" || g.type === "MultiLineString") for (const ring of g.coordinates) yield* ring;
  else for (const polygon of g.coordinates) for (const ring of polygon) yield* ring;
}

/**
 * Used by the preview route: the summary of `features`; `extents` are the townships' bboxes (a feature with a
 * position in none of them is listed in `outside`).
 */
export function previewOf(features: readonly AnyFeature[], extents: readonly Bbox[] = [], cap = PREVIEW_FEATURES): PreviewSummary {
  const shown: Feature[] = [];
  const geometryTypes: Record<string, number> = {};
  const outside: number[] = [];
  let bbox: Bbox | null = null;
  features.forEach((f, i) => {
    const g = f.geometry;
    geometryTypes[g?.type ?? "null"] = (geometryTypes[g?.type ?? "null"] ?? 0) + 1;
    if (!g) return;
    const b = bboxOfGeometry(g);
    if (b.every(Number.isFinite)) bbox = bbox ? [Math.min(bbox[0], b[0]), Math.min(bbox[1], b[1]), Math.max(bbox[2], b[2]), Math.max(bbox[3], b[3])] : b;
    if (extents.length) {
      for (const p of positions(g)) {
        if (!extents.some((e) => inside(p, e))) {
          outside.push(i);
          break;
        }
      }
    }
    if (shown.length < cap) shown.push({ type: "Feature", geometry: roundGeometry(g), properties: { i } });
  });
  return { preview: { type: "FeatureCollection", features: shown }, capped: shown.length < features.filter((f) => f.geometry).length, bbox, geometryTypes, outside };
}
