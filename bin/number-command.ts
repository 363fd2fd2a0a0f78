/**
 * `tessera number` (GeoJSON files) and `tessera renumber` (a district in the database): codes and numbers by
 * the numbering rule (docs/numbering.svg), printed as a table or as JSON. Exit 0 when done; bad input or bad
 * use throws (exit 2) with a message naming the file, the feature and the rule.
 */
import { existsSync, readFileSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { WriteRefused } from "@/db/mutations";
import { applyRenumber, previewRenumber, type RenumberPreview } from "@/db/renumber";
import { isDistrictCode } from "@/lib/domain/codes";
import { CoverageInputError, type InputFile } from "@/lib/coverage/geojson-input";
import { numberFeatureFiles, type NumberedFiles, type NumberedRow } from "@/lib/io/numbering-geojson";

/** What `number` was asked to do. */
export interface NumberOptions {
  areas?: string;
  buildings?: string;
  json: boolean;
}

/** What `renumber` was asked to do. */
export interface RenumberCommandOptions {
  district?: string;
  dbPath: string;
  dryRun: boolean;
  json: boolean;
}

function readInput(path: string): InputFile {
  try {
    return { name: path, text: readFileSync(path, "utf8") };
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd()).join("\n");
}

const show = (v: string | number | null) => (v === null ? "-" : String(v));
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const changed = <V>(rows: NumberedRow<V>[]) => rows.filter((r) => r.old !== r.new).length;

function printNumbered(out: NumberedFiles): void {
  const areaRows = out.smallAreaRows.map((r) => [String(r.index), show(r.district), show(r.old), show(r.new)]);
  console.log(table([["feature", "district", "old code", "code"], ...areaRows]));
  if (out.buildings) {
    const rows = out.buildingRows.map((r) => [String(r.index), show(r.district), show(r.smallArea), show(r.old), show(r.new)]);
    console.log(`\n${table([["feature", "district", "small area", "old number", "number"], ...rows])}`);
  }
  const districts = new Set(out.smallAreaRows.map((r) => r.district)).size;
  const outside = out.buildingRows.filter((r) => r.new === null).length;
  const buildings = out.buildings
    ? ` and ${count(out.buildingRows.length, "building")} (${count(changed(out.buildingRows), "number")} changed${outside ? `, ${outside} in no small area: not numbered` : ""})`
    : "";
  console.log(`\nNumbered ${count(out.smallAreaRows.length, "small area")} in ${count(districts, "district")} (${count(changed(out.smallAreaRows), "code")} changed)${buildings}.`);
}

/**
 * Used by `bin/tessera.ts`: numbers the small areas (and buildings) of GeoJSON files by the rule and prints
 * the features with `code` / `number` set (`--json`: `{ "areas": FeatureCollection, "buildings"?: … }`), or a
 * table of old and new codes and numbers. Returns 0; bad input throws.
 */
export function runNumber(o: NumberOptions): number {
  if (!o.areas) throw new Error("number needs --areas A.geojson (and optionally --buildings B.geojson)");
  let out: NumberedFiles;
  try {
    out = numberFeatureFiles({ areas: readInput(o.areas), ...(o.buildings ? { buildings: readInput(o.buildings) } : {}) });
  } catch (error) {
    if (error instanceof CoverageInputError) throw new Error(`${error.file}: ${error.place || "(file)"}: ${error.message} [rule ${error.rule}]`);
    throw error;
  }
  if (o.json) console.log(JSON.stringify({ areas: out.areas, ...(out.buildings ? { buildings: out.buildings } : {}) }));
  else printNumbered(out);
  return 0;
}

function printPreview(preview: RenumberPreview, note: string): void {
  if (preview.smallAreas.length) {
    console.log(table([["small area id", "old code", "code"], ...preview.smallAreas.map((a) => [String(a.id), a.oldCode, a.newCode])]) + "\n");
  }
  if (preview.buildings.length) {
    const rows = preview.buildings.map((b) => [String(b.id), b.smallAreaCode, show(b.oldNumber), String(b.newNumber)]);
    console.log(table([["building id", "small area", "old number", "number"], ...rows]) + "\n");
  }
  const what = `${count(preview.smallAreas.length, "small-area code")} and ${count(preview.buildings.length, "building number")}`;
  console.log(`District ${preview.districtCode}: ${what} ${note}`);
}

/**
 * Used by `bin/tessera.ts`: renumbers one district of the database by the rule in one transaction (logged as
 * one `renumber` change), or with `dryRun` only shows what would change. Returns 0; bad use throws.
 */
export function runRenumber(o: RenumberCommandOptions): number {
  if (!o.district) throw new Error("renumber needs --district CODE (the 12-digit district code)");
  if (!isDistrictCode(o.district)) throw new Error(`--district must be a 12-digit district code, not "${o.district}"`);
  if (!existsSync(o.dbPath)) throw new Error(`no database at ${o.dbPath}`);
  const db = openDatabase(o.dbPath);
  try {
    const result = o.dryRun ? { ...previewRenumber(db, o.district), changeId: null } : applyRenumber(db, o.district, null);
    if (o.json) console.log(JSON.stringify({ ...result, dryRun: o.dryRun }, null, 2));
    else printPreview(result, o.dryRun ? "would change (dry run: nothing written)." : result.changeId ? `changed (change ${result.changeId}).` : "changed: the numbering already follows the rule.");
    return 0;
  } catch (error) {
    if (error instanceof WriteRefused && error.status === 404) throw new Error(`no district ${o.district} in ${o.dbPath}`);
    if (error instanceof WriteRefused) throw new Error(`district ${o.district}: ${error.reason} at ${error.place}`);
    throw error;
  } finally {
    db.$client.close();
  }
}
