/**
 * The dashboard's roll-up tables (server component): the county and its townships, then each township's
 * districts (expandable), with the counts and a % done bar. Every number cell has a test id
 * `dashboard-<level>-<code>-<field>`.
 */
import { getTranslations } from "next-intl/server";
import type { ProgressCounts, ProgressRow, ProgressRollUp } from "@/lib/domain/progress";
import { SMALL_AREA_STATES } from "@/lib/domain/workflow";
import styles from "./dashboard.module.css";

type Field = { id: string; value: (c: ProgressCounts) => number; label: string };

export async function ProgressTable({ progress, locale }: { progress: ProgressRollUp; locale: string }) {
  const t = await getTranslations({ locale, namespace: "dashboard.table" });
  const status = await getTranslations({ locale, namespace: "status" });
  const fields: Field[] = [
    { id: "districts", value: (c) => c.districts, label: t("districts") },
    { id: "divided", value: (c) => c.districtsDivided, label: t("divided") },
    { id: "small-areas", value: (c) => c.smallAreas, label: t("smallAreas") },
    { id: "drawn", value: (c) => c.drawn, label: t("drawn") },
    ...SMALL_AREA_STATES.map((s) => ({ id: s, value: (c: ProgressCounts) => c.states[s], label: status(s) })),
    { id: "printed", value: (c) => c.printed, label: t("printed") },
    { id: "buildings", value: (c) => c.buildings, label: t("buildings") },
    { id: "units", value: (c) => c.housingUnits, label: t("units") },
    { id: "households", value: (c) => c.households, label: t("households") },
    { id: "issues", value: (c) => c.issues, label: t("issues") },
  ];
  const name = (row: ProgressRow) => (locale === "zh" ? row.nameZh : row.nameEn);

  const head = (
    <thead>
      <tr>
        <th scope="col">{t("area")}</th>
        {fields.map((f) => (
          <th key={f.id} scope="col" className={styles.number}>
            {f.label}
          </th>
        ))}
        <th scope="col">{t("percent")}</th>
      </tr>
    </thead>
  );
  const row = (level: string, r: ProgressRow, label: string, strong = false) => (
    <tr key={`${level}-${r.id}`} data-testid={`dashboard-${level}-${r.code}`} className={strong ? styles.total : undefined}>
      <th scope="row">
        {label} <span className={styles.code}>{r.code}</span>
      </th>
      {fields.map((f) => (
        <td key={f.id} className={styles.number} data-testid={`dashboard-${level}-${r.code}-${f.id}`}>
          {f.value(r.counts)}
        </td>
      ))}
      <td data-testid={`dashboard-${level}-${r.code}-percent`} data-value={r.percent}>
        <div className={styles.percent}>
          <progress max={100} value={r.percent} aria-label={`${label} ${r.percent}%`} />
          <span>{r.percent}%</span>
        </div>
      </td>
    </tr>
  );

  if (!progress.townships.length) return <p className={styles.muted}>{t("empty")}</p>;
  return (
    <>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="dashboard-rollup">
          {head}
          <tbody>
            {row("county", progress.county, name(progress.county) || "—", true)}
            {progress.townships.map((tw) => row("township", tw, name(tw)))}
          </tbody>
        </table>
      </div>
      {progress.townships.map((tw) => (
        <details key={tw.id} className={styles.districts} open={progress.townships.length === 1} data-testid={`dashboard-districts-${tw.code}`}>
          <summary>{t("showDistricts", { name: name(tw) })}</summary>
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              {head}
              <tbody>{tw.districts.map((d) => row("district", d, name(d)))}</tbody>
            </table>
          </div>
        </details>
      ))}
    </>
  );
}
