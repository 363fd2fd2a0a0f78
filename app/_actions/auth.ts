"use server";

import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { signIn, signOut } from "@/db/auth";
import { afterSignInPath } from "@/app/_lib/sign-in-redirect";
import { clearSessionCookie, requestIp, SESSION_COOKIE, setSessionCookie } from "@/app/_lib/session";
import { cookies } from "next/headers";

/** What the sign-in form shows after a failed attempt (a message key under `auth.signIn`). */
export interface SignInState {
  error: "invalid" | "throttled" | "missing" | null;
  /** the name typed, so that the form keeps it after a failed attempt */
  username?: string;
}

/**
 * Server action of the sign-in form: checks the throttle and the password (db/auth.ts), sets a new session
 * cookie and goes on to the page asked for. The answer to a failure never says whether the user exists.
 */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get("username") ?? "").slice(0, 100);
  const password = String(form.get("password") ?? "").slice(0, 200);
  const locale = form.get("locale") === "en" ? "en" : "zh";
  if (!username.trim() || !password) return { error: "missing", username };
  const result = await signIn(getDb(), username, password, { ip: await requestIp(), userAgent: (await headers()).get("user-agent") });
  if (!result.ok) return { error: result.reason, username };
  await setSessionCookie(result.token, result.expiresAt);
  redirect(afterSignInPath(form.get("next"), locale, result.user.role));
}

/** Server action of the sign-out button: ends the session in the database, removes the cookie, shows sign-in. */
export async function signOutAction(form: FormData): Promise<void> {
  const locale = form.get("locale") === "en" ? "en" : "zh";
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  signOut(getDb(), token, { ip: await requestIp() });
  await clearSessionCookie();
  redirect(`/${locale}/sign-in`);
}
