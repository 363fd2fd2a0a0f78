/**
 * How the print routes (issue #7) answer: the PDF as a private download, and a failure of the PDF pipeline
 * as a message in words (never a stack trace; the stack goes to the server log).
 */
import { MESSAGES } from "@/lib/i18n/messages";
import type { SheetLocale } from "@/lib/print/types";
import { errorResponse } from "./http";

/**
 * Used by the PDF responses: `attachment` with an ASCII `filename` for old clients and the real name as
 * RFC 5987 `filename*` (UTF-8, percent-encoded), so that Chinese file names survive.
 */
export function attachmentDisposition(fileName: string): string {
  const name = fileName.trim() || "tessera.pdf";
  let ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;]/g, "_");
  if (!/[a-z0-9]/i.test(ascii.replace(/\.pdf$/i, ""))) ascii = "tessera.pdf";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Used by the print routes: the PDF bytes as a private, uncached attachment. */
export function pdfResponse(pdf: Uint8Array, fileName: string): Response {
  return new Response(pdf as unknown as BodyInit, {
    headers: {
      "content-type": "application/pdf",
      "content-length": String(pdf.byteLength),
      "content-disposition": attachmentDisposition(fileName),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** Used for a failed print and a failed job: the error's first line, short (no stack, no long paths). */
export function failureText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "unknown error";
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

/** Used by the GET print routes when the pipeline throws: 500 `print_failed` with the reason in `lang`, logged. */
export function printFailed(error: unknown, lang: SheetLocale, place: string): Response {
  console.error(`print of ${place} failed:`, error);
  return errorResponse(500, "print_failed", place, MESSAGES[lang].print.server.failed.replace("{message}", failureText(error)));
}

/** Used by the print routes: a JSON error whose message is `print.server.<key>` in `lang`. */
export function printError(status: number, rule: string, place: string, lang: SheetLocale, key: Exclude<keyof (typeof MESSAGES)["zh"]["print"]["server"], "failed" | "jobFailed">): Response {
  return errorResponse(status, rule, place, MESSAGES[lang].print.server[key]);
}
