/**
 * The auditor's filters as they travel in the query string (the audit page and GET /api/audit read the same
 * names): `user`, `action`, `outcome`, `from`, `to` (calendar days in Asia/Shanghai, both included) and
 * `page`. Parsed with zod into the `AuditFilter` of db/audit.ts; a bad value is a refusal naming its place.
 */
import { z } from "zod";
import type { AuditFilter } from "@/db/audit";

/** Rows on one page of the auditor's table. */
export const AUDIT_PAGE_SIZE = 100;

/**
 * The actions the filter offers, most used first. `x.*` (or `x*`) picks every action starting with `x`;
 * any other well-formed action name typed into the URL is accepted too (the select then shows it).
 */
export const KNOWN_AUDIT_ACTIONS = [
  "sign_in*",
  "sign_in",
  "sign_in_failed",
  "sign_in_throttled",
  "sign_out",
  "forbidden",
  "bad_origin",
  "edit",
  "import*",
  "import",
  "import.buildings",
  "renumber",
  "workflow.*",
  "assign",
  "unassign",
  "units.*",
  "export*",
  "print*",
  "imagery.*",
  "user.*",
  "user.create",
  "user.reset_password",
  "user.disable",
  "user.enable",
  "user.role",
  "user.create_first_admin",
  "audit.*",
  "audit.view",
  "audit.export",
] as const;

/** The message key (under `audit.actions`) of an action or action group: `user.*` → `user_any`. */
export function actionLabelKey(action: string): string {
  return action.replace(/\.?\*$/, "_any").replace(/\./g, "_");
}

/** The outcomes an audit row can have. */
export const AUDIT_OUTCOMES = ["ok", "refused", "failed"] as const;

/** The filter values as typed (empty string: no filter), for refilling the form and building links. */
export interface AuditQueryValues {
  user: string;
  action: string;
  outcome: string;
  from: string;
  to: string;
}

export type AuditQuery =
  | { ok: true; filter: AuditFilter; page: number; values: AuditQueryValues }
  | { ok: false; place: string; message: string; values: AuditQueryValues };

function isCalendarDay(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

const day = z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day is written YYYY-MM-DD").refine(isCalendarDay, "no such day")]);

const schema = z.object({
  user: z.string().trim().max(64, "at most 64 characters"),
  action: z.union([z.literal(""), z.literal("all"), z.string().regex(/^[a-z][a-z0-9_.]{0,63}\*?$/, "an action name (letters, digits, _ and .), optionally ending in *")]),
  outcome: z.union([z.literal(""), z.literal("all"), z.enum(AUDIT_OUTCOMES)]),
  from: day,
  to: day,
  page: z.union([z.literal(""), z.string().regex(/^[1-9]\d{0,5}$/, "a page number from 1")]),
});

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, name: string): string {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** The first UTC instant of a Shanghai calendar day `yyyy-mm-dd`, as the audit log writes times. */
export function shanghaiDayStart(dayText: string): string {
  return new Date(`${dayText}T00:00:00+08:00`).toISOString();
}

/** The last UTC millisecond of a Shanghai calendar day `yyyy-mm-dd`. */
export function shanghaiDayEnd(dayText: string): string {
  return new Date(Date.parse(`${dayText}T00:00:00+08:00`) + 86_400_000 - 1).toISOString();
}

/** Used by the audit page and GET /api/audit: the filter, page and typed values of a query string. */
export function parseAuditQuery(params: Params): AuditQuery {
  const raw = { user: read(params, "user"), action: read(params, "action"), outcome: read(params, "outcome"), from: read(params, "from"), to: read(params, "to"), page: read(params, "page") };
  const values: AuditQueryValues = { user: raw.user.trim(), action: raw.action === "all" ? "" : raw.action, outcome: raw.outcome === "all" ? "" : raw.outcome, from: raw.from, to: raw.to };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { ok: false, place: String(issue.path[0] ?? "query"), message: issue.message, values };
  }
  const q = parsed.data;
  if (q.from && q.to && q.from > q.to) return { ok: false, place: "to", message: "the last day comes before the first", values };
  const filter: AuditFilter = {};
  if (q.user) filter.username = q.user;
  if (q.action && q.action !== "all") filter.action = q.action;
  if (q.outcome && q.outcome !== "all") filter.outcome = q.outcome;
  if (q.from) filter.from = shanghaiDayStart(q.from);
  if (q.to) filter.to = shanghaiDayEnd(q.to);
  return { ok: true, filter, page: q.page ? Number(q.page) : 1, values };
}

/** Used by links of the audit page: the query string of `values` (empty ones left out) and `extra`. */
export function auditQueryString(values: AuditQueryValues, extra: Record<string, string | number> = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) search.set(k, v);
  for (const [k, v] of Object.entries(extra)) search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** A short plain summary of the filters, for the `audit.view` and `audit.export` rows' detail. */
export function describeAuditQuery(values: AuditQueryValues): string {
  const parts = Object.entries(values).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(" ") : "all";
}
