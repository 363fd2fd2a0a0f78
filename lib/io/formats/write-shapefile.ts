/**
 * Zipped Shapefile out (issue #8): .shp/.shx written by hand (@mapbox/shp-write 0.4 puts every line of a layer
 * into one record and does not wind rings the shapefile way), .dbf with UTF-8 text (`write-dbf.ts`), .prj
 * (WGS 84 geographic) and .cpg "UTF-8". A shapefile holds one kind of geometry, so a mixed layer gives one set
 * of files per kind in the same zip: `<layer>_point`, `<layer>_line`, `<layer>_polygon` (`_multipoint`).
 * A feature without a geometry (a virtual small area) is written as a null shape in the first set, so its
 * attributes still go out.
 */
import { zipSync, strToU8 } from "fflate";
import type { Geometry, Position } from "geojson";
import { bboxOfPositions } from "@/lib/geo/bbox";
import { windRing } from "@/lib/geo/rings";
import { writeDbf } from "./write-dbf";
import { fieldsOf, type OutFeature, type OutField } from "./write-fields";

/** The .prj of every exported shapefile: geographic WGS 84 (ESRI WKT, which GDAL identifies as EPSG:4326). */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

type Kind = "point" | "multipoint" | "line" | "polygon";
const SHAPE_TYPE: Record<Kind, number> = { point: 1, line: 3, polygon: 5, multipoint: 8 };

function kindOf(g: Geometry): Kind | null {
  switch (g.type) {
    case "Point":
      return "point";
    case "MultiPoint":
      return "multipoint";
    case "LineString":
    case "MultiLineString":
      return "line";
    case "Polygon":
    case "MultiPolygon":
      return "polygon";
    default:
      return null;
  }
}

/** The parts (rings or lines) of a geometry as the shapefile wants them: outer rings clockwise, holes counter-clockwise. */
function partsOf(g: Geometry): Position[][] {
  switch (g.type) {
    case "Point":
      return [[g.coordinates]];
    case "MultiPoint":
      return [g.coordinates];
    case "LineString":
      return [g.coordinates];
    case "MultiLineString":
      return g.coordinates;
    case "Polygon":
      return g.coordinates.map((ring, i) => windRing(ring, i > 0));
    case "MultiPolygon":
      return g.coordinates.flatMap((p) => p.map((ring, i) => windRing(ring, i > 0)));
    default:
      return [];
  }
}

function bounds(points: Position[]): [number, number, number, number] {
  return points.length ? bboxOfPositions(points) : [0, 0, 0, 0];
}

/** The record content (without its 8-byte header) of one geometry (a null shape for none). */
function recordOf(kind: Kind, g: Geometry | null): Uint8Array {
  if (!g) return new Uint8Array(4); // shape type 0
  const parts = partsOf(g);
  const points = parts.flat();
  if (kind === "point") {
    const v = new DataView(new ArrayBuffer(20));
    v.setInt32(0, 1, true);
    v.setFloat64(4, points[0][0], true);
    v.setFloat64(12, points[0][1], true);
    return new Uint8Array(v.buffer);
  }
  const withParts = kind !== "multipoint";
  const size = 40 + (withParts ? 4 + 4 * parts.length : 0) + 16 * points.length;
  const v = new DataView(new ArrayBuffer(size));
  v.setInt32(0, SHAPE_TYPE[kind], true);
  bounds(points).forEach((b, i) => v.setFloat64(4 + 8 * i, b, true));
  let at = 36;
  if (withParts) {
    v.setInt32(at, parts.length, true);
    v.setInt32(at + 4, points.length, true);
    at += 8;
    let start = 0;
    for (const p of parts) {
      v.setInt32(at, start, true);
      at += 4;
      start += p.length;
    }
  } else {
    v.setInt32(at, points.length, true);
    at += 4;
  }
  for (const [x, y] of points) {
    v.setFloat64(at, x, true);
    v.setFloat64(at + 8, y, true);
    at += 16;
  }
  return new Uint8Array(v.buffer);
}

function header(kind: Kind, fileBytes: number, box: [number, number, number, number]): Uint8Array {
  const v = new DataView(new ArrayBuffer(100));
  v.setInt32(0, 9994);
  v.setInt32(24, fileBytes / 2);
  v.setInt32(28, 1000, true);
  v.setInt32(32, SHAPE_TYPE[kind], true);
  box.forEach((b, i) => v.setFloat64(36 + 8 * i, b, true));
  return new Uint8Array(v.buffer);
}

/** Used by the shapefile writer: the .shp and .shx of geometries of one kind. */
export function writeShpShx(kind: Kind, geometries: Array<Geometry | null>): { shp: Uint8Array; shx: Uint8Array } {
  const records = geometries.map((g) => recordOf(kind, g));
  const shpBytes = 100 + records.reduce((s, r) => s + 8 + r.length, 0);
  const shp = new Uint8Array(shpBytes);
  const shx = new Uint8Array(100 + 8 * records.length);
  const box = bounds(geometries.flatMap((g) => (g ? partsOf(g).flat() : [])));
  shp.set(header(kind, shpBytes, box));
  shx.set(header(kind, shx.length, box));
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let at = 100;
  records.forEach((r, i) => {
    shxView.setInt32(100 + 8 * i, at / 2);
    shxView.setInt32(104 + 8 * i, r.length / 2);
    shpView.setInt32(at, i + 1);
    shpView.setInt32(at + 4, r.length / 2);
    shp.set(r, at + 8);
    at += 8 + r.length;
  });
  return { shp, shx };
}

/**
 * Used by the shapefile writer and the round-trip comparison: the features in sets of one kind, in the order
 * the kinds first appear; features without a geometry (or with a GeometryCollection) go at the end of the first
 * set as null shapes. The suffix is the set's file-name suffix ("" when there is one set).
 */
export function shapefileGroups(features: readonly OutFeature[]): Array<{ kind: Kind; suffix: string; features: OutFeature[] }> {
  const groups = new Map<Kind, OutFeature[]>();
  const unlocated: OutFeature[] = [];
  for (const f of features) {
    const kind = f.geometry ? kindOf(f.geometry) : null;
    if (kind) groups.set(kind, [...(groups.get(kind) ?? []), f]);
    else unlocated.push(f);
  }
  const first = groups.keys().next().value ?? "point";
  groups.set(first, [...(groups.get(first) ?? []), ...unlocated]);
  return [...groups].map(([kind, list]) => ({ kind, suffix: groups.size > 1 ? `_${kind}` : "", features: list }));
}

/**
 * Used by `writeVectorFile`: the zip of `<name>.shp/.shx/.dbf/.prj/.cpg` (one set per geometry kind when the
 * layer mixes kinds), attribute columns `fields` (named as `shapefileFieldNames` says).
 */
export function writeShapefileZip(features: readonly OutFeature[], name: string, given?: ReadonlyArray<{ name: string; type: "string" | "number" }>): Uint8Array {
  const fields: OutField[] = fieldsOf(features, given);
  const files: Record<string, Uint8Array> = {};
  for (const { kind, suffix, features: group } of shapefileGroups(features)) {
    const base = `${name}${suffix}`;
    const { shp, shx } = writeShpShx(kind, group.map((f) => (f.geometry && kindOf(f.geometry) ? f.geometry : null)));
    files[`${base}.shp`] = shp;
    files[`${base}.shx`] = shx;
    files[`${base}.dbf`] = writeDbf(fields, group.map((f) => f.properties));
    files[`${base}.prj`] = strToU8(WGS84_PRJ);
    files[`${base}.cpg`] = strToU8("UTF-8");
  }
  return zipSync(files, { level: 6 });
}
