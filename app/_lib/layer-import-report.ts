/**
 * What the layer import answers (issue #8): the report of a commit — counts, the problems by feature, field and
 * rule with their text in the user's language — and the coverage checks (#3) run on the database after it, by
 * kind with counts. Used by POST /api/import/commit and `tessera import`.
 */
import { getCoverageInput, getCoverageSettings } from "@/db/coverage-queries";
import type { Db } from "@/db/client";
import type { LayerImportResult } from "@/db/import-layers";
import { checkCoverage } from "@/lib/coverage/check";
import type { IssueKind, Severity } from "@/lib/coverage/types";
import { formatCoverageMessage, type CoverageMessages } from "@/lib/i18n/coverage-message";
import { featureProblemMessage, type MessageLang } from "@/lib/i18n/import-message";
import { MESSAGES } from "@/lib/i18n/messages";
import type { ImportLayer } from "@/lib/io/import-mapping";
import type { LayerProblem } from "@/lib/io/layer-values";

/** A problem as the report lists it, with its text. */
export type ReportedProblem = LayerProblem & { message: string };

/** The report of one commit. */
export interface LayerImportReport {
  layer: ImportLayer;
  status: "imported" | "bad_features";
  features: number;
  badFeatures: number;
  inserted: number;
  replaced: number;
  skipped: number;
  units: number;
  changeId: string | null;
  problems: ReportedProblem[];
  problemCount: number;
  warnings: ReportedProblem[];
  warningCount: number;
}

/** The coverage checks after an import: counts by kind and the first issues, in words. */
export interface CoverageAfterImport {
  errors: number;
  warnings: number;
  byKind: Partial<Record<IssueKind, number>>;
  issues: Array<{ kind: IssueKind; severity: Severity; district: string | null; message: string }>;
}

/** Used by the commit route and the CLI: the report of `result`, listing at most `limit` problems and warnings. */
export function layerImportReport(layer: ImportLayer, result: LayerImportResult, lang: MessageLang, limit = 1000): LayerImportReport {
  const { validated: v, written } = result;
  const withText = (p: LayerProblem): ReportedProblem => ({ ...p, message: featureProblemMessage(lang, p) });
  return {
    layer,
    status: written ? "imported" : "bad_features",
    features: v.features,
    badFeatures: v.badFeatures,
    inserted: written?.inserted ?? 0,
    replaced: written?.replaced ?? 0,
    skipped: written?.skipped ?? 0,
    units: written?.units ?? 0,
    changeId: written?.changeId ?? null,
    problems: v.problems.slice(0, limit).map(withText),
    problemCount: v.problems.length,
    warnings: v.warnings.slice(0, limit).map(withText),
    warningCount: v.warnings.length,
  };
}

/**
 * Used after an import of districts, small areas or buildings: the coverage checks of the whole database
 * (every township; well under a second for a county), by kind, the first `limit` issues in `lang`.
 */
export function coverageAfterImport(db: Db, lang: MessageLang, limit = 200): CoverageAfterImport {
  const input = getCoverageInput(db);
  if (!input) return { errors: 0, warnings: 0, byKind: {}, issues: [] };
  const report = checkCoverage(input, getCoverageSettings(db));
  const messages = MESSAGES[lang].coverage as unknown as CoverageMessages;
  return {
    errors: report.summary.errors,
    warnings: report.summary.warnings,
    byKind: report.summary.byKind,
    issues: report.issues.slice(0, limit).map((i) => ({ kind: i.kind, severity: i.severity, district: i.district, message: formatCoverageMessage(messages, i, lang) })),
  };
}
