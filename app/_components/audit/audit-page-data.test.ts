import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { appendAudit, listAudit } from "@/db/audit";
import { auditLog } from "@/db/schema";
import { AUDIT_PAGE_SIZE, parseAuditQuery } from "./audit-query";
import { loadAuditPage } from "./audit-page-data";

const db = openDatabase(":memory:");
afterAll(() => db.$client.close());
const auditor = { id: 7, username: "shen.ji", role: "auditor" };

describe("loadAuditPage", () => {
  it("shows 100 rows a page, newest first, and records each view as audit.view", () => {
    for (let i = 0; i < 230; i++) appendAudit(db, { actor: { id: 1, username: "chief", role: "admin" }, action: i % 2 ? "edit" : "sign_in", ip: "10.0.0.1" });
    const first = loadAuditPage(db, auditor, parseAuditQuery({}), "10.0.0.9");
    expect(first).toMatchObject({ total: 230, page: 1, pages: 3 });
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.rows[0].id).toBeGreaterThan(first.rows[1].id);
    expect(listAudit(db, {}, 1)[0]).toMatchObject({ action: "audit.view", outcome: "ok", userId: 7, username: "shen.ji", role: "auditor", detail: "all page=1: 100 rows", ip: "10.0.0.9" });

    const third = loadAuditPage(db, auditor, parseAuditQuery({ action: "edit", page: "3" }), null);
    expect(third).toMatchObject({ total: 115, page: 2, pages: 2 });
    expect(third.rows).toHaveLength(15);
    expect(third.rows.every((r) => r.action === "edit")).toBe(true);
    expect(listAudit(db, {}, 1)[0].detail).toBe("action=edit page=2: 15 rows");
  });

  it("shows nothing for bad filters and records the view as refused", () => {
    const before = db.select().from(auditLog).all().length;
    const result = loadAuditPage(db, auditor, parseAuditQuery({ from: "2024-13-01" }), null);
    expect(result).toEqual({ rows: [], total: 0, page: 1, pages: 1 });
    expect(db.select().from(auditLog).all().length).toBe(before + 1);
    expect(listAudit(db, {}, 1)[0]).toMatchObject({ action: "audit.view", outcome: "refused", detail: "bad filter: from" });
  });
});
