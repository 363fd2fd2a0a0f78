import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signIn } from "@/db/auth";
import { sameOrigin } from "@/app/_lib/guard";
import { errorResponse } from "@/app/_lib/http";
import { ipFromHeaders, SESSION_COOKIE, sessionCookieOptions } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

const body = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

/**
 * POST /api/auth/sign-in `{username, password}` for API clients and tests (the page uses the server action):
 * 200 `{user}` with a new HttpOnly session cookie; 401 `invalid` (same answer for an unknown name, a wrong
 * password or a disabled account); 429 `throttled` after 5 failures for the name from one address in 15 min.
 */
export async function POST(request: Request) {
  if (!sameOrigin(request)) return errorResponse(403, "bad_origin", "origin", "the request does not come from this server's pages");
  let parsed;
  try {
    parsed = body.safeParse(await request.json());
  } catch {
    return errorResponse(422, "invalid", "body", "the body is not JSON");
  }
  if (!parsed.success) return errorResponse(422, "invalid", parsed.error.issues[0]?.path.join(".") || "body", "username and password are required");
  const result = await signIn(getDb(), parsed.data.username, parsed.data.password, { ip: ipFromHeaders(request.headers), userAgent: request.headers.get("user-agent") });
  if (!result.ok) {
    return result.reason === "throttled"
      ? errorResponse(429, "throttled", "username", "too many failed sign-ins; wait 15 minutes")
      : errorResponse(401, "invalid", "username", "the user name or password is wrong");
  }
  const response = NextResponse.json({ user: { id: result.user.id, username: result.user.username, displayName: result.user.displayName, role: result.user.role } });
  response.cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(result.expiresAt));
  return response;
}
