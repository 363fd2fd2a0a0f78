/**
 * Every feature of a file read for import (`readVectorFile`), checked against the rules of its layer and turned
 * into the rows the database import writes (issue #8): districts (12-digit code under a township of the
 * database, a name, a valid Polygon/MultiPolygon), small areas (3-digit code in an existing district; 900+ are
 * virtual and keep no geometry), reference features (a kind, any valid geometry) and buildings (the same rows
 * and rules as the CSV building import, `building-rows.ts`). Problems are by feature index, field and rule,
 * never a value. Pure: the database's codes come in as a {@link LayerContext}.
 */
import type { Feature, Geometry, MultiPolygon, Polygon } from "geojson";
import { checkGeometryValidity } from "@/lib/coverage/validity";
import type { AreaGeometry, ReferenceKind } from "@/lib/domain/types";
import type { Bbox } from "@/lib/geo/bbox";
import type { ImportField } from "./building-fields";
import { geometryOfFeature, readAttributes, RowCollector, type ImportBuilding } from "./building-rows";
import type { FieldMapping, ImportLayer, MappingTarget } from "./import-mapping";
import {
  FeatureCollector, readDistrictCode, readDistrictKind, readReferenceKind, readSmallAreaCode, readText,
  type LayerProblem,
} from "./layer-values";

type ReadFeature = Feature<Geometry | null, Record<string, unknown> | null>;

/** What the database knows that the rules need. */
export interface LayerContext {
  /** 9-digit codes of the townships in the database */
  townshipCodes: readonly string[];
  /** 12-digit codes of the districts in the database */
  districtCodes: ReadonlySet<string>;
  /** township bboxes (buildings: swapped lon/lat, outside every township) */
  townshipBboxes: readonly Bbox[];
  /** reference features: the kind of a feature whose kind is blank or not mapped */
  defaultKind?: ReferenceKind | null;
}

/** A district to write (a new one, or a replacement of the one with its code). */
export interface DistrictRow {
  feature: number;
  code: string;
  townshipCode: string;
  nameZh: string;
  nameEn: string | null;
  kind: "community" | "village";
  geometry: AreaGeometry;
}

/** A small area to write; virtual ones (900+) have no geometry. */
export interface SmallAreaRow {
  feature: number;
  districtCode: string;
  code: string;
  name: string | null;
  isVirtual: boolean;
  geometry: AreaGeometry | null;
}

/** A reference feature to write. */
export interface ReferenceRow {
  feature: number;
  kind: ReferenceKind;
  subkind: string | null;
  name: string | null;
  nameEn: string | null;
  geometry: Geometry;
}

/** The rows of one layer. */
export type LayerRows =
  | { layer: "districts"; rows: DistrictRow[] }
  | { layer: "small-areas"; rows: SmallAreaRow[] }
  | { layer: "reference"; rows: ReferenceRow[] }
  | { layer: "buildings"; rows: ImportBuilding[] };

/** The outcome of the checks: the rows of the good features, and every problem (any problem: nothing is written). */
export type ValidatedLayer = LayerRows & { features: number; badFeatures: number; problems: LayerProblem[]; warnings: LayerProblem[] };

const MAX_NAME = 100;

/** A MultiPolygon of one part is that Polygon (Shapefile readers give either). */
function single(g: Geometry | null): Geometry | null {
  return g?.type === "MultiPolygon" && g.coordinates.length === 1 ? { type: "Polygon", coordinates: g.coordinates[0] } : g;
}

function areaGeometry(g: Geometry | null, c: FeatureCollector): AreaGeometry | undefined {
  if (!g) return void c.error("geometry", "missing_geometry");
  if (g.type !== "Polygon" && g.type !== "MultiPolygon") return void c.error("geometry", "geometry_type", g.type);
  const problem = checkGeometryValidity(g as Polygon | MultiPolygon)[0];
  if (problem) return void c.error("geometry", "invalid_geometry", `${problem.rule} at ${problem.place}`);
  return g as AreaGeometry;
}

function* allPositions(g: Geometry): Generator<number[]> {
  if (g.type === "GeometryCollection") for (const part of g.geometries) yield* allPositions(part);
  else if (g.type === "Point") yield g.coordinates;
  else if (g.type === "LineString" || g.type === "MultiPoint") yield* g.coordinates;
  else if (g.type === "Polygon" || g.type === "MultiLineString") for (const ring of g.coordinates) yield* ring;
  else for (const polygon of g.coordinates) for (const ring of polygon) yield* ring;
}

function referenceGeometry(g: Geometry | null, c: FeatureCollector): Geometry | undefined {
  if (!g) return void c.error("geometry", "missing_geometry");
  if (g.type === "Polygon" || g.type === "MultiPolygon") return areaGeometry(g, c);
  let k = 0;
  for (const p of allPositions(g)) {
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
      return void c.error("geometry", "invalid_geometry", `out_of_range at position ${k}`);
    }
    k++;
  }
  if (k === 0) return void c.error("geometry", "invalid_geometry", "too_few_positions");
  if ((g.type === "LineString" && g.coordinates.length < 2) || (g.type === "MultiLineString" && g.coordinates.some((l) => l.length < 2))) {
    return void c.error("geometry", "invalid_geometry", "too_few_positions");
  }
  return g;
}

type Getter = (target: MappingTarget) => unknown;
const getterOf = (f: ReadFeature, mapping: FieldMapping): Getter => (target) => {
  const field = mapping[target];
  return field === undefined ? undefined : f.properties?.[field];
};

