/**
 * The probes of the whole functions of the permission matrix: the audit log (GET /api/audit), the accounts
 * (the users page's server actions), the dashboard's daily report (GET /api/reports/daily), and the data
 * export and the dashboard page (their guard: no route of their own). A change to the test account is put
 * back at once.
 */
import type { TestSession } from "@/db/auth-test-fixture";
import { setDisabled } from "@/db/auth";
import type { Db } from "@/db/client";
import { addUser, changeUserRole, setUserDisabled } from "@/app/_actions/users";
import { GET as getAudit } from "@/app/api/audit/route";
import { GET as getDailyReport } from "@/app/api/reports/daily/route";
import { answerOf, asServerAction, getRequest, guardOnly, type Called } from "./permission-matrix-calls";
import type { FunctionAction, FunctionResource } from "./permission-matrix-expected";

/** What a function probe gets. */
export interface FunctionProbeContext {
  db: Db;
  session: TestSession | null;
  victimId: number;
}

type Probe = (ctx: FunctionProbeContext) => Promise<Called> | Called;

let made = 0;

/** Used by the matrix test: the probe of each (function, action) the matrix has. */
export const FUNCTION_PROBES: Record<FunctionResource, Partial<Record<FunctionAction, Probe>>> = {
  export: { export: ({ session }) => guardOnly(session, "export", null) },
  dashboard: { read: ({ session }) => guardOnly(session, "read_dashboard", null) },
  daily_report: { export: async ({ session }) => answerOf((await getDailyReport(getRequest("/api/reports/daily", session))).status, "GET /api/reports/daily") },
  audit_log: { read: async ({ session }) => answerOf((await getAudit(getRequest("/api/audit?format=json", session))).status, "GET /api/audit") },
  users: {
    read: ({ session }) => guardOnly(session, "manage_users", null),
    create: async ({ session }) =>
      (await asServerAction(session, "addUser action", () => addUser({ username: `matrix-new-${++made}`, role: "enumerator", password: "a long enough password" }))).called,
    edit: async ({ db, session, victimId }) => {
      const role = db.$client.prepare("SELECT role FROM users WHERE id = ?").pluck().get(victimId) === "mapper" ? "guide" : "mapper";
      return (await asServerAction(session, "changeUserRole action", () => changeUserRole({ userId: victimId, role }))).called;
    },
    delete: async ({ db, session, victimId }) => {
      const { called } = await asServerAction(session, "setUserDisabled action", () => setUserDisabled({ userId: victimId, disabled: true }));
      setDisabled(db, victimId, false);
      return called;
    },
  },
};
