/**
 * The checks every reader's features pass before reprojection (issue #8): a geometry is present and well formed,
 * every number finite, lines ≥ 2 positions, rings ≥ 4 positions and closed; after reprojection every position
 * is a lon/lat. Self-intersection is checked later by the import pipeline. Used by `readVectorFile`.
 */
import type { Feature, Geometry, Position } from "geojson";
import { zoneFromEasting } from "@/lib/io/crs-defs";
import { somePosition } from "@/lib/io/formats/read-positions";
import { VectorInputError } from "@/lib/io/formats/types";

type AnyFeature = Feature<Geometry | null, Record<string, unknown>>;
type Fail = (rule: string, part: string) => never;

function checkPosition(p: unknown, part: string, fail: Fail): void {
  if (!Array.isArray(p) || p.length < 2 || p.some((v) => typeof v !== "number")) fail("bad_geometry", part);
  if (!(p as number[]).every(Number.isFinite)) fail("non_finite", part);
}

function checkLine(line: unknown, part: string, min: number, ring: boolean, fail: Fail): void {
  if (!Array.isArray(line)) fail("bad_geometry", part);
  const positions = line as Position[];
  positions.forEach((p, k) => checkPosition(p, `${part}[${k}]`, fail));
  if (positions.length < min) fail("too_few_positions", part);
  if (ring) {
    const a = positions[0], b = positions[positions.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) fail("ring_not_closed", part);
  }
}

function checkList(list: unknown, part: string, fail: Fail, each: (item: unknown, part: string) => void): void {
  if (!Array.isArray(list)) fail("bad_geometry", part);
  if ((list as unknown[]).length === 0) fail("empty_geometry", part);
  (list as unknown[]).forEach((item, k) => each(item, `${part}[${k}]`));
}

function checkGeometry(g: unknown, part: string, fail: Fail): void {
  if (g === null || g === undefined) fail("empty_geometry", part);
  if (typeof g !== "object") fail("bad_geometry", part);
  const { type, coordinates, geometries } = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const at = `${part}.coordinates`;
  switch (type) {
    case "Point":
      return checkPosition(coordinates, at, fail);
    case "MultiPoint":
      return checkList(coordinates, at, fail, (p, q) => checkPosition(p, q, fail));
    case "LineString":
      return checkLine(coordinates, at, 2, false, fail);
    case "MultiLineString":
      return checkList(coordinates, at, fail, (l, q) => checkLine(l, q, 2, false, fail));
    case "Polygon":
      return checkList(coordinates, at, fail, (r, q) => checkLine(r, q, 4, true, fail));
    case "MultiPolygon":
      return checkList(coordinates, at, fail, (poly, q) => checkList(poly, q, fail, (r, q2) => checkLine(r, q2, 4, true, fail)));
    case "GeometryCollection":
      return checkList(geometries, `${part}.geometries`, fail, (child, q) => checkGeometry(child, q, fail));
    default:
      fail("bad_geometry", part);
  }
}

/**
 * Used by `readVectorFile`: throws a {@link VectorInputError} naming `features[i].geometry` (params: the part, e.g.
 * `coordinates[0][2]`) for the first missing (not null), empty or malformed geometry, non-finite number, short line or ring,
 * or ring that is not closed.
 */
export function checkGeometries(features: AnyFeature[]): void {
  features.forEach((f, i) => {
    const fail: Fail = (rule, part) => {
      throw new VectorInputError(rule, `features[${i}].geometry`, { part: part.replace(/^geometry\.?/, "") || "geometry" });
    };
    // RFC 7946: a feature may be unlocated (`"geometry": null`, a shapefile's null shape) — a virtual small area
    // or an attribute row; whether its layer accepts that is the import's decision. A missing member is malformed.
    if (f.geometry === null) return;
    checkGeometry(f.geometry, "geometry", fail);
  });
}

const outOfRange = (p: Position) => !(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90);

/**
 * Used by `readVectorFile` before reprojection when the file has no CRS: coordinates in metres (an easting in
 * the thousands or more) → `crs_unknown` naming the file, with the EPSG code suggested by a Gauss-Krüger zone
 * prefix in the easting (e.g. 39 500 000 → EPSG:4527).
 */
export function checkNoCrs(features: AnyFeature[], fileName: string): void {
  for (const f of features) {
    let found: Position | null = null;
    if (f.geometry) somePosition(f.geometry, (p) => (outOfRange(p) ? ((found = p), true) : false));
    if (!found) continue;
    const [x, y] = found as Position;
    if (Math.abs(x) < 1e4 && Math.abs(y) < 1e4) return;
    const zone = zoneFromEasting(x);
    const suggestion = zone ? `EPSG:${zone.code}` : x > 0 && x < 1e6 ? "EPSG:4534–4554" : "EPSG:3857";
    throw new VectorInputError("crs_unknown", fileName, { file: fileName, suggestion, x: Math.round(x), y: Math.round(y) });
  }
}

/** Used by `readVectorFile` after reprojection: throws `coordinates_out_of_range` at the first feature not in lon/lat. */
export function checkLonLatRange(features: AnyFeature[]): void {
  features.forEach((f, i) => {
    let found: Position | null = null;
    if (f.geometry) somePosition(f.geometry, (p) => (outOfRange(p) ? ((found = p), true) : false));
    if (found) {
      const [x, y] = found as Position;
      throw new VectorInputError("coordinates_out_of_range", `features[${i}].geometry`, { x, y });
    }
  });
}
