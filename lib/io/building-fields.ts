/**
 * The fields of an imported building (CSV columns or GeoJSON properties) and the rules each value must keep:
 * the same limits as the building editor (lib/edits/building-rules.ts), spelt out as rules a report can name.
 * A problem names the field and the rule only — never the value: household counts are confidential.
 */
import { BUILDING_USES, type BuildingUse } from "@/lib/domain/types";
import { MAX_FILL_UNITS, MAX_FLOORS, MAX_NAME_LENGTH, MIN_FLOORS } from "@/lib/edits/building-rules";
import type { Bbox } from "@/lib/geo/bbox";

/** The fields a building row may carry, by their canonical (English) names. */
export const IMPORT_FIELDS = ["lon", "lat", "use", "units", "households", "persons", "name", "floors"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Rules a row can break; the CLI prints {@link RULE_TEXT}, the UI translates `import.rule.<rule>`. */
export const IMPORT_RULES = [
  "required",
  "not_a_number",
  "not_whole_number",
  "negative",
  "out_of_range",
  "swapped_lon_lat",
  "unknown_use",
  "too_long",
  "name_not_recorded",
  "not_a_feature",
  "geometry_type",
  "invalid_geometry",
  "csv_syntax",
  "invalid",
  /** warnings: the row is imported */
  "outside_townships",
  "unknown_column",
] as const;
export type ImportRule = (typeof IMPORT_RULES)[number];

/** Used by the CLI and as the English fallback: what a rule means, in words that never quote the value. */
export const RULE_TEXT: Record<ImportRule, string> = {
  required: "missing",
  not_a_number: "not a number",
  not_whole_number: "not a whole number",
  negative: "must not be negative",
  out_of_range: "out of range",
  swapped_lon_lat: "longitude and latitude look swapped",
  unknown_use: "unknown use",
  too_long: "too long",
  name_not_recorded: "no name is recorded for a military or prison building",
  not_a_feature: "not a GeoJSON Feature",
  geometry_type: "must be a Point or a Polygon",
  invalid_geometry: "not a valid footprint",
  csv_syntax: "broken CSV quoting",
  invalid: "refused by the building rules",
  outside_townships: "outside every township (imported, but check the coordinates)",
  unknown_column: "unknown column, ignored",
};

const ALIASES: Record<string, ImportField> = {
  lon: "lon", lng: "lon", long: "lon", longitude: "lon", x: "lon", 经度: "lon",
  lat: "lat", latitude: "lat", y: "lat", 纬度: "lat",
  use: "use", 用途: "use",
  units: "units", 单元数: "units", 住房单元数: "units",
  households: "households", 户数: "households",
  persons: "persons", people: "persons", 人数: "persons",
  name: "name", 名称: "name",
  floors: "floors", 层数: "floors",
};

/** Used for CSV headers and GeoJSON property names: the canonical field (case-insensitive, Chinese accepted). */
export function canonicalField(header: string): ImportField | undefined {
  return ALIASES[header.replace(/^\uFEFF/, "").trim().toLowerCase()];
}

const USES: Record<string, BuildingUse> = {
  ...Object.fromEntries(BUILDING_USES.map((u) => [u, u])),
  military: "restricted", prison: "restricted",
  住宅: "residential", 商住: "mixed", 混合: "mixed", 学校: "school", 工厂: "factory", 商店: "shop",
  办公: "office", 医院: "hospital", 军事: "restricted", 监狱: "restricted", 其他: "other",
};

/** A value read, or the rule it broke. */
export type Read<T> = { ok: true; value: T } | { ok: false; rule: ImportRule };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const broken = <T>(rule: ImportRule): Read<T> => ({ ok: false, rule });
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Blank: absent, null or only spaces. */
export const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** Used for every numeric field: a finite number from a JSON number or a decimal string; undefined when blank. */
export function readNumber(v: unknown): Read<number | undefined> {
  if (isBlank(v)) return ok(undefined);
  const n = typeof v === "number" ? v : typeof v === "string" && DECIMAL.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isFinite(n) ? ok(n) : broken("not_a_number");
}

/** Used for units, households, persons and floors: a whole number `min`..`max`; `fallback` when blank. */
export function readWhole(v: unknown, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): Read<number> {
  const n = readNumber(v);
  if (!n.ok) return n;
  if (n.value === undefined) return ok(fallback);
  if (!Number.isInteger(n.value)) return broken("not_whole_number");
  if (n.value < 0) return broken("negative");
  return n.value < min || n.value > max ? broken("out_of_range") : ok(n.value);
}

/** Most units one row may create: as many as one quick entry in the editor. */
export const MAX_IMPORT_UNITS = MAX_FILL_UNITS;

/** Used for `floors`: 1..200, 1 when blank (the editor's rule and the schema's default). */
export const readFloors = (v: unknown) => readWhole(v, 1, MIN_FLOORS, MAX_FLOORS);

/** Used for `use`: an English use or a Chinese name (住宅, 商住/混合, 学校, …); residential when blank. */
export function readUse(v: unknown): Read<BuildingUse> {
  if (isBlank(v)) return ok("residential");
  const use = typeof v === "string" ? USES[v.trim().toLowerCase()] : undefined;
  return use ? ok(use) : broken("unknown_use");
}

/** Used for `name`: trimmed text up to the editor's limit; null when blank; none for a restricted use. */
export function readName(v: unknown, use: BuildingUse | undefined): Read<string | null> {
  if (isBlank(v)) return ok(null);
  if (typeof v !== "string" && typeof v !== "number") return broken("invalid");
  const name = String(v).trim();
  if (name.length > MAX_NAME_LENGTH) return broken("too_long");
  return use === "restricted" ? broken("name_not_recorded") : ok(name);
}

const inBbox = (x: number, y: number, b: Bbox) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
const inAny = (x: number, y: number, boxes: readonly Bbox[]) => boxes.some((b) => inBbox(x, y, b));

/**
 * Used for every building position: null when it is fine; `swapped_lon_lat` when the latitude is out of range
 * but the pair read the other way round is not, or when only the other way round falls in a township;
 * `out_of_range` (naming lon or lat) when it cannot be a lon/lat at all; `outside_townships` (a warning) when
 * it lies in no township's bbox. With no townships known, only the ranges are checked.
 */
export function checkPosition(lon: number, lat: number, townships: readonly Bbox[]): { field?: "lon" | "lat"; rule: ImportRule } | null {
  const inRange = Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
  if (!inRange) {
    if (Math.abs(lat) <= 180 && Math.abs(lon) <= 90) return { rule: "swapped_lon_lat" };
    return { field: Math.abs(lon) > 180 ? "lon" : "lat", rule: "out_of_range" };
  }
  if (!townships.length || inAny(lon, lat, townships)) return null;
  return inAny(lat, lon, townships) ? { rule: "swapped_lon_lat" } : { rule: "outside_townships" };
}
