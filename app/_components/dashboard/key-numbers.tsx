/**
 * The dashboard's headline numbers (server component) for the whole scope, each with a test id
 * `dashboard-<field>` (e.g. `dashboard-submitted`, `dashboard-percent`) whose text is the plain number.
 */
import { getTranslations } from "next-intl/server";
import type { ProgressRow } from "@/lib/domain/progress";
import { STATE_COLOURS } from "@/lib/domain/workflow";
import styles from "./dashboard.module.css";

export async function KeyNumbers({ total, locale }: { total: ProgressRow; locale: string }) {
  const t = await getTranslations({ locale, namespace: "dashboard.key" });
  const c = total.counts;
  const items: Array<[string, number, string, string?]> = [
    ["districts", c.districts, t("districts")],
    ["small-areas", c.smallAreas, t("smallAreas")],
    ["submitted", c.states.submitted, t("submitted"), STATE_COLOURS.submitted],
    ["returned", c.states.returned, t("returned"), STATE_COLOURS.returned],
    ["approved", c.states.approved, t("approved"), STATE_COLOURS.approved],
    ["confirmed", c.states.confirmed, t("confirmed"), STATE_COLOURS.confirmed],
    ["ready", c.states.ready, t("ready"), STATE_COLOURS.ready],
    ["printed", c.printed, t("printed")],
    ["buildings", c.buildings, t("buildings")],
    ["households", c.households, t("households")],
    ["issues", c.issues, t("issues")],
  ];
  return (
    <dl className={styles.keys}>
      {items.map(([id, value, label, colour]) => (
        <div key={id} style={colour ? { borderTopColor: colour } : undefined}>
          <dt>{label}</dt>
          <dd data-testid={`dashboard-${id}`}>{value}</dd>
        </div>
      ))}
      <div className={styles.done}>
        <dt>{t("percent")}</dt>
        <dd data-testid="dashboard-percent" data-value={total.percent}>
          {total.percent}%
        </dd>
        <progress max={100} value={total.percent} aria-hidden />
      </div>
    </dl>
  );
}
