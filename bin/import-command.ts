/**
 * `tessera import --layer buildings --file F [--encoding gbk|utf-8] [--skip-bad] [--json] [--db PATH]`: reads a
 * CSV or GeoJSON file of buildings (other layers and formats: `import-layer-command.ts`) and writes its good rows in one transaction (db/import-buildings.ts). Exit 0
 * when imported; 1 when the file has bad rows and nothing was imported (without --skip-bad); an unreadable
 * file or bad use throws (exit 2). Bad rows print as `line 7: households: not a whole number` — the place and
 * the rule, never the value.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { openDatabase } from "@/db/client";
import { getTownshipBboxes, importBuildings } from "@/db/import-buildings";
import { ImportInputError, parseBuildingImport, type ParsedBuildings } from "@/lib/io/building-import";
import { describeProblem, importReport, type ImportReport } from "@/lib/io/import-report";
import { IMPORT_ENCODINGS, type EncodingChoice } from "@/lib/io/import-decode";

/** What `import` was asked to do. */
export interface ImportCommandOptions {
  layer?: string;
  file?: string;
  encoding?: string;
  skipBad: boolean;
  json: boolean;
  dbPath: string;
}

/** Warnings printed in the text form before "… and N more" (--json prints them all). */
const WARNINGS_SHOWN = 20;

function encodingOf(value: string | undefined): EncodingChoice {
  const v = value?.toLowerCase().replace(/^utf8$/, "utf-8") ?? "auto";
  if (v === "auto" || (IMPORT_ENCODINGS as readonly string[]).includes(v)) return v as EncodingChoice;
  throw new Error(`--encoding must be utf-8 or gbk, not "${value}"`);
}

function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function printText(file: string, parsed: ParsedBuildings, report: ImportReport): void {
  if (parsed.encoding === "gbk" && parsed.encodingSource === "detected") console.log(`Read ${file} as GBK (it is not valid UTF-8).`);
  for (const p of report.problems) console.log(describeProblem(p));
  for (const w of report.warnings.slice(0, WARNINGS_SHOWN)) console.log(`warning: ${describeProblem(w)}`);
  if (report.warningCount > WARNINGS_SHOWN) console.log(`warning: … and ${count(report.warningCount - WARNINGS_SHOWN, "more warning")}`);
  if (report.status === "bad_rows") {
    console.log(
      `${count(report.badRows, "bad row")} of ${report.rows.toLocaleString("en-US")}: nothing imported. Fix them, or run again with --skip-bad ` +
        `to import the ${count(report.goodRows, "good row")} and skip the bad ones.`,
    );
  } else {
    const skipped = report.skipped ? `; skipped ${count(report.skipped, "bad row")}` : "";
    console.log(`Imported ${count(report.inserted, "building")} with ${count(report.units, "housing unit")} from ${file}${skipped}.`);
  }
}

/** Progress on stderr, only when it is a terminal (a pipe gets the report alone). */
function progressLine(done: number, total: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\rwriting buildings: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")}${done === total ? "\n" : ""}`);
}

/**
 * Used by `bin/tessera.ts` to pick the path: buildings from a CSV or GeoJSON file, without the layer import's
 * options (--crs, --gcj02, --map), take this building import (line numbers, --skip-bad); every other layer and
 * format takes the layer import (`import-layer-command.ts`), whose building rows and rules are the same.
 */
export function usesBuildingImport(layer: string | undefined, file: string | undefined, layerOptions: { crs?: string; gcj02?: boolean; map?: string }): boolean {
  return layer === "buildings" && /\.(csv|tsv|txt|geojson|json)$/i.test(file ?? "") && !layerOptions.crs && !layerOptions.gcj02 && !layerOptions.map;
}

/** Used by `bin/tessera.ts`: parses the file, imports its good rows, prints the report; returns the exit code. */
export function runImport(o: ImportCommandOptions): number {
  if (o.layer !== "buildings") throw new Error(`import needs --layer buildings (the only layer imported so far), not "${o.layer ?? ""}"`);
  if (!o.file) throw new Error("import needs --file F (a .csv or .geojson file)");
  const encoding = encodingOf(o.encoding);
  const bytes = readBytes(o.file);
  if (!existsSync(o.dbPath)) throw new Error(`no database at ${o.dbPath} (run \`npm run -s tessera -- seed --db ${o.dbPath}\` or \`npm start\` first)`);
  const db = openDatabase(o.dbPath);
  try {
    let parsed: ParsedBuildings;
    try {
      parsed = parseBuildingImport(bytes, { fileName: basename(o.file), encoding, townships: getTownshipBboxes(db) });
    } catch (error) {
      if (error instanceof ImportInputError) throw new Error(`${o.file}: ${error.place}: ${error.message} [rule ${error.rule}]`);
      throw error;
    }
    const written = parsed.badRows && !o.skipBad ? null : importBuildings(db, parsed, { skipBad: o.skipBad, onProgress: o.json ? undefined : progressLine });
    const report = importReport(parsed, written);
    if (o.json) console.log(JSON.stringify({ file: o.file, ...report, changeId: written?.changeId ?? null }, null, 2));
    else printText(o.file, parsed, report);
    return written ? 0 : 1;
  } finally {
    db.$client.close();
  }
}
