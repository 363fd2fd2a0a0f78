/**
 * The report of a building import, as `tessera import --json` prints it and POST /api/import/buildings returns
 * it, and the one-line form of a problem the CLI prints (`line 7: households: not a whole number`). A report
 * holds counts of buildings and units and the places of problems — never a household count or a value.
 */
import { RULE_TEXT } from "./building-fields";
import type { ImportProblem, ParsedBuildings } from "./building-import";

/** What was written; null when nothing was (bad rows, not skipped). */
export interface WrittenCounts {
  inserted: number;
  skipped: number;
  units: number;
}

/** The outcome of one import, for the CLI's `--json`, the route and the UI. */
export interface ImportReport {
  /** `imported`: the good rows were written; `bad_rows`: the file has bad rows and nothing was written */
  status: "imported" | "bad_rows";
  format: ParsedBuildings["format"];
  encoding: ParsedBuildings["encoding"];
  encodingSource: ParsedBuildings["encodingSource"];
  rows: number;
  goodRows: number;
  badRows: number;
  inserted: number;
  skipped: number;
  units: number;
  /** the first problems (all of them unless a limit was given), and how many there are */
  problems: ImportProblem[];
  problemCount: number;
  warnings: ImportProblem[];
  warningCount: number;
}

/** Used by the CLI and the route: the report of a parse and of what was written (null: nothing). */
export function importReport(parsed: ParsedBuildings, written: WrittenCounts | null, limit = Infinity): ImportReport {
  return {
    status: written ? "imported" : "bad_rows",
    format: parsed.format,
    encoding: parsed.encoding,
    encodingSource: parsed.encodingSource,
    rows: parsed.rowCount,
    goodRows: parsed.rows.length,
    badRows: parsed.badRows,
    inserted: written?.inserted ?? 0,
    skipped: written?.skipped ?? 0,
    units: written?.units ?? 0,
    problems: parsed.problems.slice(0, limit),
    problemCount: parsed.problems.length,
    warnings: parsed.warnings.slice(0, limit),
    warningCount: parsed.warnings.length,
  };
}

/** Used by the CLI: `line 7: households: not a whole number`, or `features[3]: geometry: …` for GeoJSON. */
export function describeProblem(p: ImportProblem): string {
  const place = p.line !== undefined ? `line ${p.line}` : `features[${p.feature}]`;
  return `${place}: ${p.field}: ${RULE_TEXT[p.rule]}`;
}