function districtRow(f: ReadFeature, i: number, get: Getter, ctx: LayerContext, c: FeatureCollector, seen: Set<string>): DistrictRow | undefined {
  const code = c.take("code", readDistrictCode(get("code")));
  const townshipCode = code?.slice(0, 9);
  if (code && !ctx.townshipCodes.includes(townshipCode!)) c.error("code", "unknown_township", townshipCode);
  if (code && seen.has(code)) c.error("code", "duplicate_code");
  if (code) seen.add(code);
  const nameZh = c.take("name", readText(get("name"), MAX_NAME, true));
  const nameEn = c.take("nameEn", readText(get("nameEn"), MAX_NAME));
  const kind = c.take("kind", readDistrictKind(get("kind"), nameZh ?? null));
  const geometry = areaGeometry(single(f.geometry), c);
  if (c.isBad || !code || !nameZh || nameEn === undefined || !kind || !geometry) return undefined;
  return { feature: i, code, townshipCode: townshipCode!, nameZh, nameEn, kind, geometry };
}

function smallAreaRow(f: ReadFeature, i: number, get: Getter, ctx: LayerContext, c: FeatureCollector, seen: Set<string>): SmallAreaRow | undefined {
  const code = c.take("code", readSmallAreaCode(get("code")));
  let districtCode = get("districtCode") === undefined ? undefined : c.take("districtCode", readDistrictCode(get("districtCode")));
  if (code?.district) {
    if (districtCode && districtCode !== code.district) c.error("districtCode", "code_mismatch");
    districtCode ??= code.district;
  }
  if (code && !districtCode && !c.isBad) c.error("districtCode", "required");
  if (districtCode && !ctx.districtCodes.has(districtCode)) c.error("districtCode", "unknown_district");
  const key = `${districtCode}${code?.code}`;
  if (code && districtCode && seen.has(key)) c.error("code", "duplicate_code");
  seen.add(key);
  const name = c.take("name", readText(get("name"), MAX_NAME));
  const isVirtual = !!code && Number(code.code) >= 900;
  let geometry: AreaGeometry | null | undefined = null;
  if (isVirtual) {
    if (f.geometry) c.warn("geometry", "virtual_geometry_dropped");
  } else {
    geometry = areaGeometry(single(f.geometry), c);
  }
  if (c.isBad || !code || !districtCode || name === undefined || geometry === undefined) return undefined;
  return { feature: i, districtCode, code: code.code, name, isVirtual, geometry };
}

function referenceRow(f: ReadFeature, i: number, get: Getter, ctx: LayerContext, c: FeatureCollector): ReferenceRow | undefined {
  const kind = c.take("kind", readReferenceKind(get("kind"), ctx.defaultKind ?? null));
  const subkind = c.take("subkind", readText(get("subkind"), MAX_NAME));
  const name = c.take("name", readText(get("name"), MAX_NAME));
  const nameEn = c.take("nameEn", readText(get("nameEn"), MAX_NAME));
  const geometry = referenceGeometry(f.geometry, c);
  if (c.isBad || !kind || subkind === undefined || name === undefined || nameEn === undefined || !geometry) return undefined;
  return { feature: i, kind, subkind, name, nameEn, geometry };
}

/** Buildings go through the building import's own rows and rules, their problems carried over by feature index. */
function buildingRows(features: readonly ReadFeature[], mapping: FieldMapping, ctx: LayerContext, c: FeatureCollector): ImportBuilding[] {
  const rows: ImportBuilding[] = [];
  const rc = new RowCollector();
  features.forEach((f, i) => {
    rc.startRow({ feature: i });
    c.start(i);
    const before = rc.problems.length;
    const warned = rc.warnings.length;
    const get = getterOf(f, mapping);
    const geometry = geometryOfFeature(single(f.geometry), rc, ctx.townshipBboxes);
    // the building targets are the building import's own field names (use, units, households, …)
    const building = readAttributes((field: ImportField) => get(field as MappingTarget), rc, geometry);
    for (const p of rc.problems.slice(before)) c.error(p.field, p.rule);
    for (const w of rc.warnings.slice(warned)) c.warnings.push({ feature: i, field: w.field, rule: w.rule });
    if (building) rows.push(building);
  });
  return rows;
}

/**
 * Used by the layer import (db/import-layers.ts) before anything is written: checks every feature of `layer`
 * with the attributes `mapping` names and returns the rows of the good ones with every problem (by feature
 * index, field, rule); any problem means the caller writes nothing.
 */
export function validateLayer(layer: ImportLayer, features: readonly ReadFeature[], mapping: FieldMapping, ctx: LayerContext): ValidatedLayer {
  const c = new FeatureCollector();
  const seen = new Set<string>();
  const done = <R extends LayerRows>(r: R) => ({ ...r, features: features.length, badFeatures: c.badFeatures, problems: c.problems, warnings: c.warnings });
  if (layer === "buildings") return done({ layer, rows: buildingRows(features, mapping, ctx, c) });
  const each = <T>(make: (f: ReadFeature, i: number, get: Getter) => T | undefined): T[] =>
    features.flatMap((f, i) => {
      c.start(i);
      const row = make(f, i, getterOf(f, mapping));
      return row ? [row] : [];
    });
  if (layer === "districts") return done({ layer, rows: each((f, i, get) => districtRow(f, i, get, ctx, c, seen)) });
  if (layer === "small-areas") return done({ layer, rows: each((f, i, get) => smallAreaRow(f, i, get, ctx, c, seen)) });
  return done({ layer, rows: each((f, i, get) => referenceRow(f, i, get, ctx, c)) });
}
