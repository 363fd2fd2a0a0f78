"use client";

import { useFormatter, useLocale, useMessages, useTranslations } from "next-intl";
import { ISSUE_KINDS, type CoverageIssue, type IssueKind } from "@/lib/coverage/types";
import { formatCoverageMessage, type CoverageMessages } from "@/lib/i18n/coverage-message";
import { DEFECT_COLORS } from "@/lib/map/style";
import type { CoverageRun } from "./use-coverage";

interface Props {
  run: CoverageRun;
  /** index of the issue last clicked */
  focused: number | null;
  onFocus: (index: number) => void;
}

/** Issues listed per kind; the rest are counted (a county can have thousands). */
const LIST_LIMIT = 50;

/** The coverage check of the township: issues grouped by kind with counts; clicking one shows it on the map. */
export function CoveragePanel({ run, focused, onFocus }: Props) {
  const t = useTranslations("coverage");
  const format = useFormatter();
  const locale = useLocale();
  const messages = useMessages().coverage as unknown as CoverageMessages;
  const report = run.response;

  const groups = new Map<IssueKind, Array<{ issue: CoverageIssue; index: number }>>();
  report?.issues.forEach((issue, index) => groups.set(issue.kind, [...(groups.get(issue.kind) ?? []), { issue, index }]));
  const kinds = ISSUE_KINDS.filter((k) => groups.has(k));

  return (
    <section className="panel coverage" aria-labelledby="coverage-title" data-testid="coverage-panel" aria-busy={run.state === "running"} data-state={run.state}>
      <div className="panel-head">
        <h2 id="coverage-title">
          {t("panel.title")}
          {report && report.summary.issues > 0 && (
            <span className={`badge ${report.summary.errors ? "error" : "warning"}`} data-testid="coverage-count">
              {format.number(report.summary.issues)}
            </span>
          )}
        </h2>
        <button type="button" className="link-button" onClick={run.rerun} disabled={run.state === "running"}>
          {t("panel.rerun")}
        </button>
      </div>
      <p className="hint" role="status" data-testid="coverage-status">
        {run.state === "running"
          ? t("panel.running")
          : run.state === "failed"
            ? t("panel.error", { message: run.error ?? "" })
            : report && report.summary.issues === 0
              ? t("panel.clean")
              : report &&
                t("panel.summary", {
                  issues: report.summary.issues,
                  errors: report.summary.errors,
                  warnings: report.summary.warnings,
                  ms: Math.max(1, Math.round(report.summary.ms)),
                })}
      </p>
      {kinds.map((kind) => {
        const items = groups.get(kind)!;
        return (
          <details key={kind} className="coverage-kind" data-kind={kind} open={items.length <= 10}>
            <summary>
              <span className="dot" style={{ background: DEFECT_COLORS[items[0].issue.severity] }} />
              <span className="kind-name">{t(`kind.${kind}`)}</span>
              <span className="count" data-testid={`coverage-count-${kind}`}>
                {format.number(items.length)}
              </span>
            </summary>
            <ol className="coverage-issues">
              {items.slice(0, LIST_LIMIT).map(({ issue, index }) => (
                <li key={index}>
                  <button
                    type="button"
                    data-testid="coverage-issue"
                    data-kind={issue.kind}
                    data-district={issue.district ?? ""}
                    data-small-areas={issue.smallAreas.join(",")}
                    aria-pressed={focused === index}
                    onClick={() => onFocus(index)}
                  >
                    <span className="where code">{[issue.district ?? issue.districts?.join(", "), issue.smallAreas.join(", ")].filter(Boolean).join(" · ")}</span>
                    <span className="text">{formatCoverageMessage(messages, issue, locale)}</span>
                  </button>
                </li>
              ))}
            </ol>
            {items.length > LIST_LIMIT && <p className="hint">{t("panel.more", { count: items.length - LIST_LIMIT })}</p>}
          </details>
        );
      })}
    </section>
  );
}
