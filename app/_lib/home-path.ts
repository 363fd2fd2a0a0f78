import type { UserRole } from "@/lib/domain/types";

/** Used after sign-in and when a page is not for the role: the page each role starts on (path after the locale). */
export function homePathOf(role: UserRole): string {
  return role === "guide" || role === "enumerator" ? "/guide" : role === "auditor" ? "/audit" : "";
}
