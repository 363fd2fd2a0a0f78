import { describe, expect, it } from "vitest";
import { actionLabelKey, auditQueryString, describeAuditQuery, parseAuditQuery, shanghaiDayEnd, shanghaiDayStart } from "./audit-query";

describe("parseAuditQuery", () => {
  it("reads the filters into db/audit's filter, days as Beijing calendar days in UTC", () => {
    const query = parseAuditQuery(new URLSearchParams("user=%20chief%20&action=user.*&outcome=refused&from=2024-05-01&to=2024-05-02&page=3"));
    expect(query).toEqual({
      ok: true,
      page: 3,
      filter: { username: "chief", action: "user.*", outcome: "refused", from: "2024-04-30T16:00:00.000Z", to: "2024-05-02T15:59:59.999Z" },
      values: { user: "chief", action: "user.*", outcome: "refused", from: "2024-05-01", to: "2024-05-02" },
    });
    expect(shanghaiDayStart("2024-01-01")).toBe("2023-12-31T16:00:00.000Z");
    expect(shanghaiDayEnd("2024-02-29")).toBe("2024-02-29T15:59:59.999Z");
  });

  it("takes empty values and 'all' as no filter, from a page's searchParams object too", () => {
    expect(parseAuditQuery({ action: "all", outcome: "all", user: "", page: undefined })).toEqual({
      ok: true,
      page: 1,
      filter: {},
      values: { user: "", action: "", outcome: "", from: "", to: "" },
    });
    expect(parseAuditQuery({ action: ["sign_in", "edit"] })).toMatchObject({ ok: true, filter: { action: "sign_in" } });
  });

  it("refuses bad values, naming the parameter", () => {
    const cases: Array<[string, string]> = [
      ["from=2024-02-30", "from"],
      ["to=yesterday", "to"],
      ["from=2024-05-03&to=2024-05-01", "to"],
      ["outcome=maybe", "outcome"],
      ["action=DROP%20TABLE", "action"],
      ["page=0", "page"],
      ["page=-1", "page"],
      [`user=${"x".repeat(65)}`, "user"],
    ];
    for (const [search, place] of cases) expect(parseAuditQuery(new URLSearchParams(search)), search).toMatchObject({ ok: false, place });
  });
});

describe("query string helpers", () => {
  it("builds links without empty values and describes the filters for the audit row", () => {
    const values = { user: "王芳", action: "", outcome: "ok", from: "", to: "2024-05-02" };
    expect(auditQueryString(values, { page: 2 })).toBe("?user=%E7%8E%8B%E8%8A%B3&outcome=ok&to=2024-05-02&page=2");
    expect(auditQueryString({ user: "", action: "", outcome: "", from: "", to: "" })).toBe("");
    expect(describeAuditQuery(values)).toBe("user=王芳 outcome=ok to=2024-05-02");
    expect(describeAuditQuery({ user: "", action: "", outcome: "", from: "", to: "" })).toBe("all");
  });

  it("names the message of an action or group", () => {
    expect(["user.*", "sign_in*", "user.reset_password", "edit"].map(actionLabelKey)).toEqual(["user_any", "sign_in_any", "user_reset_password", "edit"]);
  });
});
