"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { Overview } from "@/db/queries";

/** Counts of the whole database: districts, small areas, buildings, households, persons. */
export function OverviewPanel({ overview }: { overview: Overview }) {
  const t = useTranslations("summary");
  const format = useFormatter();
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
