/**
 * `tessera number`: small areas and buildings prepared elsewhere, as GeoJSON files, numbered by the rule
 * (lib/domain/numbering.ts) and written back as the same features with `code` / `number` set.
 *
 * Input (read with the checks' readers, so bad input is named the same way: file, `features[i]…`, rule):
 * - areas: Polygon or MultiPolygon (null for a virtual one); `district` (required, its district's code), `code`
 *   (optional; kept for virtual small areas, replaced for the others), `virtual` (optional);
 * - buildings: Point or Polygon footprint; any `number` is replaced. A building is numbered in the small area
 *   with territory it lies in (as the coverage check places it: a footprint by its centroid); one in no small
 *   area, or on a boundary, gets `number`, `district` and `smallArea` null.
 * Each district's outline is taken to be the union of its small areas.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { assignBuildings, type IndexedArea } from "@/lib/coverage/buildings";
import { flattenArea } from "@/lib/coverage/flat-geometry";
import { CoverageInputError, inFile, readCode, readFeatures, readGeometry, readVirtual, Rejected, type InputFile } from "@/lib/coverage/geojson-input";
import { numberDistrict, TooManySmallAreas, type BuildingToNumber, type SmallAreaToNumber } from "@/lib/geo/district-numbering";

/** The files of one `tessera number` run. */
export interface NumberingFiles {
  areas: InputFile;
  buildings?: InputFile;
}

/** One line of the report: a feature (by index in its file), its district, and its old and new code or number. */
export interface NumberedRow<V> {
  index: number;
  district: string | null;
  smallArea: string | null;
  old: V | null;
  new: V | null;
}

/** The numbered files and what changed. */
export interface NumberedFiles {
  areas: FeatureCollection;
  buildings?: FeatureCollection;
  smallAreaRows: NumberedRow<string>[];
  buildingRows: NumberedRow<number>[];
}

/** Positions the rule can work with: finite lon/lat, and rings of three or more distinct positions. */
function checkNumberable(geometry: Polygon | MultiPolygon | Point, place: string): void {
  const polygons = geometry.type === "Point" ? [] : geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const positions = geometry.type === "Point" ? [geometry.coordinates] : polygons.flat(2);
  const bad = positions.findIndex((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]));
  if (bad >= 0) throw new Rejected(`${place}.coordinates`, "coordinates", "every coordinate must be a finite number to number the feature");
  polygons.forEach((polygon, i) => {
    const outer = polygon[0] ?? [];
    if (new Set(outer.map((p) => `${p[0]},${p[1]}`)).size < 3) {
      throw new Rejected(`${place}.coordinates${geometry.type === "MultiPolygon" ? `[${i}]` : ""}[0]`, "coordinates", "an outer ring needs three or more distinct positions");
    }
  });
}

interface AreaInput {
  district: string;
  code: string | null;
  isVirtual: boolean;
  geometry: Polygon | MultiPolygon | null;
  raw: Feature;
}

function readAreas(text: string): AreaInput[] {
  return readFeatures(text, (f, place, _index, raw) => {
    const p = f.properties ?? {};
    const district = readCode(p.district, `${place}.properties.district`, 0, "code of the small area's district");
    const code = p.code === undefined || p.code === null || p.code === "" ? null : readCode(p.code, `${place}.properties.code`, 3, "small-area code");
    const isVirtual = readVirtual(p.virtual, `${place}.properties.virtual`);
    const geometry = isVirtual && f.geometry === null ? null : (readGeometry(f.geometry, ["Polygon", "MultiPolygon"], `${place}.geometry`) as Polygon | MultiPolygon);
    if (geometry) checkNumberable(geometry, `${place}.geometry`);
    return { district, code, isVirtual, geometry, raw: raw as Feature };
  });
}

interface BuildingInput {
  geometry: Point | Polygon;
  number: number | null;
  raw: Feature;
}

