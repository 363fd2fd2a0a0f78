"use client";

import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { ImportProblem } from "@/lib/io/building-import";
import type { ImportReport } from "@/lib/io/import-report";

interface Props {
  /** called after buildings were written, so the page reloads its layers */
  onImported: () => void;
}

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number | null }
  | { kind: "processing" }
  | { kind: "done"; report: ImportReport }
  | { kind: "failed"; rule: string; message: string; report?: ImportReport };

/** Problems listed under the report; the rest are counted. */
const SHOWN = 20;

/**
 * Import buildings from a CSV or GeoJSON file (POST /api/import/buildings): the upload's progress, then the
 * server's report — imported and skipped counts, or the bad rows (line, field, rule) when nothing was imported.
 */
export function ImportBuildings({ onImported }: Props) {
  const t = useTranslations("import");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [encoding, setEncoding] = useState("auto");
  const [skipBad, setSkipBad] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = phase.kind === "uploading" || phase.kind === "processing";

  function submit(event: FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file || busy) return;
    const form = new FormData();
    form.set("file", file);
    form.set("encoding", encoding);
    form.set("skipBad", String(skipBad));
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/import/buildings");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => setPhase({ kind: "uploading", percent: e.lengthComputable ? Math.round((100 * e.loaded) / e.total) : null });
    xhr.upload.onload = () => setPhase({ kind: "processing" });
    xhr.onload = () => {
      const body = xhr.response as { report?: ImportReport; error?: { rule: string; message: string } } | null;
      if (xhr.status === 200 && body?.report) {
        setPhase({ kind: "done", report: body.report });
        onImported();
      } else {
        setPhase({ kind: "failed", rule: body?.error?.rule ?? "", message: body?.error?.message ?? `HTTP ${xhr.status}`, report: body?.report });
      }
    };
    xhr.onerror = () => setPhase({ kind: "failed", rule: "network", message: "" });
    setPhase({ kind: "uploading", percent: 0 });
    xhr.send(form);
  }

  const describe = (p: ImportProblem) => {
    const place = p.line !== undefined ? t("place.line", { line: p.line }) : t("place.feature", { index: p.feature ?? 0 });
    const field = t.has(`field.${p.field}`) ? t(`field.${p.field}`) : p.field;
    return `${place} · ${field}: ${t(`rule.${p.rule}`)}`;
  };
  const report = phase.kind === "done" || phase.kind === "failed" ? phase.report : undefined;

  return (
    <section className="panel import-buildings" aria-labelledby="import-title" data-testid="import-buildings" data-state={phase.kind}>
      <h2 id="import-title">{t("title")}</h2>
      <p className="hint">{t("hint")}</p>
      <form onSubmit={submit} style={{ display: "grid", gap: 6 }}>
        <label>
          {t("file")} <input ref={fileInput} type="file" name="file" accept=".csv,.tsv,.txt,.geojson,.json" disabled={busy} data-testid="import-file" />
        </label>
        <label>
          {t("encoding")}{" "}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value)} disabled={busy} data-testid="import-encoding">
            <option value="auto">{t("encodingAuto")}</option>
            <option value="utf-8">{t("encodingUtf8")}</option>
            <option value="gbk">{t("encodingGbk")}</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} disabled={busy} data-testid="import-skip-bad" /> {t("skipBad")}
        </label>
        <button type="submit" disabled={busy} data-testid="import-submit">{t("submit")}</button>
      </form>
      {busy && (
        <p className="hint" role="status">
          {phase.kind === "uploading" && phase.percent !== null ? <progress max={100} value={phase.percent} /> : <progress />}{" "}
          {phase.kind === "uploading" ? t("uploading", { percent: phase.percent ?? 0 }) : t("processing")}
        </p>
      )}
      {phase.kind === "failed" && !report && (
        <p className="error" role="alert">{t.has(`error.${phase.rule}`) ? t(`error.${phase.rule}`) : t("failed", { message: phase.message })}</p>
      )}
      {report && (
        <div role="status" data-testid="import-report">
          {report.encoding === "gbk" && report.encodingSource === "detected" && <p className="hint">{t("readAsGbk")}</p>}
          {report.status === "imported" ? (
            <p>
              {t("imported", { buildings: report.inserted, units: report.units })}
              {report.skipped > 0 && ` ${t("skipped", { count: report.skipped })}`}
            </p>
          ) : (
            <p className="error">{t("refused", { bad: report.badRows, rows: report.rows, good: report.goodRows })}</p>
          )}
          <ProblemList problems={report.problems} total={report.problemCount} describe={describe} more={(count) => t("more", { count })} />
          {report.warningCount > 0 && (
            <details>
              <summary>{t("warnings", { count: report.warningCount })}</summary>
              <ProblemList problems={report.warnings} total={report.warningCount} describe={describe} more={(count) => t("more", { count })} />
            </details>
          )}
        </div>
      )}
    </section>
  );
}

function ProblemList(props: { problems: ImportProblem[]; total: number; describe: (p: ImportProblem) => string; more: (count: number) => string }) {
  if (!props.total) return null;
  return (
    <ul className="hint" data-testid="import-problems">
      {props.problems.slice(0, SHOWN).map((p, k) => <li key={k}>{props.describe(p)}</li>)}
      {props.total > SHOWN && <li>{props.more(props.total - SHOWN)}</li>}
    </ul>
  );
}
