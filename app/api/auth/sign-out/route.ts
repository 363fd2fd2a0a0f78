import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { signOut } from "@/db/auth";
import { sameOrigin } from "@/app/_lib/guard";
import { errorResponse } from "@/app/_lib/http";
import { ipFromHeaders, SESSION_COOKIE, sessionCookieOptions, sessionTokenOf } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

/** POST /api/auth/sign-out: ends the session of the cookie sent (the token is useless afterwards) and clears it. */
export async function POST(request: Request) {
  if (!sameOrigin(request)) return errorResponse(403, "bad_origin", "origin", "the request does not come from this server's pages");
  signOut(getDb(), sessionTokenOf(request), { ip: ipFromHeaders(request.headers) });
  const response = NextResponse.json({ ok: true });
  response.cookies.set(SESSION_COOKIE, "", sessionCookieOptions(null));
  return response;
}
