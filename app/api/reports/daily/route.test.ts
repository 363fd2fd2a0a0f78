import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/audit";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { getDb } from "@/db/client";
import { findEntities, setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { transitionSmallArea } from "@/db/workflow";
import { shanghaiDay } from "@/lib/domain/progress";
import { GET } from "./route";

setUpEditTownshipDatabase("daily-report");

let admin: TestSession;
beforeAll(async () => {
  admin = await signedInAs(getDb(), "admin", {}, "report-admin");
});

const get = (cookie: string | null, query = "") => GET(new Request(`http://localhost/api/reports/daily${query}`, { headers: cookie ? { cookie } : {} }));

describe("GET /api/reports/daily", () => {
  it("answers 401 without a session and 403 for a role without the dashboard (audited)", async () => {
    expect((await get(null)).status).toBe(401);
    const mapper = await signedInAs(getDb(), "mapper", { districtCodes: [W] });
    expect((await get(mapper.cookie)).status).toBe(403);
    expect(listAudit(getDb(), { action: "forbidden", userId: mapper.user.id })[0]).toMatchObject({ detail: "read_dashboard" });
  });

  it("sends a CSV with a BOM, Chinese headers, one row per day per township, as a dated attachment, audited", async () => {
    const db = getDb();
    for (const action of ["submit", "approve", "confirm"] as const) {
      const area = findEntities(db).smallArea(W, "001");
      expect(transitionSmallArea(db, admin.user, { smallAreaId: area.id, action, baseVersion: area.version }).ok).toBe(true);
    }
    const response = await get(admin.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const today = shanghaiDay(Date.now());
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="tessera-daily-${today}.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    const rows = Papa.parse<string[]>(text.trim()).data;
    expect(rows[0]).toEqual(["日期", "乡镇代码", "乡镇（街道）", "普查区数", "已绘制普查小区", "待审核", "已审核", "已确认", "可普查", "建筑物", "户数", "完成率（%）"]);
    expect(rows.slice(1)).toEqual([[today, "440101001", "小镇", "3", "3", "0", "0", "1", "0", "6", "6", "33.3"]]);
    expect(listAudit(db, { action: "export.daily_report" })[0]).toMatchObject({ userId: admin.user.id, outcome: "ok", detail: "1 days × 1 townships, 1 rows" });
  });

  it("speaks English when asked", async () => {
    const text = await (await get(admin.cookie, "?lang=en")).text();
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("Date,Township code,Township,Districts,Small areas drawn,Submitted,Approved,Confirmed,Ready,Buildings,Households,Done (%)");
    expect(text).toContain(",Tiny Town,");
  });
});
