"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { CensusInfo, Overview } from "@/db/queries";

/** The census and its reference moment, and counts of the whole database: districts, small areas, buildings, households, persons. */
export function OverviewPanel({ overview, census }: { overview: Overview; census: CensusInfo | null }) {
  const t = useTranslations("summary");
  const format = useFormatter();
  const locale = useLocale();
  const rows: Array<[keyof Overview, string]> = [
    ["districts", t("districts")],
    ["smallAreas", t("smallAreas")],
    ["buildings", t("buildings")],
    ["households", t("households")],
    ["persons", t("persons")],
  ];
  return (
    <section className="panel" aria-labelledby="overview-title">
      <h2 id="overview-title">{t("title")}</h2>
      {census && (
        <p className="census" data-testid="census">
          {locale === "zh" ? census.nameZh : census.nameEn}
          <br />
          {t("referenceMoment")}{" "}
          <time dateTime={census.referenceMoment}>{format.dateTime(new Date(census.referenceMoment), { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Shanghai" })}</time>
        </p>
      )}
      <dl className="facts">
        {rows.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-testid={`overview-${key}`}>{format.number(overview[key])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
