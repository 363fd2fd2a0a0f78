/**
 * How the permission matrix calls the server: route handlers with the session cookie (and Host and Origin
 * for writes, as a browser sends them), server actions through the mocked `next/headers`, and — for cells
 * with no route or action of their own yet — the guard every route starts with. Every call gives an HTTP-like
 * status, turned into the cell's answer; a status that is neither success nor 401/403 fails the test, so a
 * cell can never pass by breaking for another reason.
 */
import type { TestSession } from "@/db/auth-test-fixture";
import type { Db } from "@/db/client";
import { writeChange } from "@/db/edit-mutations";
import type { Target } from "@/db/access";
import type { Action } from "@/lib/domain/permissions";
import type { Change } from "@/lib/edits/types";
import { POST as postEditRoute } from "@/app/api/edits/route";
import { guardRoute } from "./guard";
import type { EditResult } from "./submit-edit";
import { setTestSession } from "./test-headers";
import type { Answer } from "./permission-matrix-expected";

/** What one call gave: the cell's answer, the status it came from, and which entry point answered. */
export interface Called {
  answer: Answer;
  status: number;
  via: string;
}

/** Used by every probe: 2xx allowed, 401 unauthenticated, 403 refused; anything else is a broken probe. */
export function answerOf(status: number, via: string, detail = ""): Called {
  if (status >= 200 && status < 300) return { answer: "allowed", status, via };
  if (status === 401) return { answer: "unauthenticated", status, via };
  if (status === 403) return { answer: "refused", status, via };
  throw new Error(`${via} answered ${status}, neither allowed nor refused ${detail}`);
}

const HOST = "http://localhost";

/** Used by probes of GET routes: a request as the browser of `session` (nobody: no cookie) sends it. */
export function getRequest(path: string, session: TestSession | null): Request {
  return new Request(`${HOST}${path}`, { headers: session ? { cookie: session.cookie } : {} });
}

/** Used by probes of data-changing routes: a same-origin JSON POST with the session's cookie. */
export function postRequest(path: string, session: TestSession | null, body: unknown): Request {
  const headers: Record<string, string> = { host: "localhost", origin: HOST, "content-type": "application/json" };
  if (session) headers.cookie = session.cookie;
  return new Request(`${HOST}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
}

/**
 * Used by the edit probes: sends `change` to POST /api/edits as `session`; a written Change is undone at once
 * (its inverse written directly, no permission asked), so that every cell starts from the same world.
 */
export async function sendEdit(db: Db, session: TestSession | null, change: Change): Promise<Called> {
  const response = await postEditRoute(postRequest("/api/edits", session, change));
  const body = (await response.json()) as EditResult | { error: unknown };
  if ("ok" in body && body.ok) writeChange(db, body.inverse, null);
  return answerOf(response.status, "POST /api/edits", JSON.stringify(body).slice(0, 300));
}

/** Used by probes of server actions: runs `action` with the session's cookie in the mocked jar. */
export async function asServerAction<T extends { ok: boolean; status?: number }>(session: TestSession | null, via: string, action: () => Promise<T>): Promise<{ called: Called; result: T }> {
  setTestSession(session?.token ?? null);
  const result = await action();
  return { called: answerOf(result.ok ? 200 : (result.status ?? 500), via, JSON.stringify(result).slice(0, 300)), result };
}

/** Used by the cells no route or action decides yet: the guard of the routes (`guardRoute` → `authorize`). */
export function guardOnly(session: TestSession | null, action: Action, target: Target): Called {
  const guard = guardRoute(getRequest("/api/matrix", session), action, target);
  return answerOf("response" in guard ? guard.response.status : 200, `guardRoute(${action}) only`);
}
