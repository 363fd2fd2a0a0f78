import Papa from "papaparse";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { appendAudit, countAudit, listAudit } from "@/db/audit";
import { describeAuditQuery, parseAuditQuery } from "@/app/_components/audit/audit-query";
import { guardRoute } from "@/app/_lib/guard";
import { errorResponse } from "@/app/_lib/http";
import { ipFromHeaders } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

/** Most rows one export holds; more answer 422 asking for narrower filters. */
const AUDIT_EXPORT_LIMIT = 100_000;

const COLUMNS = ["id", "at_utc", "at_beijing", "username", "role", "action", "outcome", "target_type", "target_id", "detail", "ip"] as const;

const beijing = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

/**
 * GET /api/audit?user=&action=&outcome=&from=&to=&format=csv|json → the audit rows matching the audit page's
 * filters, newest first: CSV (UTF-8 with a BOM, so spreadsheet programs read Chinese names; cells that look
 * like formulas are escaped) or JSON `{count, rows}`. Only for people who may read the audit log; the export
 * is itself audited (`audit.export`). Bad filters answer 422 naming the parameter.
 */
export async function GET(request: Request) {
  const guard = guardRoute(request, "read_audit");
  if ("response" in guard) return guard.response;
  const search = new URL(request.url).searchParams;
  const format = search.get("format") ?? "json";
  if (format !== "csv" && format !== "json") return errorResponse(422, "bad_format", "format", "format must be csv or json");
  const query = parseAuditQuery(search);
  if (!query.ok) return errorResponse(422, "bad_filter", query.place, query.message);
  const db = getDb();
  const count = countAudit(db, query.filter);
  if (count > AUDIT_EXPORT_LIMIT) {
    return errorResponse(422, "too_many_rows", "from", `${count} rows match; an export holds at most ${AUDIT_EXPORT_LIMIT}: choose a shorter period`);
  }
  const rows = listAudit(db, query.filter, AUDIT_EXPORT_LIMIT, 0);
  appendAudit(db, { actor: guard.user, action: "audit.export", detail: `${format}: ${rows.length} rows; ${describeAuditQuery(query.values)}`, ip: ipFromHeaders(request.headers) });
  const headers = { "cache-control": "no-store", "content-disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.${format}"` };
  if (format === "json") return NextResponse.json({ count: rows.length, rows }, { headers });
  const data = rows.map((r) => [r.id, r.at, beijing.format(new Date(r.at)), r.username, r.role, r.action, r.outcome, r.targetType, r.targetId, r.detail, r.ip]);
  const csv = "\uFEFF" + Papa.unparse({ fields: [...COLUMNS], data }, { escapeFormulae: true, newline: "\r\n" });
  return new NextResponse(csv, { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
}
