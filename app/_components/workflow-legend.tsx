"use client";

import { useTranslations } from "next-intl";
import { SMALL_AREA_STATES, STATE_COLOURS } from "@/lib/domain/workflow";

/** Legend entries of the small-area fill: one swatch per workflow state, in the map's colours. */
export function WorkflowLegendItems() {
  const ts = useTranslations("status");
  return (
    <>
      {SMALL_AREA_STATES.map((state) => (
        <li key={state} data-legend-state={state}>
          <span className="swatch" style={{ background: STATE_COLOURS[state] }} />
          {ts(state)}
        </li>
      ))}
    </>
  );
}
