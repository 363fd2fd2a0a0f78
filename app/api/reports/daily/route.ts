import Papa from "papaparse";
import { getDb } from "@/db/client";
import { appendAudit } from "@/db/audit";
import { progressScopeOf } from "@/db/progress";
import { getDailyReport } from "@/db/progress-daily";
import { guardRoute } from "@/app/_lib/guard";
import { ipFromHeaders } from "@/app/_lib/session";
import { percentDone, shanghaiDay } from "@/lib/domain/progress";
import { MESSAGES } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

const COLUMNS = ["date", "townshipCode", "townshipName", "districts", "smallAreas", "submitted", "approved", "confirmed", "ready", "buildings", "households", "percent"] as const;

/**
 * GET /api/reports/daily[?lang=zh|en] → the daily report (日报) as CSV for Excel: a UTF-8 BOM, a header row in
 * the language asked (Chinese by default), then one row per day per township in the person's scope (a township
 * office: its townships) from the first logged activity to today (Asia/Shanghai): totals at the end of the day
 * and % done. Sent as an attachment `tessera-daily-YYYY-MM-DD.csv`, audited as `export.daily_report`.
 */
export async function GET(request: Request) {
  const guard = guardRoute(request, "read_dashboard");
  if ("response" in guard) return guard.response;
  const db = getDb();
  const lang = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "zh";
  const now = Date.now();
  const report = getDailyReport(db, progressScopeOf(db, guard.user), now);
  const data: Array<Array<string | number>> = [];
  report.days.forEach((day, i) => {
    for (const t of report.townships) {
      const v = t.totals[i];
      const name = lang === "zh" ? t.nameZh : t.nameEn;
      data.push([day, t.code, name, v.districts, v.smallAreas, v.submitted, v.approved, v.confirmed, v.ready, v.buildings, v.households, percentDone(v.smallAreas, v.confirmed, v.ready)]);
    }
  });
  const headers = MESSAGES[lang].dashboard.csv;
  // escapeFormulae: a name starting with = + - @ is not run as a formula by Excel
  const csv = "\uFEFF" + Papa.unparse({ fields: COLUMNS.map((c) => headers[c]), data }, { newline: "\r\n", escapeFormulae: true });
  appendAudit(db, {
    actor: guard.user,
    action: "export.daily_report",
    targetType: "report",
    targetId: "daily",
    detail: `${report.days.length} days × ${report.townships.length} townships, ${data.length} rows`,
    ip: ipFromHeaders(request.headers),
  });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="tessera-daily-${shanghaiDay(now)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
