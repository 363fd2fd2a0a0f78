import { getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { AppNav } from "@/app/_components/app-nav";
import { AuditFilters } from "@/app/_components/audit/audit-filters";
import { AuditTable } from "@/app/_components/audit/audit-table";
import { loadAuditPage } from "@/app/_components/audit/audit-page-data";
import { auditQueryString, parseAuditQuery } from "@/app/_components/audit/audit-query";
import styles from "@/app/_components/audit/audit.module.css";
import { requirePageUser } from "@/app/_lib/page-user";
import { requestIp } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

/** The auditor's page: the audit log, newest first, filtered by the query string, 100 rows a page. Viewing it is audited. */
export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(locale, "read_audit");
  const t = await getTranslations({ locale, namespace: "audit" });
  const query = parseAuditQuery(await searchParams);
  const { rows, total, page, pages } = loadAuditPage(getDb(), user, query, await requestIp());
  const link = (n: number) => `/${locale}/audit${auditQueryString(query.values, n > 1 ? { page: n } : {})}`;
  return (
    <div className={styles.page}>
      <AppNav user={user} locale={locale} current="audit" />
      <main className={styles.main}>
        <h1>{t("title")}</h1>
        <p className={styles.intro}>{t("intro")}</p>
        <AuditFilters locale={locale} values={query.values} />
        {query.ok ? (
          <>
            <div className={styles.summary}>
              <span data-testid="audit-summary">{t("summary", { total, page, pages })}</span>
              <nav className={styles.pager} aria-label={t("filters.page")}>
                {page > 1 && (
                  <a href={link(page - 1)} rel="prev" data-testid="audit-previous">
                    {t("previous")}
                  </a>
                )}
                {page < pages && (
                  <a href={link(page + 1)} rel="next" data-testid="audit-next">
                    {t("next")}
                  </a>
                )}
              </nav>
            </div>
            <AuditTable locale={locale} rows={rows} />
          </>
        ) : (
          <p className={styles.error} role="alert" data-testid="audit-bad-filter">
            {t("badFilter", { field: t.has(`filters.${query.place}`) ? t(`filters.${query.place}`) : query.place })}
          </p>
        )}
      </main>
    </div>
  );
}
