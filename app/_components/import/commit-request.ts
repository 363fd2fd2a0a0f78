/**
 * The import page's commit (POST /api/import/commit), shared by the mapping step (the first try) and the report
 * step (again, skipping the bad features): the outcome keeps the request, so it can be sent again.
 */
import type { FieldMapping, ImportLayer } from "@/lib/io/import-mapping";
import type { CommitResponse, ErrorBody } from "./types";

/** What the commit route is sent. */
export interface CommitRequest {
  stagingId: string;
  layer: ImportLayer;
  mapping: FieldMapping;
  existing: "skip" | "replace";
  defaultKind: string | null;
  locale: string;
  skipBad?: boolean;
}

/** The outcome of a commit: the report (imported or refused), or a refusal of the request itself; and what was sent. */
export type CommitOutcome = (CommitResponse | { failed: string; report?: CommitResponse["report"] }) & { request?: CommitRequest };

/** Sends `request`; never throws (a network failure becomes `{ failed: networkError }`). */
export async function postCommit(request: CommitRequest, networkError: string): Promise<CommitOutcome> {
  try {
    const response = await fetch("/api/import/commit", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
    const body = (await response.json().catch(() => null)) as (CommitResponse & ErrorBody) | null;
    if (response.ok && body?.report) return { report: body.report, coverage: body.coverage, request };
    return { failed: body?.error?.message ?? `HTTP ${response.status}`, report: body?.report, request };
  } catch {
    return { failed: networkError, request };
  }
}
