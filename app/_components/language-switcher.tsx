"use client";

import { useTranslations } from "next-intl";
import { usePathname, useRouter } from "@/lib/i18n/navigation";
import { routing } from "@/lib/i18n/routing";

const LABELS: Record<string, string> = { zh: "中文", en: "English" };

/** Switches the UI language, keeping the map view and selection (the query string). */
export function LanguageSwitcher({ locale }: { locale: string }) {
  const t = useTranslations("app");
  const router = useRouter();
  const pathname = usePathname();
  return (
    <nav className="language" aria-label={t("language")}>
      {routing.locales.map((l) =>
        l === locale ? (
          <span key={l} aria-current="true" className="current">
            {LABELS[l]}
          </span>
        ) : (
          <a
            key={l}
            href={`/${l}`}
            hrefLang={l}
            onClick={(e) => {
              e.preventDefault();
              router.replace(`${pathname}${window.location.search}`, { locale: l });
            }}
          >
            {LABELS[l]}
          </a>
        ),
      )}
    </nav>
  );
}
