"use client";

import { useCallback, useEffect, useState } from "react";
import type { CoverageResponse } from "@/app/_lib/coverage";

/** The panel's view of the check: the last report (kept on screen while a new run is on its way), and the run's state. */
export interface CoverageRun {
  state: "running" | "done" | "failed";
  response: CoverageResponse | null;
  /** the server's message when the run failed */
  error: string | null;
  rerun: () => void;
}

type Result = { key: string; response: CoverageResponse | null; error: string | null };

/** Runs the coverage check of the township on load, after every data change (`dataVersion`) and on demand. */
export function useCoverage(dataVersion: number): CoverageRun {
  const [run, setRun] = useState(0);
  const [result, setResult] = useState<Result | null>(null);
  const key = `${dataVersion}/${run}`;

  useEffect(() => {
    let cancelled = false;
    fetch("/api/coverage")
      .then(async (res) => {
        const body = await res.json();
        if (cancelled) return;
        if (res.ok) setResult({ key, response: body as CoverageResponse, error: null });
        else setResult((prev) => ({ key, response: prev?.response ?? null, error: body?.error?.message ?? res.statusText }));
      })
      .catch((error: unknown) => !cancelled && setResult((prev) => ({ key, response: prev?.response ?? null, error: String(error) })));
    return () => {
      cancelled = true;
    };
  }, [key]);

  const rerun = useCallback(() => setRun((n) => n + 1), []);
  const state = !result || result.key !== key ? "running" : result.error ? "failed" : "done";
  return { state, response: result?.response ?? null, error: result?.error ?? null, rerun };
}
