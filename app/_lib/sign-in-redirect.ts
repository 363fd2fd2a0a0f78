/**
 * Where to go after signing in: the page asked for (`next`), when it is a path of this site, else the role's
 * start page. Never another site (no open redirect).
 */
import type { UserRole } from "@/lib/domain/types";
import { homePathOf } from "./home-path";

/** Used by the sign-in action: a safe local path to continue to. */
export function afterSignInPath(next: unknown, locale: string, role: UserRole): string {
  if (typeof next === "string" && /^\/(zh|en)(\/[\w\-./]*)?(\?[^\s]*)?$/.test(next) && !next.startsWith("//") && !next.includes("/sign-in")) return next;
  return `/${locale}${homePathOf(role)}`;
}
