/**
 * Reading one attribute of an imported district, small area or reference feature (issue #8): codes, names and
 * kinds, each as the value or the rule it breaks, and the collector of a file's problems by feature index,
 * field and rule — never the value. Used by `layer-features.ts`.
 */
import { REFERENCE_KINDS, type ReferenceKind } from "@/lib/domain/types";

/** Rules a feature of a district, small-area or reference import can break (the UI says `layerImport.rule.<rule>`). */
export const LAYER_RULES = [
  "required",
  "bad_code",
  "unknown_township",
  "unknown_district",
  "duplicate_code",
  "code_mismatch",
  "too_long",
  "unknown_kind",
  "missing_geometry",
  "geometry_type",
  "invalid_geometry",
  /** warnings: the feature is imported */
  "virtual_geometry_dropped",
  "exists_skipped",
  "exists_replaced",
] as const;
export type LayerRule = (typeof LAYER_RULES)[number];

/** A problem of one feature: its index in the file, the target field (or `geometry`), the rule, and a detail (`self_intersection at coordinates[0]`). */
export interface LayerProblem {
  feature: number;
  field: string;
  /** a {@link LayerRule}, or a building rule (`lib/io/building-fields.ts`) for the buildings layer */
  rule: string;
  detail?: string;
}

/** A value read, or the rule it broke. */
export type Got<T> = { ok: true; value: T } | { ok: false; rule: LayerRule; detail?: string };
const ok = <T>(value: T): Got<T> => ({ ok: true, value });
const no = <T>(rule: LayerRule, detail?: string): Got<T> => ({ ok: false, rule, ...(detail ? { detail } : {}) });

/** Collects the problems of a file, one feature at a time. */
export class FeatureCollector {
  readonly problems: LayerProblem[] = [];
  readonly warnings: LayerProblem[] = [];
  badFeatures = 0;
  private feature = 0;
  private bad = false;

  start(feature: number): void {
    this.feature = feature;
    this.bad = false;
  }
  error(field: string, rule: string, detail?: string): void {
    if (!this.bad) this.badFeatures++;
    this.bad = true;
    this.problems.push({ feature: this.feature, field, rule, ...(detail ? { detail } : {}) });
  }
  warn(field: string, rule: LayerRule, detail?: string): void {
    this.warnings.push({ feature: this.feature, field, rule, ...(detail ? { detail } : {}) });
  }
  get isBad(): boolean {
    return this.bad;
  }
  take<T>(field: string, got: Got<T>): T | undefined {
    if (got.ok) return got.value;
    this.error(field, got.rule, got.detail);
    return undefined;
  }
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** Text of a value: numbers written without exponent or fraction noise (DBF numeric codes come as numbers). */
function textOf(v: unknown): string | null {
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === "string") return v.trim();
  if (typeof v === "bigint") return v.toString();
  return null;
}

/** Used for district codes: exactly 12 digits; `required` when blank. */
export function readDistrictCode(v: unknown): Got<string> {
  if (blank(v)) return no("required");
  const s = textOf(v);
  return s !== null && /^\d{12}$/.test(s) ? ok(s) : no("bad_code");
}

/**
 * Used for small-area codes: 3 digits (a number or 1–2 digits is padded: DBF numeric `7` → `007`), or a 15-digit
 * full code whose first 12 digits are the district's; `000` is no code.
 */
export function readSmallAreaCode(v: unknown): Got<{ code: string; district: string | null }> {
  if (blank(v)) return no("required");
  const s = textOf(v);
  if (s === null || !/^\d+$/.test(s)) return no("bad_code");
  if (s.length === 15) return s.endsWith("000") ? no("bad_code") : ok({ code: s.slice(12), district: s.slice(0, 12) });
  if (s.length > 3 || /^0+$/.test(s)) return no("bad_code");
  return ok({ code: s.padStart(3, "0"), district: null });
}

/** Used for names: trimmed text up to `max` characters; null when blank (`required` when `required`). */
export function readText(v: unknown, max: number, required = false): Got<string | null> {
  if (blank(v)) return required ? no("required") : ok(null);
  const s = textOf(v);
  if (s === null) return no("required");
  return s.length > max ? no("too_long") : ok(s);
}

const DISTRICT_KINDS: Record<string, "community" | "village"> = {
  community: "community", 社区: "community", 居委会: "community", 居民委员会: "community", 城镇: "community", urban: "community",
  village: "village", 村: "village", 村委会: "village", 村民委员会: "village", 乡村: "village", 行政村: "village", rural: "village",
};

/** Used for a district's kind: community (社区/居委会) or village (村/村委会); blank: by its name (…社区 → community). */
export function readDistrictKind(v: unknown, name: string | null): Got<"community" | "village"> {
  if (blank(v)) return ok(name && /(社区|居委会|community)$/i.test(name) ? "community" : "village");
  const kind = DISTRICT_KINDS[String(textOf(v)).toLowerCase()];
  return kind ? ok(kind) : no("unknown_kind");
}

const REFERENCE_NAMES: Record<string, ReferenceKind> = {
  ...Object.fromEntries(REFERENCE_KINDS.map((k) => [k, k])),
  roads: "road", street: "road", 道路: "road", 路: "road", 街道: "road", 公路: "road",
  rivers: "river", stream: "river", canal: "river", 河流: "river", 河: "river", 河道: "river", 水渠: "river", 沟渠: "river",
  lake: "water", pond: "water", 水域: "water", 水面: "water", 湖泊: "water", 池塘: "water", 水塘: "water", 水库: "water",
  field: "farmland", 农田: "farmland", 耕地: "farmland", 农地: "farmland", 田地: "farmland",
  poi: "landmark", 地标: "landmark", 标志物: "landmark", 兴趣点: "landmark",
};

/** Used for a reference feature's kind: road/river/water/farmland/landmark or a Chinese name; `fallback` when blank. */
export function readReferenceKind(v: unknown, fallback: ReferenceKind | null): Got<ReferenceKind> {
  if (blank(v)) return fallback ? ok(fallback) : no("required");
  const kind = REFERENCE_NAMES[String(textOf(v)).toLowerCase()];
  return kind ? ok(kind) : no("unknown_kind");
}
