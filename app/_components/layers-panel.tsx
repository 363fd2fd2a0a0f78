"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { DEFECT_COLORS, type LayerGroup } from "@/lib/map/style";
import { WorkflowLegendItems } from "./workflow-legend";

interface Props {
  hasImagery: boolean;
  visibility: Record<LayerGroup, boolean>;
  opacity: number;
  onToggle: (group: LayerGroup, on: boolean) => void;
  onOpacity: (opacity: number) => void;
  /** under the opacity: the imagery source switcher and offset nudge */
  imageryControls?: ReactNode;
}

const GROUP_LABELS: Array<[LayerGroup, string]> = [
  ["imagery", "imagery"],
  ["districts", "districts"],
  ["smallAreas", "smallAreas"],
  ["buildings", "buildings"],
  ["reference", "reference"],
  ["defects", "defects"],
];

/** Layer switches, imagery opacity, source and offset, and the legend (small areas by workflow state, boundaries, defects). */
export function LayersPanel({ hasImagery, visibility, opacity, onToggle, onOpacity, imageryControls }: Props) {
  const t = useTranslations("layers");
  return (
    <section className="panel" aria-labelledby="layers-title">
      <h2 id="layers-title">{t("title")}</h2>
      <ul className="layer-list">
        {GROUP_LABELS.filter(([g]) => g !== "imagery" || hasImagery).map(([group, key]) => (
          <li key={group}>
            <label>
              <input type="checkbox" data-layer={group} checked={visibility[group]} onChange={(e) => onToggle(group, e.target.checked)} />
              {t(key)}
            </label>
            {group === "imagery" && (
              <label className="opacity">
                {t("opacity")}
                <input
                  type="range"
                  min={0}
                  max={1}
                  step={0.05}
                  value={opacity}
                  disabled={!visibility.imagery}
                  onChange={(e) => onOpacity(Number(e.target.value))}
                  aria-label={t("opacity")}
                />
                <output>{Math.round(opacity * 100)}%</output>
              </label>
            )}
            {group === "imagery" && imageryControls}
          </li>
        ))}
      </ul>
      <h3>{t("legend")}</h3>
      <ul className="legend">
        <WorkflowLegendItems />
        <li><span className="swatch line district" />{t("districts")}</li>
        <li><span className="swatch line small-area" />{t("smallAreas")}</li>
        <li><span className="swatch" style={{ background: DEFECT_COLORS.error }} />{t("defectError")}</li>
        <li><span className="swatch" style={{ background: DEFECT_COLORS.warning }} />{t("defectWarning")}</li>
      </ul>
    </section>
  );
}
