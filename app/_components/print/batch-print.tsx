"use client";

import { useEffect, useRef, useState } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { DEFAULT_PRINT_CHOICE, type PrintChoice } from "./print-options";
import styles from "./print.module.css";

type Run =
  | { phase: "idle" }
  | { phase: "starting" }
  | { phase: "working"; jobId: string; queued: boolean; done: number; total: number }
  | { phase: "done"; jobId: string; total: number; pages: number; bytes: number }
  | { phase: "error"; text: string };

interface JobView {
  state: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
  message?: string;
  pages?: number;
  bytes?: number;
}

interface Props {
  scope: "district" | "township";
  id: number;
  choice?: PrintChoice;
  /** default: print-batch-district / print-batch-township */
  testId?: string;
}

/** How often the progress is asked for while a batch is made. */
const POLL_MS = 700;

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** Why a print request was not answered with what was asked, in words. */
async function refusalText(response: Response, t: Translate): Promise<string> {
  if (response.status === 401) return t("refused.unauthenticated");
  if (response.status === 403) return t("refused.forbidden");
  if (response.status === 429) return t("refused.busy");
  let error: { rule?: string; message?: string } = {};
  try {
    error = ((await response.json()) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON: the status says enough
  }
  if (error.rule === "nothing_to_print") return t("refused.nothing");
  if (response.status === 404) return t("refused.gone");
  return t("refused.other", { message: error.message ?? String(response.status) });
}

/**
 * "Print all sheets" of a district or township: starts a batch job on the server, shows its progress
 * ("12 / 57"), then starts the download of the PDF (and keeps a link to it). Refusals and failures are shown
 * in words. Give it a `key` of the scope and id, so that another district starts afresh.
 */
export function BatchPrint({ scope, id, choice = DEFAULT_PRINT_CHOICE, testId }: Props) {
  const t = useTranslations("print");
  const format = useFormatter();
  const locale = useLocale();
  const [run, setRun] = useState<Run>({ phase: "idle" });
  const link = useRef<HTMLAnchorElement>(null);
  const pollingId = run.phase === "working" ? run.jobId : null;
  const doneId = run.phase === "done" ? run.jobId : null;

  useEffect(() => {
    if (!pollingId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/api/print/jobs/${pollingId}`, { cache: "no-store" });
        if (cancelled) return;
        if (!response.ok) return setRun({ phase: "error", text: await refusalText(response, t) });
        const view = (await response.json()) as JobView;
        if (cancelled) return;
        if (view.state === "failed") return setRun({ phase: "error", text: t("failed", { message: view.message ?? "" }) });
        if (view.state === "done") return setRun({ phase: "done", jobId: pollingId, total: view.total, pages: view.pages ?? 0, bytes: view.bytes ?? 0 });
        setRun({ phase: "working", jobId: pollingId, queued: view.state === "queued", done: view.done, total: view.total });
        timer = setTimeout(poll, POLL_MS);
      } catch {
        if (!cancelled) setRun({ phase: "error", text: t("network") });
      }
    };
    timer = setTimeout(poll, POLL_MS / 2);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [pollingId, t]);

  // the finished PDF downloads by itself once; the link stays for another copy
  useEffect(() => {
    if (doneId) link.current?.click();
  }, [doneId]);

  const start = async () => {
    setRun({ phase: "starting" });
    try {
      const response = await fetch("/api/print/jobs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scope, id, ...choice, locale }),
      });
      if (response.status !== 202) return setRun({ phase: "error", text: await refusalText(response, t) });
      const { jobId, total } = (await response.json()) as { jobId: string; total: number };
      setRun({ phase: "working", jobId, queued: false, done: 0, total });
    } catch {
      setRun({ phase: "error", text: t("network") });
    }
  };

  const busy = run.phase === "starting" || run.phase === "working";
  const progress = run.phase === "working" ? run : run.phase === "done" ? { done: run.total, total: run.total } : null;
  return (
    <div className={styles.batch}>
      <div className={styles.buttons}>
        <button type="button" className={styles.button} data-testid={testId ?? `print-batch-${scope}`} disabled={busy} onClick={() => void start()}>
          {t(scope === "district" ? "batchDistrict" : "batchTownship")}
        </button>
        {run.phase === "done" && (
          <a ref={link} href={`/api/print/jobs/${run.jobId}/pdf`} download className={`${styles.button} ${styles.primary}`} data-testid="print-download">
            {t("download")}
          </a>
        )}
      </div>
      {progress && (
        <div className={styles.progress} aria-live="polite">
          <progress data-testid="print-progress" max={Math.max(1, progress.total)} value={progress.done} data-done={progress.done} data-total={progress.total} />
          <span className={styles.count} data-testid="print-progress-count">
            {progress.done} / {progress.total}
          </span>
        </div>
      )}
      {run.phase === "working" && <p className={styles.note}>{run.queued ? t("queued") : t("running")}</p>}
      {run.phase === "done" && (
        <p className={styles.done} role="status">
          {t("done", { pages: run.pages, size: `${format.number(run.bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB` })}
        </p>
      )}
      {run.phase === "error" && (
        <p className={styles.error} role="alert" data-testid="print-error">
          {run.text}
        </p>
      )}
    </div>
  );
}
