/**
 * The checks every route handler and server action makes first (issue #6): who is asking (401 when nobody),
 * whether they may (403, audited), and for route handlers that change data whether the request comes from our
 * own origin (403 `bad_origin`; Next.js makes the same check for server actions).
 */
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { authorize, type Target } from "@/db/access";
import { appendAudit } from "@/db/audit";
import type { SessionUser } from "@/db/auth";
import type { Action } from "@/lib/domain/permissions";
import { errorResponse } from "./http";
import { currentUser, ipFromHeaders, requestIp, userFromRequest } from "./session";

/** A refusal of a server action, in the shape the UI translates (`auth.refusal.<reason>`). */
export interface Refused {
  ok: false;
  status: 401 | 403;
  reason: "unauthenticated" | "forbidden";
  place: string;
  message: string;
}

function placeOfTarget(target: Target): string {
  return target ? `${target.type}/${target.id}` : "function";
}

/** Whether a data-changing request came from this server's own pages (Origin, else Referer, matches Host). */
export function sameOrigin(request: Request): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  const origin = request.headers.get("origin") ?? request.headers.get("referer");
  if (!origin) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Used first by every route handler: the signed-in person allowed to do `action` on `target`, or the response
 * to send (401 not signed in, 403 refused or foreign origin; refusals are audited).
 */
export function guardRoute(request: Request, action: Action, target: Target = null): { user: SessionUser } | { response: NextResponse } {
  const db = getDb();
  const ip = ipFromHeaders(request.headers);
  if (!sameOrigin(request)) {
    appendAudit(db, { actor: null, action: "bad_origin", outcome: "refused", ip, detail: `${request.method} ${new URL(request.url).pathname}` });
    return { response: errorResponse(403, "bad_origin", "origin", "the request does not come from this server's pages") };
  }
  const user = userFromRequest(request);
  if (!user) return { response: errorResponse(401, "unauthenticated", "session", "sign in first") };
  if (!authorize(db, user, action, target)) {
    appendAudit(db, { actor: user, action: "forbidden", outcome: "refused", targetType: target?.type ?? action, targetId: target?.id ?? null, detail: action, ip });
    return { response: errorResponse(403, "forbidden", placeOfTarget(target), `a ${user.role} may not ${action} ${placeOfTarget(target)}`) };
  }
  return { user };
}

/**
 * Used first by every server action: the signed-in person allowed to do `action` on `target`, or the refusal
 * to return (audited when forbidden).
 */
export async function guardAction(action: Action, target: Target = null): Promise<{ ok: true; user: SessionUser } | Refused> {
  const user = await currentUser();
  if (!user) return { ok: false, status: 401, reason: "unauthenticated", place: "session", message: "sign in first" };
  const db = getDb();
  if (!authorize(db, user, action, target)) {
    appendAudit(db, { actor: user, action: "forbidden", outcome: "refused", targetType: target?.type ?? action, targetId: target?.id ?? null, detail: action, ip: await requestIp() });
    return { ok: false, status: 403, reason: "forbidden", place: placeOfTarget(target), message: `a ${user.role} may not ${action} ${placeOfTarget(target)}` };
  }
  return { ok: true, user };
}
