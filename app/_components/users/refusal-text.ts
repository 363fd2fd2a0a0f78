import type { UserActionResult } from "@/app/_actions/users";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * Used by the users page's forms: the translated sentence for a refused account change — an account rule
 * (`users.refused.*`, with the shortest password `minPassword`) or the guard's 401/403 (`auth.refusal.*`).
 */
export function refusalText(result: Exclude<UserActionResult, { ok: true }>, minPassword: number, users: Translate, refusal: Translate): string {
  if (result.reason === "unauthenticated" || result.reason === "forbidden") return refusal(result.reason, { place: result.place });
  return users(`refused.${result.reason}`, { min: minPassword, place: result.place });
}
