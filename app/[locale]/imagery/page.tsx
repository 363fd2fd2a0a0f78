import { getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { listImagerySourceRows } from "@/db/imagery-sources";
import { AppNav } from "@/app/_components/app-nav";
import { AddSourceForms } from "@/app/_components/imagery/add-source-forms";
import { SourceRow } from "@/app/_components/imagery/source-row";
import styles from "@/app/_components/imagery/imagery.module.css";
import { requirePageUser } from "@/app/_lib/page-user";

export const dynamic = "force-dynamic";

/** The administrator's imagery settings: every source (add, edit, delete, make default) and the uploads. */
export default async function ImageryPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(locale, "manage_imagery");
  const t = await getTranslations({ locale, namespace: "imagery" });
  const sources = listImagerySourceRows(getDb());
  return (
    <div className={styles.page}>
      <AppNav user={user} locale={locale} current="imagery" />
      <main className={styles.main}>
        <h1>{t("title")}</h1>
        <p className={styles.intro}>{t("intro")}</p>
        <AddSourceForms />
        <p className={styles.muted}>{sources.length ? t("count", { count: sources.length }) : t("none")}</p>
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="imagery-table">
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("columns.kind")}</th>
                <th scope="col">{t("columns.location")}</th>
                <th scope="col">{t("columns.zoom")}</th>
                <th scope="col">{t("columns.offset")}</th>
                <th scope="col">{t("columns.default")}</th>
                <th scope="col">{t("columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <SourceRow key={`${s.id}-${s.version}`} source={s} />
              ))}
            </tbody>
          </table>
        </div>
      </main>
    </div>
  );
}
