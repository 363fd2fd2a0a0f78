/**
 * Export → import comparison (issue #8): writes features with `writeVectorFile`, reads the file back with
 * `readVectorFile`, and measures what changed: feature count, the largest coordinate difference (degrees) and
 * the attributes that differ. Allowed: shapefile field names cut to 10 bytes, numbers read back as numeric text
 * (KML, CSV) and the other way round, empty text for null, single-part Multi* read as the single type, rings
 * wound the other way or started elsewhere, extra properties the reader adds (KML `name`). CSV holds one point
 * per feature, compared with the point it was given (`representativePoint`). Used by the round-trip tests and
 * `bin/io-round-trip.ts`.
 */
import type { Feature, Geometry, Position } from "geojson";
import { readVectorFile } from "./read";
import type { VectorFormat } from "./types";
import { shapefileFieldNames } from "./write-dbf";
import { writeVectorFile } from "./write";
import { shapefileGroups } from "./write-shapefile";
import { representativePoint } from "./write-text";

/** One row of the round-trip table. */
export interface RoundTrip {
  format: VectorFormat;
  written: number;
  read: number;
  /** largest difference of any coordinate, in degrees (Infinity when the shapes differ) */
  maxError: number;
  /** "features[3].name: 西村 ≠ 西" … (empty when every attribute came back) */
  attributeDiffs: string[];
  bytes: number;
}

type In = Feature<Geometry | null, Record<string, unknown> | null>;

const empty = (v: unknown) => v === null || v === undefined || v === "";

/** Used by the comparison: whether a value read back is the value written, as the format can hold it. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  if (typeof a === "number" || typeof b === "number") return Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(a)));
  return String(a) === String(b);
}

/** The rings or lines of a geometry (single-part Multi* as the single type), each without its closing position. */
function partsOf(g: Geometry | null): Position[][] {
  if (!g) return [];
  const open = (r: Position[]) => (r.length > 1 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r.slice(0, -1) : r);
  switch (g.type) {
    case "Point":
      return [[g.coordinates]];
    case "MultiPoint":
      return g.coordinates.map((p) => [p]);
    case "LineString":
      return [g.coordinates];
    case "MultiLineString":
      return g.coordinates;
    case "Polygon":
      return g.coordinates.map(open);
    case "MultiPolygon":
      return g.coordinates.flatMap((p) => p.map(open));
    case "GeometryCollection":
      return g.geometries.flatMap(partsOf);
  }
}

/** The largest difference between two sequences of the same length, trying every start and both directions when `ring`. */
function partError(a: Position[], b: Position[], ring: boolean): number {
  if (a.length !== b.length) return Infinity;
  const diff = (p: Position, q: Position) => Math.max(Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]));
  const reversed = [...b].reverse();
  let best = Infinity;
  for (const seq of [b, reversed]) {
    for (let shift = 0; shift < (ring ? seq.length : 1); shift++) {
      let worst = 0;
      for (let i = 0; i < a.length && worst < best; i++) worst = Math.max(worst, diff(a[i], seq[(i + shift) % seq.length]));
      best = Math.min(best, worst);
      if (best < 1e-9) return best;
    }
  }
  return best;
}

/** Used by the comparison: the largest coordinate difference between two geometries (Infinity when their parts differ). */
export function geometryError(a: Geometry | null, b: Geometry | null): number {
  const pa = partsOf(a);
  const pb = partsOf(b);
  if (pa.length !== pb.length) return Infinity;
  const ring = !!a && (a.type === "Polygon" || a.type === "MultiPolygon");
  return pa.reduce((m, part, i) => Math.max(m, partError(part, pb[i], ring)), 0);
}

/**
 * Used by the round-trip tests and script: `features` written as `format` and read back, compared feature by
 * feature in order (a shapefile's sets one after the other; features without a geometry are left out of the
 * comparison for FlatGeobuf and CSV, which cannot hold them).
 */
export async function roundTrip(features: In[], format: VectorFormat, fields?: Array<{ name: string; type: "string" | "number" }>): Promise<RoundTrip> {
  const file = await writeVectorFile(features, format, { layerName: "round_trip", fields });
  const back = await readVectorFile(file.bytes, file.fileName);
  // a shapefile zip holds one set per geometry kind: read every set, in the order they were written
  for (const layer of format === "shapefile" ? (back.layers ?? []).slice(1) : []) back.features.push(...(await readVectorFile(file.bytes, file.fileName, { layer })).features);
  const kept = format === "flatgeobuf" || format === "csv" ? features.filter((f) => f.geometry) : format === "shapefile" ? shapefileGroups(features).flatMap((g) => g.features) : features;
  const names = format === "shapefile" ? shapefileFieldNames(fields?.map((f) => f.name) ?? [...new Set(kept.flatMap((f) => Object.keys(f.properties ?? {})))]) : null;
  let maxError = kept.length === back.features.length ? 0 : Infinity;
  const attributeDiffs: string[] = [];
  kept.forEach((f, i) => {
    const b = back.features[i];
    if (!b) return;
    const expected = format === "csv" ? (f.geometry ? ({ type: "Point", coordinates: representativePoint(f.geometry)! } as Geometry) : null) : f.geometry;
    maxError = Math.max(maxError, geometryError(expected, b.geometry));
    for (const [key, value] of Object.entries(f.properties ?? {})) {
      const got = b.properties?.[names?.get(key) ?? key];
      if (!sameValue(value, got)) attributeDiffs.push(`features[${i}].${key}: ${JSON.stringify(value)} ≠ ${JSON.stringify(got)}`);
    }
  });
  return { format, written: kept.length, read: back.features.length, maxError, attributeDiffs, bytes: file.bytes.length };
}
