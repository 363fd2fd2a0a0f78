/**
 * The choices of one print (issue #7) read from a request: the query of GET /api/print/small-areas/{id} and
 * /api/print/districts/{id}, or the JSON body of POST /api/print/jobs. Paper A4|A3 (default A4), orientation
 * portrait|landscape (default portrait), imagery 1|true|0|false (default off), locale zh|en (default the
 * request's language, else zh); printedAt is today's UTC date. A bad value is refused with 400 naming the
 * parameter, in the person's language.
 */
import { errorResponse } from "./http";
import { MESSAGES } from "@/lib/i18n/messages";
import { ORIENTATIONS, PAPERS, SHEET_LOCALES, type Orientation, type Paper, type PrintOptions, type SheetLocale } from "@/lib/print/types";

/** A parameter the print routes read. */
export type PrintParameter = "id" | "scope" | "paper" | "orientation" | "imagery" | "locale" | "body";

/** What reading a print request gave: the options, or the parameter that was wrong and why (in `lang`). */
export type PrintInput = { ok: true; options: PrintOptions } | { ok: false; place: PrintParameter; message: string };

const isLocale = (v: unknown): v is SheetLocale => typeof v === "string" && (SHEET_LOCALES as readonly string[]).includes(v);

function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * Used by the print routes when no (valid) `locale` is given: the language of the page the request came from
 * (Referer /zh/… or /en/…), else next-intl's locale cookie, else the first of Accept-Language we speak, else zh.
 */
export function requestLocale(request: Request): SheetLocale {
  const referer = request.headers.get("referer");
  if (referer) {
    try {
      const first = new URL(referer).pathname.split("/")[1];
      if (isLocale(first)) return first;
    } catch {
      // not a URL: ask the next source
    }
  }
  const cookie = cookieValue(request.headers.get("cookie"), "NEXT_LOCALE");
  if (isLocale(cookie)) return cookie;
  for (const part of (request.headers.get("accept-language") ?? "").split(",")) {
    const tag = part.trim().split(";")[0].toLowerCase().split("-")[0];
    if (isLocale(tag)) return tag;
  }
  return "zh";
}

/** Used for `printedAt`: today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Used by the print routes: a bad-parameter message in `lang` (the text of `print.bad.<place>`). */
export function badParameterMessage(lang: SheetLocale, place: PrintParameter): string {
  return MESSAGES[lang].print.bad[place];
}

/** Used by the print routes: 400 `bad_parameter` naming the parameter, with its message in `lang`. */
export function badParameter(lang: SheetLocale, place: PrintParameter) {
  return errorResponse(400, "bad_parameter", place, badParameterMessage(lang, place));
}

type Raw = { paper?: unknown; orientation?: unknown; imagery?: unknown; locale?: unknown };

function readImagery(value: unknown): boolean | null {
  if (value === undefined || value === null || value === "" || value === false || value === 0 || value === "0" || value === "false") return false;
  if (value === true || value === 1 || value === "1" || value === "true") return true;
  return null;
}

function readOptions(raw: Raw, fallback: SheetLocale, now: Date): PrintInput {
  // the message is in the language asked for, when that much is right
  const lang = isLocale(raw.locale) ? raw.locale : fallback;
  const bad = (place: PrintParameter): PrintInput => ({ ok: false, place, message: badParameterMessage(lang, place) });
  const paper = raw.paper === undefined || raw.paper === null || raw.paper === "" ? "A4" : raw.paper;
  if (!(PAPERS as readonly unknown[]).includes(paper)) return bad("paper");
  const orientation = raw.orientation === undefined || raw.orientation === null || raw.orientation === "" ? "portrait" : raw.orientation;
  if (!(ORIENTATIONS as readonly unknown[]).includes(orientation)) return bad("orientation");
  const imagery = readImagery(raw.imagery);
  if (imagery === null) return bad("imagery");
  if (raw.locale !== undefined && raw.locale !== null && raw.locale !== "" && !isLocale(raw.locale)) return bad("locale");
  return { ok: true, options: { paper: paper as Paper, orientation: orientation as Orientation, imagery, locale: lang, printedAt: todayUtc(now) } };
}

/** Used by the GET print routes: the options from the query string (`?paper=A3&orientation=landscape&imagery=1&locale=en`). */
export function printOptionsFromQuery(request: Request, now = new Date()): PrintInput {
  const search = new URL(request.url).searchParams;
  const get = (name: string) => search.get(name) ?? undefined;
  return readOptions({ paper: get("paper"), orientation: get("orientation"), imagery: get("imagery"), locale: get("locale") }, requestLocale(request), now);
}

/** Used by POST /api/print/jobs: the options from the JSON body's fields of the same names. */
export function printOptionsFromBody(body: Record<string, unknown>, request: Request, now = new Date()): PrintInput {
  return readOptions(body, requestLocale(request), now);
}

/** Used by the print routes: the language of the messages for this request (a valid `locale` asked for, else the request's). */
export function messageLocale(request: Request, asked?: unknown): SheetLocale {
  const query = new URL(request.url).searchParams.get("locale");
  if (isLocale(asked)) return asked;
  if (isLocale(query)) return query;
  return requestLocale(request);
}

/** Used for the audit row of a print: "A4 portrait". */
export function printDetail(options: Pick<PrintOptions, "paper" | "orientation">): string {
  return `${options.paper} ${options.orientation}`;
}

/** Used by the print routes: a positive integer id from a path segment or a JSON value, else null. */
export function positiveId(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value === "string" && /^\d{1,15}$/.test(value) && Number(value) > 0) return Number(value);
  return null;
}
