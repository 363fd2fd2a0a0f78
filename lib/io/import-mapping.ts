/**
 * The field-mapping step of the layer import (issue #8): which attribute of the file is a district's code, a
 * small area's district code, a building's households… Guesses come from the field names (English, pinyin
 * abbreviations like DM/MC, and Chinese: 代码, 名称, 普查区代码, 户数, 人数 …; Shapefile names cut at 10
 * characters too), else from the values (a column of 12-digit numbers is a district code). Used by the
 * preview route (the guesses the UI preselects), the commit route and `tessera import --map`.
 */
import type { FieldInfo } from "./formats/types";

/** The layers a file can be imported into. */
export const IMPORT_LAYERS = ["districts", "small-areas", "buildings", "reference"] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];

/** What an attribute can mean, per layer (the order the UI lists them in). */
export const LAYER_TARGETS = {
  districts: ["code", "name", "nameEn", "kind"],
  "small-areas": ["code", "districtCode", "name"],
  buildings: ["use", "units", "households", "persons", "name", "floors"],
  reference: ["kind", "name", "nameEn", "subkind"],
} as const satisfies Record<ImportLayer, readonly string[]>;

export type MappingTarget = (typeof LAYER_TARGETS)[ImportLayer][number];

/** Targets the import cannot do without (a small area's district code may instead be the first 12 of a 15-digit code). */
export const REQUIRED_TARGETS: Record<ImportLayer, readonly MappingTarget[]> = {
  districts: ["code", "name"],
  "small-areas": ["code"],
  buildings: [],
  reference: [],
};

/** target → the file's attribute name; a target left out is not imported (or takes its default). */
export type FieldMapping = Partial<Record<MappingTarget, string>>;

/** Used by the routes and the CLI to check a layer name. */
export function isImportLayer(value: unknown): value is ImportLayer {
  return typeof value === "string" && (IMPORT_LAYERS as readonly string[]).includes(value);
}

const norm = (name: string) => name.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s-]+/g, "_");

/** Names per layer and target, most telling first; matched after `norm`. */
const ALIASES: Record<ImportLayer, Partial<Record<MappingTarget, readonly string[]>>> = {
  districts: {
    code: ["code", "district_code", "district_c", "districtcode", "pcqdm", "普查区代码", "普查区编码", "区划代码", "村级代码", "dm", "bm", "代码", "编码", "cwhdm", "zldm"],
    name: ["name", "name_zh", "namezh", "district_name", "pcqmc", "普查区名称", "村名", "村名称", "名称", "mc", "name_cn", "名字"],
    nameEn: ["name_en", "nameen", "english", "english_name", "英文名", "英文名称"],
    kind: ["kind", "type", "类型", "类别", "性质", "城乡类型"],
  },
  "small-areas": {
    code: ["code", "small_area_code", "small_area", "smallarea", "xqdm", "pcxqdm", "普查小区代码", "普查小区编码", "小区代码", "小区编码", "小区号", "dm", "bm", "代码", "编码"],
    districtCode: ["district_code", "district_c", "district", "districtcode", "pcqdm", "普查区代码", "普查区编码", "所属普查区", "普查区", "村级代码"],
    name: ["name", "xqmc", "小区名称", "普查小区名称", "名称", "mc", "名字"],
  },
  buildings: {
    use: ["use", "用途", "建筑用途", "yt"],
    units: ["units", "单元数", "住房单元数"],
    households: ["households", "household", "hh", "户数", "hs"],
    persons: ["persons", "people", "population", "pop", "人数", "人口", "rs"],
    name: ["name", "名称", "建筑名称", "mc"],
    floors: ["floors", "floor", "storeys", "层数", "cs"],
  },
  reference: {
    kind: ["kind", "type", "class", "类型", "类别", "要素类型", "lx"],
    name: ["name", "名称", "mc", "名字"],
    nameEn: ["name_en", "nameen", "english", "英文名", "英文名称"],
    subkind: ["subkind", "subtype", "子类", "子类型", "fclass"],
  },
};