function readBuildings(text: string): BuildingInput[] {
  return readFeatures(text, (f, place, _index, raw) => {
    const old = f.properties?.number;
    const geometry = readGeometry(f.geometry, ["Point", "Polygon"], `${place}.geometry`) as Point | Polygon;
    checkNumberable(geometry, `${place}.geometry`);
    return { geometry, number: Number.isSafeInteger(old) ? (old as number) : null, raw: raw as Feature };
  });
}

/** The small area (index into `areas`) each building lies in, or -1. */
function locateBuildings(areas: readonly AreaInput[], buildings: readonly BuildingInput[]): Int32Array {
  const indexed: IndexedArea[] = [];
  const areaIndex: number[] = [];
  areas.forEach((a, i) => {
    const flat = a.isVirtual ? null : flattenArea(a.geometry);
    if (!flat) return;
    indexed.push({ key: String(i), flat });
    areaIndex.push(i);
  });
  const { areaOf } = assignBuildings(indexed, buildings.map((b, i) => ({ id: i, geometry: b.geometry, households: 0, persons: 0 })), 0);
  return areaOf.map((k) => (k < 0 ? -1 : areaIndex[k]));
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** One district numbered; too many small areas is bad input, named at the district's first feature. */
function numberInFile(file: string, areas: SmallAreaToNumber<number>[], buildings: BuildingToNumber<number, number>[]) {
  try {
    return numberDistrict(null, areas, buildings);
  } catch (error) {
    if (error instanceof TooManySmallAreas) throw new CoverageInputError(file, `features[${areas[0].key}].properties.district`, "too_many_small_areas", `district: ${error.message}`);
    throw error;
  }
}

const withProperties = (raw: Feature, set: Record<string, unknown>): Feature => ({ ...raw, properties: { ...(raw.properties ?? {}), ...set } });

/**
 * Used by `tessera number`: reads the files (throwing `CoverageInputError` naming the file, the place and the
 * rule of the first problem), numbers every district's small areas and buildings by the rule, and returns the
 * features with `code` (small areas) and `number`, `district`, `smallArea` (buildings) set, in input order.
 * A district past 899 small areas is bad input too (rule `too_many_small_areas`).
 */
export function numberFeatureFiles(files: NumberingFiles): NumberedFiles {
  const areas = inFile(files.areas, readAreas);
  const buildings = files.buildings ? inFile(files.buildings, readBuildings) : [];
  const areaOf = locateBuildings(areas, buildings);
  const newCodes: Array<string | null> = areas.map(() => null);
  const newNumbers: Array<number | null> = buildings.map(() => null);
  const areasOf = new Map<string, SmallAreaToNumber<number>[]>();
  const buildingsOf = new Map<string, BuildingToNumber<number, number>[]>();
  areas.forEach((a, i) => addTo(areasOf, a.district, { key: i, code: a.code, isVirtual: a.isVirtual, geometry: a.geometry }));
  buildings.forEach((b, i) => {
    if (areaOf[i] >= 0) addTo(buildingsOf, areas[areaOf[i]].district, { key: i, smallArea: areaOf[i], number: b.number, geometry: b.geometry });
  });
  for (const [district, inDistrict] of areasOf) {
    const numbering = numberInFile(files.areas.name, inDistrict, buildingsOf.get(district) ?? []);
    for (const a of numbering.smallAreas) newCodes[a.key] = a.newCode;
    for (const b of numbering.buildings) newNumbers[b.key] = b.newNumber;
  }
  const placeOf = (i: number) => (areaOf[i] < 0 ? { district: null, smallArea: null } : { district: areas[areaOf[i]].district, smallArea: newCodes[areaOf[i]] });
  return {
    areas: { type: "FeatureCollection", features: areas.map((a, i) => withProperties(a.raw, { code: newCodes[i] })) },
    ...(files.buildings ? { buildings: { type: "FeatureCollection", features: buildings.map((b, i) => withProperties(b.raw, { ...placeOf(i), number: newNumbers[i] })) } } : {}),
    smallAreaRows: areas.map((a, i) => ({ index: i, district: a.district, smallArea: newCodes[i], old: a.code, new: newCodes[i] })),
    buildingRows: buildings.map((b, i) => ({ index: i, ...placeOf(i), old: b.number, new: newNumbers[i] })),
  };
}
