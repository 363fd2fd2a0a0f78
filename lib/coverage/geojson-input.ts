/**
 * Reads the CLI's GeoJSON files into a `CoverageInput`. It rejects what is not GeoJSON of the expected kind
 * (not JSON, not a FeatureCollection, wrong geometry type, coordinates that are not nested arrays of numbers,
 * missing or mistyped properties) and leaves every defect of the data to the checks: unclosed or short rings,
 * self-intersections, NaN written as `null` and out-of-range lon/lat are `invalid_geometry`; malformed codes
 * and small areas naming a district that is not in the districts file are `bad_code`.
 *
 * Properties:
 * - districts: `code` (string; an integer is read as its decimal digits);
 * - small areas: `code` (string; a non-negative integer is zero-padded to 3 digits, because spreadsheets and
 *   Shapefile exports turn "001" into 1), `district` (the district's code, same rule as districts), optional
 *   `virtual` (boolean, or 0/1); a virtual small area may have a null geometry;
 * - buildings: optional `households`, `persons` (non-negative integers, absent or null = 0); the id is the
 *   feature's `id`, else its index.
 */
import type { MultiPolygon, Point, Polygon } from "geojson";
import { z } from "zod";
import type { CheckBuilding, CheckDistrict, CheckSmallArea, CoverageInput } from "./types";

/** Rules a file can break, as `CoverageInputError.rule` names them. */
export const INPUT_RULES = [
  "json",
  "feature_collection",
  "feature",
  "geometry_type",
  "coordinates",
  "required",
  "code_type",
  "virtual_type",
  "count_type",
  /** `tessera number`: a district with more small areas than 3-digit codes */
  "too_many_small_areas",
] as const;
export type InputRule = (typeof INPUT_RULES)[number];

/** Bad input: which file, where in it (e.g. `features[3].properties.code`), the rule broken, and why. */
export class CoverageInputError extends Error {
  constructor(
    readonly file: string,
    readonly place: string,
    readonly rule: InputRule,
    message: string,
  ) {
    super(message);
    this.name = "CoverageInputError";
  }
}

/** One file as read from disk: its name (for messages) and its text. */
export interface InputFile {
  name: string;
  text: string;
}

/** The files of one `tessera check` run. */
export interface CoverageFiles {
  districts: InputFile;
  areas: InputFile;
  buildings?: InputFile;
  county?: InputFile;
}

/** Geometry types the CLI input files may hold. */
export type GeometryKind = "Polygon" | "MultiPolygon" | "Point";

/** A rule broken inside one file, before the file's name is known (see {@link inFile}). */
export class Rejected extends Error {
  constructor(
    readonly place: string,
    readonly rule: InputRule,
    message: string,
  ) {
    super(message);
  }
}

const feature = z.object({
  type: z.literal("Feature"),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.unknown(),
  // checked, not copied (z.record would copy every feature's properties)
  properties: z.custom<Record<string, unknown> | null>((v) => v === null || (typeof v === "object" && !Array.isArray(v)), "properties must be an object or null").optional(),
});

const collection = z.object({ type: z.literal("FeatureCollection"), features: z.array(z.unknown()) });

function describeValue(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `"${value}"` : typeof value === "object" ? "an object" : String(value);
}

/** What is wrong at a place inside `coordinates`: the index path to it and why. */
type CoordinateProblem = { path: number[]; message: string };

/**
 * A position: an array of two or more numbers; `null` (how JSON writes NaN) becomes NaN for the checks.
 * Checked in place, without copying or building strings: the parsed JSON is ours, and a county holds millions
 * of positions, so the place is spelt out only when something is wrong.
 */
function checkPosition(p: unknown): CoordinateProblem | null {
  if (!Array.isArray(p) || p.length < 2) return { path: [], message: `a position must be an array of two or more numbers, not ${describeValue(p)}` };
  for (let i = 0; i < p.length; i++) {
    if (p[i] === null) p[i] = NaN;
    else if (typeof p[i] !== "number") return { path: [i], message: `a coordinate must be a number, not ${describeValue(p[i])}` };
  }
  return null;
}

/** Nested arrays of positions `depth` levels deep (1 = a ring, 2 = a polygon, 3 = a multipolygon). */
function checkNesting(value: unknown, depth: number): CoordinateProblem | null {
  if (depth === 0) return checkPosition(value);
  if (!Array.isArray(value)) return { path: [], message: `expected an array of ${depth === 1 ? "positions" : depth === 2 ? "rings" : "polygons"}, not ${describeValue(value)}` };
  for (let i = 0; i < value.length; i++) {
    const problem = checkNesting(value[i], depth - 1);
    if (problem) return { path: [i, ...problem.path], message: problem.message };
  }
  return null;
}

const DEPTH: Record<GeometryKind, number> = { Point: 0, Polygon: 2, MultiPolygon: 3 };

/** Used by the readers of CLI input files: a geometry of one of the `allowed` types, or a `Rejected` naming the place. */
export function readGeometry(value: unknown, allowed: GeometryKind[], place: string): Polygon | MultiPolygon | Point {
  const type = value && typeof value === "object" && !Array.isArray(value) ? (value as { type?: unknown }).type : undefined;
  if (typeof type !== "string" || !allowed.includes(type as GeometryKind)) {
    throw new Rejected(place, "geometry_type", `the geometry must be a ${allowed.join(" or ")}, not ${typeof type === "string" ? type : describeValue(value)}`);
  }
  const coordinates = (value as { coordinates?: unknown }).coordinates;
  const problem = checkNesting(coordinates, DEPTH[type as GeometryKind]);
  if (problem) throw new Rejected(`${place}.coordinates${problem.path.map((i) => `[${i}]`).join("")}`, "coordinates", problem.message);
  return { type, coordinates } as Polygon | MultiPolygon | Point;
}

