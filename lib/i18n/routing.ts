import { defineRouting } from "next-intl/routing";

/** The UI languages; Chinese is the default and the census language, English the second. */
export const routing = defineRouting({
  locales: ["zh", "en"],
  defaultLocale: "zh",
  localePrefix: "always",
});

export type Locale = (typeof routing.locales)[number];
