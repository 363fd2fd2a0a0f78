"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ImportLayer } from "@/lib/io/import-mapping";
import { postCommit, type CommitOutcome } from "./commit-request";
import styles from "./import.module.css";

/** Problems listed; the rest are counted. */
const SHOWN = 50;

/**
 * Step 3 of the import: what was written (new, replaced, skipped, bad features left out) or why nothing was (each
 * bad feature's index, field and rule, with a button to import the good ones and leave out the bad), and the
 * coverage checks after the import, by kind with counts.
 */
export function ReportStep(props: { layer: ImportLayer; outcome: CommitOutcome; onOutcome: (outcome: CommitOutcome) => void; onAgain: () => void }) {
  const t = useTranslations("layerImport");
  const kinds = useTranslations("coverage.kind");
  const [busy, setBusy] = useState(false);
  const { outcome } = props;
  const report = outcome.report;
  const coverage = "coverage" in outcome ? outcome.coverage : null;
  const good = report ? report.features - report.badFeatures : 0;
  const request = outcome.request;

  async function skipBad() {
    if (!request) return;
    setBusy(true);
    props.onOutcome(await postCommit({ ...request, skipBad: true }, t("error.network")));
    setBusy(false);
  }

  return (
    <section data-testid="import-layer-report" data-status={report?.status ?? "failed"} aria-live="polite">
      {/* a refused commit's report says why itself; the route's message would only repeat it */}
      {"failed" in outcome && report?.status !== "bad_features" && <p className={styles.error} role="alert">{outcome.failed}</p>}
      {report?.status === "imported" && (
        <p data-testid="import-counts">
          {t("report.imported", { inserted: report.inserted, replaced: report.replaced, skipped: report.skipped })}
          {props.layer === "buildings" && ` ${t("report.units", { units: report.units })}`}
        </p>
      )}
      {report?.status === "bad_features" && <p className={styles.error} role="alert">{t("report.refused", { bad: report.badFeatures, count: report.features })}</p>}
      {report?.status === "imported" && report.badFeatures > 0 && <p data-testid="import-left-out">{t("report.leftOut", { bad: report.badFeatures })}</p>}
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
        {report?.status === "bad_features" && request && good > 0 && (
          <button type="button" onClick={skipBad} disabled={busy} data-testid="import-skip-bad">
            {t("report.skipBad", { bad: report.badFeatures, good })}
          </button>
        )}
        <button type="button" onClick={props.onAgain} disabled={busy} data-testid="import-again">
          {t("again")}
        </button>
      </div>
      {busy && (
        <p role="status">
          <progress /> {t("committing")}
        </p>
      )}
    </section>
  );
}
