import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { listAudit } from "@/db/audit";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";

// the server components' next-intl calls, outside a Next.js request: the real messages, and any missing one throws
vi.mock("next-intl/server", async () => {
  const { createTranslator, createFormatter } = await import("next-intl");
  const { MESSAGES } = await import("@/lib/i18n/messages");
  const fail = (error: Error) => {
    throw error;
  };
  return {
    getTranslations: async ({ locale, namespace }: { locale: "zh" | "en"; namespace: string }) => createTranslator({ locale, messages: MESSAGES[locale], namespace: namespace as never, onError: fail }),
    getFormatter: async ({ locale }: { locale: string }) => createFormatter({ locale, timeZone: "Asia/Shanghai", onError: fail }),
  };
});

type Row = ReturnType<typeof listAudit>[number];
const row = (id: number, extra: Partial<Row>): Row => ({
  id, at: "2024-04-30T16:00:05.000Z", userId: 1, username: "chief", role: "admin", action: "user.create", outcome: "ok", targetType: "user", targetId: "5", detail: "wang.fang (mapper)", ip: "10.0.0.7", ...extra,
});
const rows = [row(2, {}), row(1, { userId: null, username: null, role: null, action: "workflow.approve", outcome: "refused", targetType: null, targetId: null, detail: null, ip: null })];

describe("the audit page's parts", () => {
  it("shows each row in Beijing time with UTC in the title, translated actions, roles and outcomes", async () => {
    const zh = renderToStaticMarkup(await AuditTable({ locale: "zh", rows }));
    expect(zh).toContain('<time dateTime="2024-04-30T16:00:05.000Z" title="2024-04-30T16:00:05.000Z (UTC)">2024/5/1 00:00:05</time>');
    expect(zh).toContain("添加账户 <code");
    expect(zh).toContain("<td>管理员</td>");
    expect(zh).toContain("<td>user/5</td>");
    expect(zh).toContain("（未登录）");
    expect(zh).toContain("<td>被拒绝</td>");
    expect(zh.match(/data-testid="audit-row"/g)).toHaveLength(2);
    const en = renderToStaticMarkup(await AuditTable({ locale: "en", rows }));
    expect(en).toContain("Account added");
    expect(en).toContain("workflow.approve</code>");
    expect(renderToStaticMarkup(await AuditTable({ locale: "en", rows: [] }))).toContain("No rows match.");
  });

  it("fills the filter form from the query and links the exports to the same filters", async () => {
    const values = { user: "chief", action: "custom.thing", outcome: "refused", from: "2024-05-01", to: "" };
    const html = renderToStaticMarkup(await AuditFilters({ locale: "en", values }));
    expect(html).toContain('action="/en/audit"');
    expect(html).toContain('value="chief"');
    expect(html).toMatch(/<option value="custom.thing" selected="">custom.thing<\/option>/);
    expect(html).toMatch(/<option value="user\.\*">Accounts \(all\) · user\.\*<\/option>/);
    expect(html).toMatch(/<option value="refused" selected="">Refused<\/option>/);
    expect(html).toContain('href="/api/audit?user=chief&amp;action=custom.thing&amp;outcome=refused&amp;from=2024-05-01&amp;format=csv"');
    const zh = renderToStaticMarkup(await AuditFilters({ locale: "zh", values: { user: "", action: "", outcome: "", from: "", to: "" } }));
    expect(zh).toMatch(/<option value="all" selected="">全部<\/option>/);
    expect(zh).toContain('href="/api/audit?format=json"');
  });
});
