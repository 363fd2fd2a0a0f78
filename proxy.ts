import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "./lib/i18n/routing";

const intl = createMiddleware(routing);

/** The session cookie's name (app/_lib/session.ts; repeated here because the proxy runs apart from the app). */
const SESSION_COOKIE = "tessera_session";

/**
 * Redirects `/` to the default locale and keeps the locale in the path; a page request without a session
 * cookie goes to the sign-in page, which comes back to the page afterwards. (Pages check the session itself;
 * this only saves a round trip for people who are not signed in.)
 */
export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const page = pathname.match(/^\/(zh|en)(\/.*)?$/);
  if (page && !(page[2] ?? "").startsWith("/sign-in") && !request.cookies.has(SESSION_COOKIE)) {
    const url = new URL(`/${page[1]}/sign-in`, request.url);
    url.searchParams.set("next", pathname + search);
    return NextResponse.redirect(url);
  }
  return intl(request);
}

export const config = {
  matcher: ["/((?!api|_next|maplibre|fonts|.*\\..*).*)"],
};
