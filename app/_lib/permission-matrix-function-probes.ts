/**
 * The probes of the whole functions of the permission matrix: the audit log (GET /api/audit), the accounts
 * (the users page's server actions), the dashboard's daily report (GET /api/reports/daily), and the data
 * export and the dashboard page (their guard: no route of their own), the imagery settings (their server
 * actions; the page's guard for reading). A change to the test account or a source is put back at once.
 */
import type { TestSession } from "@/db/auth-test-fixture";
import { setDisabled } from "@/db/auth";
import type { Db } from "@/db/client";
import { addUser, changeUserRole, setUserDisabled } from "@/app/_actions/users";
import { addImagerySource, editImagerySource, removeImagerySource } from "@/app/_actions/imagery";
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

const IMAGERY = { name: "matrix imagery", kind: "xyz", location: "https://tiles.test/{z}/{x}/{y}.png", attribution: null, minZoom: 0, maxZoom: 18, keyEnv: null };

/** A source for the edit and delete cells, made directly (no permission asked) and removed after the call. */
async function withImagerySource(db: Db, call: (id: number, version: number) => Promise<Called>): Promise<Called> {
  const id = Number(db.$client.prepare("INSERT INTO imagery_sources (name, kind, location) VALUES ('matrix', 'xyz', 'https://tiles.test/{z}/{x}/{y}.png')").run().lastInsertRowid);
  try {
    return await call(id, 1);
  } finally {
    db.$client.prepare("DELETE FROM imagery_sources WHERE id = ?").run(id);
  }
}

/** Used by the matrix test: the probe of each (function, action) the matrix has. */
export const FUNCTION_PROBES: Record<FunctionResource, Partial<Record<FunctionAction, Probe>>> = {
  export: { export: ({ session }) => guardOnly(session, "export", null) },
  dashboard: { read: ({ session }) => guardOnly(session, "read_dashboard", null) },
  daily_report: { export: async ({ session }) => answerOf((await getDailyReport(getRequest("/api/reports/daily", session))).status, "GET /api/reports/daily") },
  audit_log: { read: async ({ session }) => answerOf((await getAudit(getRequest("/api/audit?format=json", session))).status, "GET /api/audit") },
  imagery: {
    read: ({ session }) => guardOnly(session, "manage_imagery", null),
    create: async ({ db, session }) => {
      const { called, result } = await asServerAction(session, "addImagerySource action", () => addImagerySource({ ...IMAGERY, name: `matrix imagery ${++made}` }));
      if (result.ok && result.source) db.$client.prepare("DELETE FROM imagery_sources WHERE id = ?").run(result.source.id);
      return called;
    },
    edit: ({ db, session }) =>
      withImagerySource(db, async (id, version) => (await asServerAction(session, "editImagerySource action", () => editImagerySource({ id, version, settings: { ...IMAGERY, maxZoom: 17 } }))).called),
    delete: ({ db, session }) => withImagerySource(db, async (id, version) => (await asServerAction(session, "removeImagerySource action", () => removeImagerySource({ id, version }))).called),
  },
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
