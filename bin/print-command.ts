/**
 * `tessera print`: map sheets to a PDF file (issue #7). One small area's sheet, one district's sheet
 * (`--district CODE --sheet district`), or a batch of every small-area sheet of a district or a township with
 * a cover and an index. Progress on stderr, one line at the end; one audit row per small area printed.
 * Bad use throws (exit 2) with a message naming the flag and the rule.
 */
import { mkdirSync, existsSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { appendAudit } from "@/db/audit";
import { printBatch, printDistrict, printSmallArea, type PrintResult } from "@/db/print";
import { smallAreasOf } from "@/db/print-queries";
import { isAdminUnitCode, isDistrictCode } from "@/lib/domain/codes";
import { closePrintBrowser } from "@/lib/print/render-pdf";
import { PAPERS, SHEET_LOCALES, type Paper, type PrintOptions, type SheetLocale } from "@/lib/print/types";

/** What `print` was asked to do (the flags as typed). */
export interface PrintCommandOptions {
  township?: string;
  district?: string;
  smallArea?: string;
  sheet?: string;
  out?: string;
  paper?: string;
  landscape: boolean;
  imagery: boolean;
  lang?: string;
  dbPath: string;
}

type Target =
  | { kind: "small_area"; id: number; code: string }
  | { kind: "district_sheet"; id: number; code: string }
  | { kind: "batch"; scope: { type: "district" | "township"; id: number }; code: string };

const idOf = (db: Db, sql: string, ...params: string[]) => (db.$client.prepare(sql).pluck().get(...params) as number | undefined) ?? null;

function findTarget(db: Db, o: PrintCommandOptions): Target {
  const given = [o.township && "--township", o.district && "--district", o.smallArea && "--small-area"].filter(Boolean);
  if (given.length !== 1) throw new Error(`print needs exactly one of --township CODE, --district CODE or --small-area FULLCODE${given.length ? ` (got ${given.join(" and ")})` : ""}`);
  if (o.sheet !== undefined && (o.sheet !== "district" || !o.district)) throw new Error(`--sheet district goes with --district CODE (the district sheet); got --sheet ${o.sheet}${o.district ? "" : " without --district"}`);
  if (o.township) {
    if (!isAdminUnitCode(o.township, "township")) throw new Error(`--township must be a 9-digit township code, not "${o.township}"`);
    const id = idOf(db, "SELECT id FROM admin_units WHERE level = 'township' AND code = ? ORDER BY id LIMIT 1", o.township);
    if (id === null) throw new Error(`--township: no township ${o.township} in ${o.dbPath}`);
    return { kind: "batch", scope: { type: "township", id }, code: o.township };
  }
  if (o.district) {
    if (!isDistrictCode(o.district)) throw new Error(`--district must be a 12-digit district code, not "${o.district}"`);
    const id = idOf(db, "SELECT id FROM districts WHERE code = ?", o.district);
    if (id === null) throw new Error(`--district: no district ${o.district} in ${o.dbPath}`);
    return o.sheet === "district" ? { kind: "district_sheet", id, code: o.district } : { kind: "batch", scope: { type: "district", id }, code: o.district };
  }
  const full = o.smallArea!;
  if (!/^\d{15}$/.test(full)) throw new Error(`--small-area must be a 15-digit code (12-digit district code + 3-digit small-area code), not "${full}"`);
  const id = idOf(db, "SELECT sa.id FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? AND sa.code = ?", full.slice(0, 12), full.slice(12));
  if (id === null) throw new Error(`--small-area: no small area ${full} in ${o.dbPath}`);
  return { kind: "small_area", id, code: full };
}

function printOptions(o: PrintCommandOptions): PrintOptions {
  const paper = o.paper ?? "A4";
  if (!(PAPERS as readonly string[]).includes(paper)) throw new Error(`--paper must be ${PAPERS.join(" or ")}, not "${paper}"`);
  const lang = o.lang ?? "zh";
  if (!(SHEET_LOCALES as readonly string[]).includes(lang)) throw new Error(`--lang must be ${SHEET_LOCALES.join(" or ")}, not "${lang}"`);
  const now = new Date();
  const printedAt = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return { paper: paper as Paper, orientation: o.landscape ? "landscape" : "portrait", imagery: o.imagery, locale: lang as SheetLocale, printedAt };
}

const megabytes = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} KB`);

/**
 * Used by `bin/tessera.ts`: prints what the flags ask for to `--out`, writes one audit row (`print`, actor
 * none, detail "cli A4 portrait") per small area printed (and one for a district sheet), and prints the page
 * count, size and time. Returns 0; bad use throws (exit 2). Closes the print browser before returning.
 */
export async function runPrint(o: PrintCommandOptions): Promise<number> {
  if (!o.out) throw new Error("print needs --out F.pdf (the PDF file to write)");
  const options = printOptions(o);
  if (!existsSync(o.dbPath)) throw new Error(`no database at ${o.dbPath}`);
  const db = openDatabase(o.dbPath);
  const start = performance.now();
  try {
    const target = findTarget(db, o);
    let result: PrintResult;
    if (target.kind === "small_area") result = await printSmallArea(db, target.id, options);
    else if (target.kind === "district_sheet") result = await printDistrict(db, target.id, options);
    else {
      const ids = smallAreasOf(db, target.scope);
      if (ids.length === 0) throw new Error(`--${target.scope.type}: ${target.scope.type} ${target.code} has no small areas to print`);
      const progress = (done: number, total: number) => process.stderr.write(`${done}/${total} sheets${process.stderr.isTTY ? "\r" : "\n"}`);
      result = await printBatch(db, target.scope, ids, options, progress);
      if (process.stderr.isTTY) process.stderr.write("\n");
    }
    const out = resolve(o.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, result.pdf);
    const detail = `cli ${options.paper} ${options.orientation}${options.imagery ? " imagery" : ""}`;
    if (target.kind === "district_sheet") appendAudit(db, { actor: null, action: "print", targetType: "district", targetId: target.id, detail });
    for (const id of result.smallAreaIds) appendAudit(db, { actor: null, action: "print", targetType: "small_area", targetId: id, detail });
    const sheets = target.kind === "batch" ? `${result.smallAreaIds.length} small-area sheets` : target.kind === "district_sheet" ? "the district sheet" : "the small-area sheet";
    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    console.log(`Printed ${sheets} of ${target.code} to ${out}: ${result.pages} ${result.pages === 1 ? "page" : "pages"}, ${megabytes(result.pdf.length)}, ${seconds} s.`);
    return 0;
  } finally {
    await closePrintBrowser();
    db.$client.close();
  }
}
