/** The day-by-day numbers under the chart (server component), newest first, folded away by default. */
import { getTranslations } from "next-intl/server";
import type { DailyPoint } from "@/lib/domain/progress";
import styles from "./dashboard.module.css";

export async function DailyTable({ series, locale }: { series: DailyPoint[]; locale: string }) {
  const t = await getTranslations({ locale, namespace: "dashboard.chart" });
  return (
    <details className={styles.districts}>
      <summary>{t("tableTitle")}</summary>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="dashboard-daily-table">
          <thead>
            <tr>
              <th scope="col">{t("day")}</th>
              <th scope="col" className={styles.number}>{t("activityDrawn")}</th>
              <th scope="col" className={styles.number}>{t("activitySubmitted")}</th>
              <th scope="col" className={styles.number}>{t("activityApproved")}</th>
              <th scope="col" className={styles.number}>{t("activityConfirmed")}</th>
              <th scope="col" className={styles.number}>{t("activityBuildings")}</th>
              <th scope="col" className={styles.number}>{t("drawn")}</th>
              <th scope="col" className={styles.number}>{t("buildings")}</th>
            </tr>
          </thead>
          <tbody>
            {[...series].reverse().map((p) => (
              <tr key={p.day} data-testid={`dashboard-day-${p.day}`}>
                <th scope="row" className={styles.code}>{p.day}</th>
                <td className={styles.number}>{p.activity.drawn}</td>
                <td className={styles.number}>{p.activity.submitted}</td>
                <td className={styles.number}>{p.activity.approved}</td>
                <td className={styles.number}>{p.activity.confirmed}</td>
                <td className={styles.number}>{p.activity.buildings}</td>
                <td className={styles.number}>{p.cumulative.drawn}</td>
                <td className={styles.number}>{p.cumulative.buildings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
