/**
 * `tessera import --layer districts|small-areas|buildings|reference --file F [--crs EPSG:4527] [--gcj02]
 * [--encoding gbk] [--map code=DM,name=MC] [--existing replace|skip] [--default-kind road] [--skip-bad] [--json]
 * [--lang zh]`: any vector file (`readVectorFile`: GeoJSON, zipped Shapefile, GeoPackage, KML/KMZ, CSV,
 * FlatGeobuf) into one layer, all or nothing unless `--skip-bad` (db/import-layers.ts), then the coverage checks.
 * The field mapping is guessed from the field names and overridden by `--map`. Exit 0 imported; 1 some feature
 * breaks a rule (each printed as `features[3] · code: …`) and nothing was written; an unreadable file or bad use
 * throws (exit 2).
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { coverageAfterImport, layerImportReport } from "@/app/_lib/layer-import-report";
import { openDatabase } from "@/db/client";
import { importLayer } from "@/db/import-layers";
import { REFERENCE_KINDS, type ReferenceKind } from "@/lib/domain/types";
import { fileRuleMessage, type MessageLang } from "@/lib/i18n/import-message";
import { readVectorFile } from "@/lib/io/formats/read";
import { VectorInputError, type ReadOptions } from "@/lib/io/formats/types";
import { checkMapping, guessMapping, isImportLayer, MappingError, parseMappingSpec, type ImportLayer } from "@/lib/io/import-mapping";

/** What `import` was asked to do, for any layer and format. */
export interface LayerImportCommandOptions {
  layer?: string;
  file?: string;
  encoding?: string;
  crs?: string;
  gcj02: boolean;
  map?: string;
  existing?: string;
  defaultKind?: string;
  /** import the good features and leave out the bad ones */
  skipBad?: boolean;
  json: boolean;
  lang?: string;
  dbPath: string;
}

const NOUN: Record<ImportLayer, [string, string]> = {
  districts: ["district", "districts"],
  "small-areas": ["small area", "small areas"],
  buildings: ["building", "buildings"],
  reference: ["reference feature", "reference features"],
};

function readOptionsOf(o: LayerImportCommandOptions): ReadOptions {
  const encoding = (o.encoding ?? "auto").toLowerCase().replace(/^utf8$/, "utf-8");
  if (encoding !== "auto" && encoding !== "utf-8" && encoding !== "gbk") throw new Error(`--encoding must be utf-8 or gbk, not "${o.encoding}"`);
  return { encoding, gcj02: o.gcj02, ...(o.crs ? { crs: o.crs } : {}) };
}

function mappingError(error: unknown): never {
  if (error instanceof MappingError) {
    const why = { unknown_target: "is not a field of this layer", unknown_field: "names an attribute the file does not have", missing_target: "is needed: name its attribute with --map", mapping_syntax: "is not target=attribute" }[error.rule];
    throw new Error(`--map: ${error.where} ${why}`);
  }
  throw error;
}

/** Used by `bin/tessera.ts` for every layer and format: reads, checks, imports, prints the report; the exit code. */
export async function runLayerImport(o: LayerImportCommandOptions): Promise<number> {
  if (!isImportLayer(o.layer)) throw new Error(`import needs --layer districts|small-areas|buildings|reference, not "${o.layer ?? ""}"`);
  if (!o.file) throw new Error("import needs --file F (GeoJSON, zipped Shapefile, GeoPackage, KML/KMZ, CSV or FlatGeobuf)");
  const layer = o.layer;
  const lang: MessageLang = o.lang === "zh" ? "zh" : "en";
  const existing = o.existing ?? "skip";
  if (existing !== "skip" && existing !== "replace") throw new Error(`--existing must be replace or skip, not "${existing}"`);
  if (o.defaultKind !== undefined && !(REFERENCE_KINDS as readonly string[]).includes(o.defaultKind)) throw new Error(`--default-kind must be one of ${REFERENCE_KINDS.join(", ")}`);
  const options = readOptionsOf(o);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(o.file));
  } catch (error) {
    throw new Error(`cannot read ${o.file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let read;
  try {
    read = await readVectorFile(bytes, basename(o.file), options);
  } catch (error) {
    if (error instanceof VectorInputError) throw new Error(`${fileRuleMessage(lang, error.rule, error.where, error.params)} [rule ${error.rule}]`);
    throw error;
  }
  let mapping;
  try {
    mapping = checkMapping(layer, { ...guessMapping(layer, read.fields), ...(o.map ? parseMappingSpec(o.map) : {}) }, read.fields);
  } catch (error) {
    mappingError(error);
  }
  if (!existsSync(o.dbPath)) throw new Error(`no database at ${o.dbPath} (run \`npm run -s tessera -- seed --db ${o.dbPath}\` or \`npm start\` first)`);
  const db = openDatabase(o.dbPath);
  try {
    const result = importLayer(db, layer, read.features, mapping, { existing, skipBad: o.skipBad ?? false, defaultKind: (o.defaultKind as ReferenceKind | undefined) ?? null, fileName: basename(o.file), format: read.format, encoding: read.encoding });
    const report = layerImportReport(layer, result, lang, Infinity);
    const coverage = result.written && layer !== "reference" ? coverageAfterImport(db, lang) : null;
    if (o.json) {
      const warnings = read.warnings.map((w) => ({ ...w, message: fileRuleMessage(lang, w.rule, w.where, w.params) }));
      console.log(JSON.stringify({ file: o.file, format: read.format, sourceCrs: read.sourceCrs, encoding: read.encoding, mapping, warnings, report, coverage }, null, 2));
      return result.written ? 0 : 1;
    }
    const [one, many] = NOUN[layer];
    console.log(`Read ${read.features.length} features (${read.format}${read.sourceCrs ? `, ${read.sourceCrs}` : ""}${read.encoding ? `, ${read.encoding}` : ""}); fields: ${Object.entries(mapping).map(([k, v]) => `${k}=${v}`).join(", ") || "none"}.`);
    for (const w of read.warnings) console.log(`warning: ${fileRuleMessage(lang, w.rule, w.where, w.params)}`);
    for (const p of report.problems) console.log(p.message);
    for (const w of report.warnings) console.log(`note: ${w.message}`);
    if (!result.written) {
      const good = report.features - report.badFeatures;
      const hint = o.skipBad || good === 0 ? "" : ` Fix them, or run again with --skip-bad to import the ${good} good ${good === 1 ? "feature" : "features"} and leave out the bad ones.`;
      console.log(`${report.badFeatures} of ${report.features} features break a rule: nothing imported.${hint}`);
      return 1;
    }
    const units = layer === "buildings" ? ` with ${report.units} housing units` : "";
    const left = report.badFeatures ? `; ${report.badFeatures} bad ${report.badFeatures === 1 ? "feature" : "features"} left out` : "";
    console.log(`Imported ${report.inserted + report.replaced} ${report.inserted + report.replaced === 1 ? one : many}${units} from ${o.file} (${report.inserted} new, ${report.replaced} replaced, ${report.skipped} skipped${left}).`);
    if (coverage) {
      const kinds = Object.entries(coverage.byKind).map(([k, n]) => `${k} ${n}`).join(", ");
      console.log(`Coverage check: ${coverage.errors} errors, ${coverage.warnings} warnings${kinds ? ` (${kinds})` : ""}.`);
    }
    return 0;
  } finally {
    db.$client.close();
  }
}
