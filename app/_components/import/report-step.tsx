"use client";

import { useTranslations } from "next-intl";
import type { ImportLayer } from "@/lib/io/import-mapping";
import type { CommitOutcome } from "./mapping-step";
import styles from "./import.module.css";

/** Problems listed; the rest are counted. */
const SHOWN = 50;

/**
 * Step 3 of the import: what was written (new, replaced, skipped) or why nothing was (each bad feature's index,
 * field and rule), and the coverage checks after the import, by kind with counts.
 */
export function ReportStep(props: { layer: ImportLayer; outcome: CommitOutcome; onAgain: () => void }) {
  const t = useTranslations("layerImport");
  const kinds = useTranslations("coverage.kind");
  const { outcome } = props;
  const report = outcome.report;
  const coverage = "coverage" in outcome ? outcome.coverage : null;
  return (
    <section data-testid="import-layer-report" data-status={report?.status ?? "failed"} aria-live="polite">
      {"failed" in outcome && <p className={styles.error} role="alert">{outcome.failed}</p>}
      {report?.status === "imported" && (
        <p data-testid="import-counts">
          {t("report.imported", { inserted: report.inserted, replaced: report.replaced, skipped: report.skipped })}
          {props.layer === "buildings" && ` ${t("report.units", { units: report.units })}`}
        </p>
      )}
      {report?.status === "bad_features" && <p className={styles.error}>{t("report.refused", { bad: report.badFeatures, count: report.features })}</p>}
      {report && report.problemCount > 0 && (
        <ul className={styles.problems} data-testid="import-layer-problems">
          {report.problems.slice(0, SHOWN).map((p, k) => <li key={k}>{p.message}</li>)}
          {report.problemCount > SHOWN && <li>{t("report.more", { count: report.problemCount - SHOWN })}</li>}
        </ul>
      )}
      {report && report.warningCount > 0 && (
        <details>
          <summary>{t("report.warnings", { count: report.warningCount })}</summary>
          <ul className={styles.problems}>
            {report.warnings.slice(0, SHOWN).map((p, k) => <li key={k}>{p.message}</li>)}
          </ul>
        </details>
      )}
      {coverage && (
        <div data-testid="import-coverage">
          <h3>{t("report.coverage")}</h3>
          {coverage.errors + coverage.warnings === 0 ? (
            <p>{t("report.coverageClean")}</p>
          ) : (
            <>
              <p>{t("report.coverageIssues", { errors: coverage.errors, warnings: coverage.warnings })}</p>
              <ul>
                {Object.entries(coverage.byKind).map(([kind, n]) => (
                  <li key={kind} data-kind={kind}>{kinds(kind)}: {n}</li>
                ))}
              </ul>
              <details>
                <summary>{t("report.more", { count: coverage.issues.length })}</summary>
                <ul className={styles.problems}>
                  {coverage.issues.map((i, k) => <li key={k}>{i.message}</li>)}
                </ul>
              </details>
            </>
          )}
        </div>
      )}
      <div className={styles.actions}>
        <button type="button" onClick={props.onAgain} data-testid="import-again">{t("again")}</button>
      </div>
    </section>
  );
}
