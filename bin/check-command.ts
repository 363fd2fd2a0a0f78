/**
 * `tessera check`: the coverage checks on GeoJSON files or on the app's database, printed as a table or as
 * JSON. Exit 0 when no issue is found, 1 when any is (errors or warnings); bad input throws (exit 2).
 */
import { existsSync, readFileSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { getCoverageInput, getCoverageSettings } from "@/db/coverage-queries";
import { checkCoverage } from "@/lib/coverage/check";
import { CoverageInputError, parseCoverageFiles, type InputFile } from "@/lib/coverage/geojson-input";
import type { CoverageInput, CoverageIssue, CoverageReport, CoverageSettings } from "@/lib/coverage/types";
import { formatCoverageMessage, type CoverageMessages } from "@/lib/i18n/coverage-message";
import en from "@/lib/i18n/messages/en.json";
import zh from "@/lib/i18n/messages/zh.json";

/** What `check` was asked to do. */
export interface CheckOptions {
  districts?: string;
  areas?: string;
  buildings?: string;
  county?: string;
  dbPath: string;
  district?: string;
  json: boolean;
  lang: string;
}

function readInput(path: string): InputFile {
  try {
    return { name: path, text: readFileSync(path, "utf8") };
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function loadFromFiles(o: CheckOptions): CoverageInput {
  if (!o.districts || !o.areas) throw new Error("check needs both --districts and --areas (or --db)");
  if (o.district) throw new Error("--district works with --db only");
  try {
    return parseCoverageFiles({
      districts: readInput(o.districts),
      areas: readInput(o.areas),
      ...(o.buildings ? { buildings: readInput(o.buildings) } : {}),
      ...(o.county ? { county: readInput(o.county) } : {}),
    });
  } catch (error) {
    if (error instanceof CoverageInputError) throw new Error(`${error.file}: ${error.place || "(file)"}: ${error.message} [rule ${error.rule}]`);
    throw error;
  }
}

function loadFromDb(o: CheckOptions): { input: CoverageInput; settings: CoverageSettings } {
  if (o.buildings || o.county) throw new Error("--buildings and --county go with --districts and --areas, not with --db");
  if (!existsSync(o.dbPath)) throw new Error(`no database at ${o.dbPath}`);
  const db = openDatabase(o.dbPath);
  try {
    const input = getCoverageInput(db, { districtCode: o.district });
    if (!input) throw new Error(`no district ${o.district} in ${o.dbPath}`);
    return { input, settings: getCoverageSettings(db) };
  } finally {
    db.$client.close();
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : c === 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd()).join("\n");
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function summaryLine(report: CoverageReport, input: CoverageInput): string {
  const s = report.summary;
  const checked = `${count(input.districts.length, "district")}, ${count(input.smallAreas.length, "small area")}, ${count(input.buildings?.length ?? 0, "building")} checked in ${Math.round(s.ms)} ms`;
  if (s.issues === 0) return `Clean: no issues (${checked}).`;
  const kinds = Object.entries(s.byKind).map(([k, n]) => `${k} ${n}`).join(", ");
  return `${count(s.issues, "issue")} (${count(s.errors, "error")}, ${count(s.warnings, "warning")}): ${kinds} (${checked}).`;
}

/** The issue as `--json` prints it: what, how bad, where, how big, the defect geometry and the message. */
function jsonIssue(issue: CoverageIssue, message: string) {
  const { kind, severity, district, districts, smallAreas, areaM2, geometry } = issue;
  return { kind, severity, district, ...(districts ? { districts } : {}), smallAreas, areaM2, geometry, message };
}

/** Used by `bin/tessera.ts`: runs the checks, prints the report, returns the exit code (0 clean, 1 issues found). */
export function runCheck(o: CheckOptions): number {
  if (o.lang !== "en" && o.lang !== "zh") throw new Error(`--lang must be en or zh, not "${o.lang}"`);
  const fromFiles = Boolean(o.districts || o.areas);
  const { input, settings } = fromFiles ? { input: loadFromFiles(o), settings: undefined } : loadFromDb(o);
  const report = checkCoverage(input, settings);
  const messages = (o.lang === "zh" ? zh : en).coverage as unknown as CoverageMessages;
  const message = (issue: CoverageIssue) => formatCoverageMessage(messages, issue, o.lang);
  if (o.json) {
    const summary = { ...report.summary, ms: Math.round(report.summary.ms * 10) / 10 };
    console.log(JSON.stringify({ summary, issues: report.issues.map((i) => jsonIssue(i, message(i))) }, null, 2));
  } else {
    if (report.issues.length) {
      const header = ["kind", "severity", "district", "small areas", "area m²", "message"];
      const rows = report.issues.map((i) => [
        i.kind,
        i.severity,
        i.district ?? (i.districts ?? []).join(", "),
        i.smallAreas.join(", "),
        i.areaM2 > 0 ? i.areaM2.toFixed(1) : "",
        message(i),
      ]);
      console.log(table([header, ...rows]));
    }
    console.log(summaryLine(report, input));
  }
  return report.issues.length ? 1 : 0;
}
