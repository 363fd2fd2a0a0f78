/**
 * The session cookie and "who is asking" for pages, server actions and route handlers (issue #6, ADR 0009).
 * The cookie is HttpOnly, SameSite=Lax, Secure in production (unless TESSERA_INSECURE_COOKIES=1 for a plain
 * http intranet server), and holds only a random token; `db/auth.ts` owns what it means.
 */
import { cookies, headers } from "next/headers";
import { getDb } from "@/db/client";
import { validateSession, type SessionUser } from "@/db/auth";

/** Name of the session cookie. */
export const SESSION_COOKIE = "tessera_session";

/** Whether cookies get the Secure flag: in production, unless the operator runs plain http on purpose. */
export function secureCookies(): boolean {
  return process.env.NODE_ENV === "production" && process.env.TESSERA_INSECURE_COOKIES !== "1";
}

/**
 * Used wherever the session cookie is written (sign-in and sign-out, as actions and as routes): its options,
 * expiring with the session's absolute lifetime, or at once (`null`) to remove it.
 */
export function sessionCookieOptions(expiresAt: Date | null) {
  const base = { httpOnly: true, sameSite: "lax" as const, secure: secureCookies(), path: "/" };
  return expiresAt ? { ...base, expires: expiresAt } : { ...base, maxAge: 0 };
}

/** Used by the sign-in action: sets the new session's cookie. */
export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(expiresAt));
}

/** Used by sign-out: removes the cookie. */
export async function clearSessionCookie(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, "", sessionCookieOptions(null));
}

/** Used by pages and server actions: the signed-in person, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return validateSession(getDb(), token);
}

function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Used by route handlers: the session token `request` carries, or null. */
export function sessionTokenOf(request: Request): string | null {
  return cookieValue(request.headers.get("cookie"), SESSION_COOKIE);
}

/** Used by route handlers: the signed-in person of `request`, or null. */
export function userFromRequest(request: Request): SessionUser | null {
  return validateSession(getDb(), sessionTokenOf(request));
}

/** The client's address from the proxy headers Next.js sets (first hop), for the audit and the throttle. */
export function ipFromHeaders(h: Headers): string | null {
  const forwarded = h.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0].trim() || null;
  return h.get("x-real-ip");
}

/** Used by server actions: the client's address of the current request. */
export async function requestIp(): Promise<string | null> {
  return ipFromHeaders(await headers());
}