/** Digit-only samples of a field, all of `length` digits. */
function samplesAreDigits(field: FieldInfo, length: number): boolean {
  return field.samples.length > 0 && field.samples.every((s) => new RegExp(`^\\d{${length}}$`).test(s.trim()));
}

/** By value, when no name matched: which digit count each code target holds. */
const CODE_DIGITS: Partial<Record<ImportLayer, Partial<Record<MappingTarget, readonly number[]>>>> = {
  districts: { code: [12] },
  "small-areas": { code: [3, 15], districtCode: [12] },
};

/**
 * Used by the preview route and the CLI: the mapping guessed from the fields' names (each field used once,
 * the most telling alias winning), then from their values for code targets still unmapped.
 */
export function guessMapping(layer: ImportLayer, fields: readonly FieldInfo[]): FieldMapping {
  const mapping: FieldMapping = {};
  const used = new Set<string>();
  const byName = new Map(fields.map((f) => [norm(f.name), f.name]));
  const targets = LAYER_TARGETS[layer] as readonly MappingTarget[];
  // a field goes to the target whose alias list names it earliest (each list runs from most telling to least)
  const candidates: Array<{ target: MappingTarget; field: string; rank: number }> = [];
  for (const target of targets) {
    (ALIASES[layer][target] ?? []).forEach((alias, rank) => {
      const field = byName.get(alias);
      if (field) candidates.push({ target, field, rank });
    });
  }
  candidates.sort((a, b) => a.rank - b.rank);
  for (const c of candidates) {
    if (mapping[c.target] || used.has(c.field)) continue;
    mapping[c.target] = c.field;
    used.add(c.field);
  }
  for (const [target, lengths] of Object.entries(CODE_DIGITS[layer] ?? {}) as Array<[MappingTarget, number[]]>) {
    if (mapping[target]) continue;
    const field = fields.find((f) => !used.has(f.name) && lengths.some((n) => samplesAreDigits(f, n)));
    if (field) {
      mapping[target] = field.name;
      used.add(field.name);
    }
  }
  return mapping;
}

/** A mapping that cannot be used: the target and why. */
export class MappingError extends Error {
  constructor(
    readonly rule: "unknown_target" | "unknown_field" | "missing_target" | "mapping_syntax",
    readonly where: string,
  ) {
    super(`${where}: ${rule}`);
    this.name = "MappingError";
  }
}

/** Used by `tessera import --map code=DM,name=MC`: the mapping written as `target=field` pairs. */
export function parseMappingSpec(spec: string): FieldMapping {
  const mapping: Record<string, string> = {};
  for (const part of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf("=");
    if (at <= 0 || at === part.length - 1) throw new MappingError("mapping_syntax", part);
    mapping[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return mapping as FieldMapping;
}

/**
 * Used by the commit route and the CLI before validating features: the mapping checked against the layer's
 * targets and the file's fields (unknown targets or fields, and required targets left out, throw
 * `MappingError`); empty entries are dropped.
 */
export function checkMapping(layer: ImportLayer, mapping: Record<string, unknown>, fields: readonly FieldInfo[]): FieldMapping {
  const targets = LAYER_TARGETS[layer] as readonly string[];
  const names = new Set(fields.map((f) => f.name));
  const out: FieldMapping = {};
  for (const [target, field] of Object.entries(mapping)) {
    if (field === null || field === undefined || field === "") continue;
    if (!targets.includes(target)) throw new MappingError("unknown_target", target);
    if (typeof field !== "string" || !names.has(field)) throw new MappingError("unknown_field", target);
    out[target as MappingTarget] = field;
  }
  for (const target of REQUIRED_TARGETS[layer]) if (!out[target]) throw new MappingError("missing_target", target);
  return out;
}
