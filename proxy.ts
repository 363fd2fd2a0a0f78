import createMiddleware from "next-intl/middleware";
import { routing } from "./lib/i18n/routing";

/** Redirects `/` to the default locale and keeps the locale in the path. */
export default createMiddleware(routing);

export const config = {
  matcher: ["/((?!api|_next|maplibre|fonts|.*\\..*).*)"],
};
