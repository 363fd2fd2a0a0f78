"use client";

import { useTranslations } from "next-intl";
import { STATE_COLOURS, type SmallAreaState } from "@/lib/domain/workflow";
import styles from "./guide.module.css";

/** A small area's workflow state as a coloured badge (the colours of the map and the dashboard). */
export function StateBadge({ state, testId }: { state: SmallAreaState; testId: string }) {
  const t = useTranslations("status");
  return (
    <span className={styles.badge} style={{ background: STATE_COLOURS[state] }} data-testid={testId} data-state={state}>
      {t(state)}
    </span>
  );
}
