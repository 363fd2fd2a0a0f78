/**
 * One row of a building import, from its fields to a building: the rules of each field (building-fields.ts),
 * the position checks, and the editor's own refusals as a last net. Problems name the place, the field and the
 * rule — never the value. Used by the CSV and GeoJSON readers in building-import.ts.
 */
import type { Point, Polygon } from "geojson";
import { readGeometry, Rejected } from "@/lib/coverage/geojson-input";
import type { BuildingUse } from "@/lib/domain/types";
import { buildingAnchor, buildingFieldsRefusal, buildingGeometryRefusal, housingUnitFieldsRefusal } from "@/lib/edits/building-rules";
import type { Bbox } from "@/lib/geo/bbox";
import {
  checkPosition, isBlank, MAX_IMPORT_UNITS, readFloors, readName, readNumber, readUse, readWhole,
  type ImportField, type ImportRule, type Read,
} from "./building-fields";
import { unitCount } from "./housing-unit-spread";

/** One good row, ready to write: a building and the totals its housing units share (`units` ≥ 1 when counted). */
export interface ImportBuilding {
  use: BuildingUse;
  name: string | null;
  floors: number;
  geometry: Point | Polygon;
  units: number;
  households: number;
  persons: number;
}

/** A field of a row that breaks a rule: by `line` (CSV) or `feature` index (GeoJSON); never the value. */
export interface ImportProblem {
  line?: number;
  feature?: number;
  /** a canonical field, `coordinates` (lon and lat together), `geometry`, `feature`, `row`, or a CSV header */
  field: string;
  rule: ImportRule;
}

/** Where a row is in its file. */
export type Place = { line: number } | { feature: number };

/** Collects the problems of one row and the file; the caller reads `bad` after each row. */
export class RowCollector {
  readonly problems: ImportProblem[] = [];
  readonly warnings: ImportProblem[] = [];
  badRows = 0;
  private rowBad = false;
  private place: Place = { line: 0 };

  startRow(place: Place): void {
    this.place = place;
    this.rowBad = false;
  }
  error(field: string, rule: ImportRule): void {
    if (!this.rowBad) this.badRows++;
    this.rowBad = true;
    this.problems.push({ ...this.place, field, rule });
  }
  warn(field: string, rule: ImportRule): void {
    this.warnings.push({ ...this.place, field, rule });
  }
  get bad(): boolean {
    return this.rowBad;
  }
  take<T>(field: string, read: Read<T>): T | undefined {
    if (read.ok) return read.value;
    this.error(field, read.rule);
    return undefined;
  }
}

/** Errors go to the row; `outside_townships` is only a warning. */
function reportPosition(c: RowCollector, lon: number, lat: number, townships: readonly Bbox[], field: string): void {
  const p = checkPosition(lon, lat, townships);
  if (p?.rule === "outside_townships") c.warn(field, p.rule);
  else if (p) c.error(p.field && field === "coordinates" ? p.field : field, p.rule);
}

/** Used by the CSV reader: the Point of a row's lon and lat columns; undefined when either breaks a rule. */
export function pointOfColumns(get: (f: ImportField) => unknown, c: RowCollector, townships: readonly Bbox[]): Point | undefined {
  const read = (f: "lon" | "lat") => {
    const n = c.take(f, readNumber(get(f)));
    if (n === undefined && isBlank(get(f))) c.error(f, "required");
    return n;
  };
  const lon = read("lon");
  const lat = read("lat");
  if (lon === undefined || lat === undefined) return undefined;
  reportPosition(c, lon, lat, townships, "coordinates");
  return { type: "Point", coordinates: [lon, lat] };
}

/** Used by the GeoJSON reader: a feature's Point or Polygon; undefined when it breaks a rule (reported). */
export function geometryOfFeature(value: unknown, c: RowCollector, townships: readonly Bbox[]): Point | Polygon | undefined {
  let g: Point | Polygon;
  try {
    g = readGeometry(value, ["Point", "Polygon"], "geometry") as Point | Polygon;
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    c.error("geometry", error.rule === "geometry_type" ? "geometry_type" : "invalid_geometry");
    return undefined;
  }
  const finite = (p: number[] | undefined) => !!p && Number.isFinite(p[0]) && Number.isFinite(p[1]);
  if (g.type === "Point") {
    if (!finite(g.coordinates)) return void c.error("geometry", "invalid_geometry");
  } else {
    // a swapped footprint shows at its first vertex; the validity rules below would only call it invalid
    const first = g.coordinates[0]?.[0];
    const swapped = finite(first) ? checkPosition(first[0], first[1], []) : null;
    if (swapped) return void c.error("geometry", swapped.rule);
    if (buildingGeometryRefusal(g)) return void c.error("geometry", "invalid_geometry");
  }
  const [x, y] = buildingAnchor(g);
  reportPosition(c, x, y, townships, "geometry");
  return c.bad ? undefined : g;
}

/**
 * Used by both readers: the building of one row from its fields and geometry; undefined when any field breaks a
 * rule (each one reported), the editor's own refusal functions checked last.
 */
export function readAttributes(get: (f: ImportField) => unknown, c: RowCollector, geometry: Point | Polygon | undefined): ImportBuilding | undefined {
  const use = c.take("use", readUse(get("use")));
  const name = c.take("name", readName(get("name"), use));
  const floors = c.take("floors", readFloors(get("floors")));
  const units = c.take("units", readWhole(get("units"), 0, 0, MAX_IMPORT_UNITS));
  const households = c.take("households", readWhole(get("households"), 0));
  const persons = c.take("persons", readWhole(get("persons"), 0));
  if (c.bad || !geometry || use === undefined || name === undefined || floors === undefined) return undefined;
  const totals = { units: units!, households: households!, persons: persons! };
  // the editor's own rules, as a net under the rules above (which are at least as strict); the fullest unit a
  // row can make holds all its households and persons
  const fullest = { unitNumber: "1", floor: null, entrance: null, status: "occupied" as const, households: totals.households, persons: totals.persons };
  const refusal = buildingFieldsRefusal({ use, name, nameEn: null, floors, notes: null, number: null }) ?? housingUnitFieldsRefusal(fullest);
  if (refusal) return void c.error(refusal.place ?? "row", "invalid");
  return { use, name, floors, geometry, ...totals, units: unitCount(totals) };
}
