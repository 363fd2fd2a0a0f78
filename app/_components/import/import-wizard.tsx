"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ImportLayer } from "@/lib/io/import-mapping";
import { FileStep } from "./file-step";
import type { CommitOutcome } from "./commit-request";
import { MappingStep } from "./mapping-step";
import { ReportStep } from "./report-step";
import styles from "./import.module.css";
import type { PreviewResponse } from "./types";

type Step = { kind: "file" } | { kind: "preview"; preview: PreviewResponse } | { kind: "report"; outcome: CommitOutcome; preview: PreviewResponse };

/**
 * The import page's three steps (issue #8): file (upload with progress) → preview and field mapping → report
 * with the coverage checks. A refused commit shows its problems, and can be sent again skipping the bad features.
 */
export function ImportWizard(props: { locale: string; testHook: boolean }) {
  const t = useTranslations("layerImport");
  const [layer, setLayer] = useState<ImportLayer>("small-areas");
  const [step, setStep] = useState<Step>({ kind: "file" });
  const current = step.kind;
  return (
    <div data-testid="import-wizard" data-step={current}>
      <ol className={styles.steps}>
        {(["file", "preview", "report"] as const).map((s) => (
          <li key={s} aria-current={s === current ? "step" : undefined}>{t(`step.${s}`)}</li>
        ))}
      </ol>
      {step.kind === "file" && <FileStep locale={props.locale} layer={layer} onLayer={setLayer} onPreview={(preview) => setStep({ kind: "preview", preview })} />}
      {step.kind === "preview" && (
        <MappingStep
          locale={props.locale}
          layer={layer}
          preview={step.preview}
          testHook={props.testHook}
          onDone={(outcome) => setStep({ kind: "report", outcome, preview: step.preview })}
          onBack={() => setStep({ kind: "file" })}
        />
      )}
      {step.kind === "report" && (
        <ReportStep
          layer={layer}
          outcome={step.outcome}
          onOutcome={(outcome) => setStep({ kind: "report", outcome, preview: step.preview })}
          onAgain={() => setStep({ kind: "file" })}
        />
      )}
    </div>
  );
}
