"use client";

import { useCallback, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import type { CensusInfo, Overview } from "@/db/queries";
import type { LayerGroup } from "@/lib/map/style";
import { defectFeatures, issueTarget } from "@/app/_lib/coverage";
import type { CoverageIssue } from "@/lib/coverage/types";
import type { Bbox } from "@/lib/geo/bbox";
import { CoveragePanel } from "./coverage-panel";
import { LanguageSwitcher } from "./language-switcher";
import { LayersPanel } from "./layers-panel";
import { MapView, type ImageryInfo } from "./map-view";
import { OverviewPanel } from "./overview-panel";
import { SidePanel } from "./side-panel";
import { formatUrlState, type UrlView } from "./url-state";
import { useCoverage } from "./use-coverage";

interface Props {
  locale: "zh" | "en";
  extent: [number, number, number, number] | null;
  imagery: ImageryInfo | null;
  overview: Overview;
  census: CensusInfo | null;
  initialView: UrlView | null;
  initialArea: number | null;
  testHook: boolean;
}

export const DEFAULT_VISIBILITY: Record<LayerGroup, boolean> = {
  imagery: true,
  reference: true,
  districts: true,
  smallAreas: true,
  buildings: true,
  defects: true,
};

/** The map page: header, layers panel, the map and the small-area side panel; keeps view and selection in the URL. */
export function MapPage({ locale, extent, imagery, overview, census, initialView, initialArea, testHook }: Props) {
  const t = useTranslations("app");
  const [selected, setSelected] = useState<number | null>(initialArea);
  const [visibility, setVisibility] = useState(DEFAULT_VISIBILITY);
  const [opacity, setOpacity] = useState(1);
  const [view, setView] = useState<UrlView | null>(initialView);
  const [dataVersion, setDataVersion] = useState(0);
  const coverage = useCoverage(dataVersion);
  const issues = coverage.response?.issues;
  const defects = useMemo(() => defectFeatures(issues ?? []), [issues]);
  // the issue clicked last, in the report it was clicked in (a new report renumbers the issues)
  const [focus, setFocus] = useState<{ index: number; bbox: Bbox | null; in: CoverageIssue[] } | null>(null);
  const focused = focus && focus.in === issues ? focus : null;

  const writeUrl = useCallback((v: UrlView | null, area: number | null) => {
    window.history.replaceState(null, "", `${window.location.pathname}${formatUrlState(v, area)}`);
  }, []);
  const onViewChange = useCallback(
    (v: UrlView) => {
      setView(v);
      writeUrl(v, selected);
    },
    [selected, writeUrl],
  );
  const onSelect = useCallback(
    (id: number | null) => {
      setSelected(id);
      writeUrl(view, id);
    },
    [view, writeUrl],
  );

  const onFocusIssue = (index: number) => {
    const response = coverage.response;
    if (!response) return;
    const target = issueTarget(response.issues[index], response.places);
    setFocus({ index, bbox: target?.bbox ?? null, in: response.issues });
    if (target?.smallAreaId) onSelect(target.smallAreaId);
  };

  return (
    <div className="page">
      <header className="topbar">
        <h1>{t("title")}</h1>
        <LanguageSwitcher locale={locale} />
      </header>
      <aside className="left-panel">
        <LayersPanel
          hasImagery={imagery !== null}
          visibility={visibility}
          opacity={opacity}
          onToggle={(group, on) => setVisibility((v) => ({ ...v, [group]: on }))}
          onOpacity={setOpacity}
        />
        <CoveragePanel run={coverage} focused={focused?.index ?? null} onFocus={onFocusIssue} />
        <OverviewPanel overview={overview} census={census} />
      </aside>
      <main className="map-area">
        <MapView
          key={locale}
          locale={locale}
          extent={extent}
          imagery={imagery}
          initialView={initialView}
          selected={selected}
          visibility={visibility}
          opacity={opacity}
          dataVersion={dataVersion}
          defects={defects}
          focus={focused}
          onSelect={onSelect}
          onViewChange={onViewChange}
          testHook={testHook}
        />
      </main>
      <SidePanel id={selected} onClose={() => onSelect(null)} onSaved={() => setDataVersion((n) => n + 1)} />
    </div>
  );
}
