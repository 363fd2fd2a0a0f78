import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { getProgress, progressScopeOf } from "@/db/progress";
import { getDailyReport } from "@/db/progress-daily";
import { AppNav } from "@/app/_components/app-nav";
import { DailyChart } from "@/app/_components/dashboard/daily-chart";
import { DailyTable } from "@/app/_components/dashboard/daily-table";
import { KeyNumbers } from "@/app/_components/dashboard/key-numbers";
import { ProgressTable } from "@/app/_components/dashboard/progress-table";
import styles from "@/app/_components/dashboard/dashboard.module.css";
import { requirePageUser } from "@/app/_lib/page-user";

export const dynamic = "force-dynamic";

/**
 * The progress dashboard (日报, issue #6): headline numbers, the daily chart, the roll-up county → township →
 * district and the CSV daily report — of the townships the person sees (a township office: its own).
 */
export default async function DashboardPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(locale, "read_dashboard");
  const t = await getTranslations({ locale, namespace: "dashboard" });
  const format = await getFormatter({ locale });
  const db = getDb();
  const scope = progressScopeOf(db, user);
  const progress = getProgress(db, scope);
  const daily = getDailyReport(db, scope);
  const names = progress.townships.map((tw) => (locale === "zh" ? tw.nameZh : tw.nameEn)).join(locale === "zh" ? "、" : ", ");
  return (
    <div className={styles.page}>
      <AppNav user={user} locale={locale} current="dashboard" />
      <main className={styles.main}>
        <div className={styles.head}>
          <div>
            <h1>{t("title")}</h1>
            <p className={styles.muted} data-testid="dashboard-scope">
              {scope.townshipIds ? t("scopeTownships", { names }) : t("scopeCounty")} ·{" "}
              {t("asOf", { time: format.dateTime(new Date(), { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }) })}
            </p>
          </div>
          <a className={styles.download} href={`/api/reports/daily?lang=${locale === "en" ? "en" : "zh"}`} download data-testid="dashboard-download">
            {t("download")}
          </a>
        </div>
        <KeyNumbers total={progress.county} locale={locale} />

        <h2>{t("chart.title")}</h2>
        <DailyChart series={daily.series} />
        <DailyTable series={daily.series} locale={locale} />

        <h2>{t("table.title")}</h2>
        <ProgressTable progress={progress} locale={locale} />
      </main>
    </div>
  );
}
