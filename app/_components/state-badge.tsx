"use client";

import { useTranslations } from "next-intl";
import { STATE_COLOURS, type SmallAreaState } from "@/lib/domain/workflow";

/** A small area's workflow state as a coloured badge, in the colour the map and the dashboard give it. */
export function StateBadge({ state, testId, className = "state-badge" }: { state: SmallAreaState; testId: string; className?: string }) {
  const t = useTranslations("status");
  return (
    <span className={className} style={{ background: STATE_COLOURS[state] }} data-testid={testId} data-state={state}>
      {t(state)}
    </span>
  );
}
