/**
 * The attribute columns a writer puts in a file (issue #8): given by the caller (`fields`), else found in the
 * features' properties in first-seen order. A column is a number when every value that is set is a finite
 * number (and one is set), else text; `integer` says whether every number is whole (shapefile N(n,0), GeoPackage INTEGER,
 * FlatGeobuf Int). Objects and arrays go out as JSON text, booleans as 1/0.
 */
import type { Feature, Geometry } from "geojson";

/** A feature as the writers take it. */
export type OutFeature = Feature<Geometry | null, Record<string, unknown> | null>;

/** One attribute column of a written file. */
export interface OutField {
  name: string;
  type: "string" | "number";
  /** every value set is a whole number in the 32-bit range */
  integer: boolean;
}

/** Used by every writer: the columns of `features` (the caller's list when given, typed from the values). */
export function fieldsOf(features: readonly OutFeature[], given?: ReadonlyArray<{ name: string; type: "string" | "number" }>): OutField[] {
  const names: string[] = given ? given.map((f) => f.name) : [];
  if (!given) {
    const seen = new Set<string>();
    for (const f of features) {
      for (const key of Object.keys(f.properties ?? {})) {
        if (seen.has(key)) continue;
        seen.add(key);
        names.push(key);
      }
    }
  }
  return names.map((name, i) => {
    let numeric = true;
    let integer = true;
    let set = 0;
    for (const f of features) {
      const v = cellValue(f.properties?.[name]);
      if (v === null) continue;
      set += 1;
      if (typeof v !== "number") numeric = false;
      else if (!Number.isInteger(v) || Math.abs(v) > 2147483647) integer = false;
    }
    const type = given ? given[i].type : numeric && set > 0 ? "number" : "string";
    return { name, type, integer: type === "number" && integer };
  });
}

/** Used by every writer: a property value as it goes into a cell (null when not set). */
export function cellValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") return value;
  if (typeof value === "bigint") return Number(value);
  return JSON.stringify(value);
}

/** Used by the writers of typed columns: the value coerced to the column's type (null when it does not fit). */
export function typedValue(field: OutField, value: unknown): string | number | null {
  const v = cellValue(value);
  if (v === null) return null;
  if (field.type === "string") return String(v);
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) && (typeof v === "number" || v.trim() !== "") ? n : null;
}

/** Used for file and layer names: letters, digits, CJK, `-` and `_` only (never a path), at most 60 characters. */
export function safeName(name: string, fallback = "layer"): string {
  const clean = name.normalize("NFC").replace(/[^\p{L}\p{N}_-]+/gu, "_").replace(/^_+|_+$/g, "").slice(0, 60);
  return clean || fallback;
}