/** Used by the readers of CLI input files: a code (string; a non-negative integer zero-padded to `pad` digits). */
export function readCode(value: unknown, place: string, pad: number, what: string): string {
  if (value === undefined || value === null || value === "") throw new Rejected(place, "required", `the ${what} is required`);
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value).padStart(pad, "0");
  throw new Rejected(place, "code_type", `a code must be a string of digits (or a non-negative integer), not ${describeValue(value)}`);
}

/** Used by the readers of CLI input files: the `virtual` flag (true/false, 1/0, absent = false). */
export function readVirtual(value: unknown, place: string): boolean {
  if (value === undefined || value === null || value === false || value === 0) return false;
  if (value === true || value === 1) return true;
  throw new Rejected(place, "virtual_type", `virtual must be true or false (or 1/0), not ${describeValue(value)}`);
}

function readCount(value: unknown, place: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  throw new Rejected(place, "count_type", `must be a non-negative integer, not ${describeValue(value)}`);
}

function zodPlace(prefix: string, path: PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : `${s}${s ? "." : ""}${String(k)}`), prefix);
}

/**
 * Used by the readers of CLI input files: runs `read` on every feature of a FeatureCollection text (`raw` is
 * the feature as parsed, with every member kept), naming the place of the first thing wrong.
 */
export function readFeatures<T>(text: string, read: (f: z.infer<typeof feature>, place: string, index: number, raw: unknown) => T): T[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Rejected("", "json", `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = collection.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Rejected(zodPlace("", issue.path), "feature_collection", `expected a GeoJSON FeatureCollection with a "features" array (${issue.message})`);
  }
  return parsed.data.features.map((raw, i) => {
    const place = `features[${i}]`;
    const f = feature.safeParse(raw);
    if (!f.success) {
      const issue = f.error.issues[0];
      throw new Rejected(zodPlace(place, issue.path), "feature", `expected a GeoJSON Feature (${issue.message})`);
    }
    return read(f.data, place, i, raw);
  });
}

function readDistricts(text: string): CheckDistrict[] {
  return readFeatures(text, (f, place) => ({
    code: readCode(f.properties?.code, `${place}.properties.code`, 0, "district code"),
    geometry: readGeometry(f.geometry, ["Polygon", "MultiPolygon"], `${place}.geometry`) as Polygon | MultiPolygon,
  }));
}

function readSmallAreas(text: string): CheckSmallArea[] {
  return readFeatures(text, (f, place) => {
    const p = f.properties ?? {};
    const code = readCode(p.code, `${place}.properties.code`, 3, "small-area code");
    const district = readCode(p.district, `${place}.properties.district`, 0, "code of the small area's district");
    const isVirtual = readVirtual(p.virtual, `${place}.properties.virtual`);
    const geometry = isVirtual && f.geometry === null ? null : (readGeometry(f.geometry, ["Polygon", "MultiPolygon"], `${place}.geometry`) as Polygon | MultiPolygon);
    return { code, district, isVirtual, geometry };
  });
}

function readBuildings(text: string): CheckBuilding[] {
  return readFeatures(text, (f, place, index) => ({
    id: f.id ?? index,
    geometry: readGeometry(f.geometry, ["Point", "Polygon"], `${place}.geometry`) as Point | Polygon,
    households: readCount(f.properties?.households, `${place}.properties.households`),
    persons: readCount(f.properties?.persons, `${place}.properties.persons`),
  }));
}

/** The county (or township) outline: every polygon of the file's features as one MultiPolygon. */
function readContainer(text: string): MultiPolygon {
  const parts = readFeatures(text, (f, place) => readGeometry(f.geometry, ["Polygon", "MultiPolygon"], `${place}.geometry`) as Polygon | MultiPolygon);
  if (parts.length === 0) throw new Rejected("features", "required", "the county file has no features");
  return { type: "MultiPolygon", coordinates: parts.flatMap((g) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates)) };
}

/** Used by the readers of CLI input files: runs `read` on a file's text, turning a `Rejected` into a `CoverageInputError` naming the file. */
export function inFile<T>(file: InputFile, read: (text: string) => T): T {
  try {
    return read(file.text);
  } catch (error) {
    if (error instanceof Rejected) throw new CoverageInputError(file.name, error.place, error.rule, error.message);
    throw error;
  }
}

/**
 * Used by `tessera check --districts … --areas …`: parses and validates the files into the engine's input,
 * or throws a `CoverageInputError` naming the file, the place and the rule of the first problem.
 */
export function parseCoverageFiles(files: CoverageFiles): CoverageInput {
  const districts = inFile(files.districts, readDistricts);
  const smallAreas = inFile(files.areas, readSmallAreas);
  const buildings = files.buildings ? inFile(files.buildings, readBuildings) : undefined;
  const container = files.county ? inFile(files.county, readContainer) : null;
  return { container, districts, smallAreas, ...(buildings ? { buildings } : {}) };
}
