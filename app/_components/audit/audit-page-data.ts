import type { Db } from "@/db/client";
import { appendAudit, countAudit, listAudit, type AuditActor } from "@/db/audit";
import { AUDIT_PAGE_SIZE, describeAuditQuery, type AuditQuery } from "./audit-query";

/** One page of the auditor's table: its rows, the number of rows matching, the page shown and the page count. */
export interface AuditPageData {
  rows: ReturnType<typeof listAudit>;
  total: number;
  page: number;
  pages: number;
}

/**
 * Used by the audit page: the rows of the asked page (a page past the end shows the last one) and an
 * `audit.view` row recording who looked at what (refused when the filters were bad, with nothing shown).
 */
export function loadAuditPage(db: Db, viewer: AuditActor, query: AuditQuery, ip: string | null): AuditPageData {
  const total = query.ok ? countAudit(db, query.filter) : 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = query.ok ? Math.min(query.page, pages) : 1;
  const rows = query.ok ? listAudit(db, query.filter, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE) : [];
  appendAudit(db, {
    actor: viewer,
    action: "audit.view",
    outcome: query.ok ? "ok" : "refused",
    detail: query.ok ? `${describeAuditQuery(query.values)} page=${page}: ${rows.length} rows` : `bad filter: ${query.place}`,
    ip,
  });
  return { rows, total, page, pages };
}
