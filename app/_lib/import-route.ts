/**
 * What the layer import routes (POST /api/import/preview and /commit, issue #8) share: the admin-only guard, the
 * language of their messages, and JSON errors `{ error: { rule, where, place, message } }` in that language.
 */
import { NextResponse } from "next/server";
import type { SessionUser } from "@/db/auth";
import { can } from "@/lib/domain/permissions";
import { importErrorMessage, type MessageLang } from "@/lib/i18n/import-message";
import { guardRoute } from "./guard";
import { messageLocale } from "./print-input";

/** Used by the import routes: a JSON error naming the rule and the place, the message in the user's language. */
export function importError(status: number, rule: string, where: string, message: string, extra: Record<string, unknown> = {}): NextResponse {
  return NextResponse.json({ error: { rule, where, place: where, message }, ...extra }, { status });
}

/** Used by the import routes: `layerImport.error.<key>` as the error of `rule` at `where`. */
export function importRefusal(status: number, lang: MessageLang, rule: string, where: string, key = rule, params: Record<string, string | number> = {}): NextResponse {
  return importError(status, rule, where, importErrorMessage(lang, key, params));
}

/**
 * Used first by the import routes: the signed-in admin (an import places data anywhere, so it needs a role
 * that may create anywhere), or the response (401, 403 audited by the guard, 403 for other roles).
 */
export function guardImport(request: Request): { user: SessionUser } | { response: NextResponse } {
  const guard = guardRoute(request, "create");
  if ("response" in guard) return guard;
  if (!can(guard.user.role, "create", "outside")) return { response: importError(403, "forbidden", "import", "only an admin may import") };
  return guard;
}

/** Used by the import routes: the language of their messages (`locale` asked for, else the page's). */
export function importLang(request: Request, asked?: unknown): MessageLang {
  return messageLocale(request, asked);
}
