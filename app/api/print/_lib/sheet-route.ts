/**
 * The GET of one sheet (issue #7), shared by /api/print/small-areas/{id} and /api/print/districts/{id}:
 * guard (print, on the record), parameters, the PDF pipeline (`db/print.ts`), one audit row, the download.
 */
import { getDb } from "@/db/client";
import { placeOf } from "@/db/access";
import { appendAudit } from "@/db/audit";
import { printDistrict, printSmallArea, type PrintResult } from "@/db/print";
import { guardRoute } from "@/app/_lib/guard";
import { badParameter, messageLocale, positiveId, printDetail, printOptionsFromQuery } from "@/app/_lib/print-input";
import { pdfResponse, printError, printFailed } from "@/app/_lib/print-response";
import { ipFromHeaders } from "@/app/_lib/session";

/** Which sheet a route prints. */
export type SheetKind = "small_area" | "district";

/**
 * Used by the two GET sheet routes: 401/403 from the guard (a guessed id is refused as outside), 400 naming a
 * bad parameter, 404 for a missing record the person could print anywhere (an admin), 500 in words when the
 * pipeline fails; else the PDF, after one audit row `print` (detail "A4 portrait").
 */
export async function getSheet(request: Request, kind: SheetKind, rawId: string): Promise<Response> {
  const id = positiveId(rawId);
  const guard = guardRoute(request, "print", id === null ? null : { type: kind, id });
  if ("response" in guard) return guard.response;
  const lang = messageLocale(request);
  if (id === null) return badParameter(lang, "id");
  const input = printOptionsFromQuery(request);
  if (!input.ok) return badParameter(lang, input.place);
  const db = getDb();
  if (!placeOf(db, { type: kind, id })) return printError(404, "not_found", `${kind}/${id}`, lang, "notFound");
  let result: PrintResult;
  try {
    result = kind === "small_area" ? await printSmallArea(db, id, input.options) : await printDistrict(db, id, input.options);
  } catch (error) {
    return printFailed(error, input.options.locale, `${kind}/${id}`);
  }
  appendAudit(db, { actor: guard.user, action: "print", targetType: kind, targetId: id, outcome: "ok", detail: printDetail(input.options), ip: ipFromHeaders(request.headers) });
  return pdfResponse(result.pdf, result.fileName);
}
