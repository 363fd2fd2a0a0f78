import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appendAudit, countAudit, listAudit } from "@/db/audit";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { setUpEditTownshipDatabase } from "@/db/edit-test-fixture";
import { auditLog } from "@/db/schema";
import { GET } from "./route";

setUpEditTownshipDatabase("audit-route");

let auditor: TestSession;
let admin: TestSession;
let mapper: TestSession;
beforeAll(async () => {
  const db = getDb();
  auditor = await signedInAs(db, "auditor");
  admin = await signedInAs(db, "admin");
  mapper = await signedInAs(db, "mapper");
  // rows at known times around Beijing midnight of 2024-05-01 (16:00 UTC the day before)
  const at = (iso: string, action: string, username: string, detail: string | null = null, outcome: "ok" | "refused" = "ok") =>
    db.insert(auditLog).values({ at: iso, action, username, role: "office", outcome, detail, ip: "10.2.3.4" }).run();
  at("2024-04-30T15:59:59.999Z", "workflow.approve", "王芳", "small_area 330199101001001");
  at("2024-04-30T16:00:00.000Z", "workflow.return", "王芳", "=HYPERLINK(\"http://x\")");
  at("2024-05-01T15:59:59.999Z", "assign.district", "li.lei", "a, \"quoted\" detail");
  at("2024-05-01T16:00:00.000Z", "workflow.approve", "li.lei", null, "refused");
});

const get = (search: string, session: TestSession | null = auditor) =>
  GET(new Request(`http://localhost/api/audit?${search}`, { headers: session ? { cookie: session.cookie, "x-forwarded-for": "10.9.8.7" } : {} }));

describe("GET /api/audit", () => {
  it("refuses nobody (401) and roles without read_audit (403, audited)", async () => {
    expect((await get("format=json", null)).status).toBe(401);
    const refused = await get("format=json", mapper);
    expect(refused.status).toBe(403);
    expect(listAudit(getDb(), {}, 1)[0]).toMatchObject({ action: "forbidden", username: mapper.user.username, detail: "read_audit" });
  });

  it("exports the filtered rows as JSON, newest first, days in Beijing time, and audits the export", async () => {
    const response = await get("format=json&action=workflow.*&from=2024-05-01&to=2024-05-01");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { count: number; rows: Array<{ at: string; action: string }> };
    expect(body.count).toBe(1);
    expect(body.rows.map((r) => r.at)).toEqual(["2024-04-30T16:00:00.000Z"]);
    const wider = (await (await get("format=json&from=2024-05-01&to=2024-05-02&user=li.lei", admin)).json()) as typeof body;
    expect(wider.rows.map((r) => r.action)).toEqual(["workflow.approve", "assign.district"]);
    const refusedOnly = (await (await get("format=json&outcome=refused&action=workflow.approve")).json()) as typeof body;
    expect(refusedOnly.count).toBe(1);
    expect(listAudit(getDb(), {}, 1)[0]).toMatchObject({
      action: "audit.export",
      userId: auditor.user.id,
      role: "auditor",
      ip: "10.9.8.7",
      detail: "json: 1 rows; action=workflow.approve outcome=refused",
    });
  });

  it("exports CSV with a UTF-8 BOM, a header, Beijing and UTC times, quoting, and formulas escaped", async () => {
    const response = await get("format=csv&to=2024-05-01");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const parsed = Papa.parse<Record<string, string>>(text, { header: true });
    expect(parsed.meta.fields).toEqual(["id", "at_utc", "at_beijing", "username", "role", "action", "outcome", "target_type", "target_id", "detail", "ip"]);
    expect(parsed.data.map((r) => [r.at_utc, r.at_beijing, r.username, r.detail])).toEqual([
      ["2024-05-01T15:59:59.999Z", "2024-05-01 23:59:59", "li.lei", 'a, "quoted" detail'],
      ["2024-04-30T16:00:00.000Z", "2024-05-01 00:00:00", "王芳", "'=HYPERLINK(\"http://x\")"],
      ["2024-04-30T15:59:59.999Z", "2024-04-30 23:59:59", "王芳", "small_area 330199101001001"],
    ]);
    expect(listAudit(getDb(), {}, 1)[0].detail).toBe("csv: 3 rows; to=2024-05-01");
  });

  it("answers 422 naming the parameter for a bad format or filter, and exports nothing", async () => {
    const cases: Array<[string, string, string]> = [
      ["format=xlsx", "bad_format", "format"],
      ["format=csv&from=2024-02-31", "bad_filter", "from"],
      ["format=csv&from=2024-05-02&to=2024-05-01", "bad_filter", "to"],
      ["format=json&outcome=sometimes", "bad_filter", "outcome"],
    ];
    const exports = () => countAudit(getDb(), { action: "audit.export" });
    const before = exports();
    for (const [search, rule, place] of cases) {
      const response = await get(search);
      expect(response.status, search).toBe(422);
      expect(await response.json()).toMatchObject({ error: { rule, place } });
    }
    expect(exports()).toBe(before);
  });

  it("answers JSON when no format is given", async () => {
    appendAudit(getDb(), { actor: null, action: "sign_in_failed", outcome: "failed", username: "nobody" });
    const body = (await (await get("user=nobody")).json()) as { count: number };
    expect(body.count).toBe(1);
  });
});
