"use client";

import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import type { FeatureCollection } from "geojson";
import type { CensusInfo, Overview, TownshipInfo } from "@/db/queries";
import type { MapTarget, TesseraMap } from "@/lib/map/create-map";
import type { DrawActivity } from "@/lib/map/draw-adapter";
import type { LayerGroup } from "@/lib/map/style";
import { defectFeatures, issueTarget } from "@/app/_lib/coverage";
import type { CoverageIssue } from "@/lib/coverage/types";
import type { Bbox } from "@/lib/geo/bbox";
import { CoveragePanel } from "./coverage-panel";
import { DistrictPanel } from "./district-panel";
import { EditorLayer } from "./editor/editor-layer";
import { attributesGesture, type Selection } from "./editor/gestures";
import { BuildingPanel } from "./editor/building-panel";
import { deleteGesture } from "./editor/gestures";
import { useEditor } from "./editor/use-editor";
import { useTools } from "./editor/use-tools";
import { ImportBuildings } from "./import-buildings";
import { ImagerySwitcher } from "./imagery/imagery-switcher";
import { useImageryChoice } from "./imagery/use-imagery";
import { ExportPanel } from "./export/export-panel";
import { LayersPanel } from "./layers-panel";
import { MapView, type ImageryInfo } from "./map-view";
import { OverviewPanel } from "./overview-panel";
import { DEFAULT_PRINT_CHOICE } from "./print/print-options";
import type { PrintTools } from "./print/print-section";
import { SidePanel } from "./side-panel";
import { formatUrlState, type UrlView } from "./url-state";
import { useCoverage } from "./use-coverage";

interface Props {
  locale: "zh" | "en";
  extent: [number, number, number, number] | null;
  /** the imagery sources, the default first (the map shows it until another is picked) */
  imagery: ImageryInfo[];
  overview: Overview;
  census: CensusInfo | null;
  townships: TownshipInfo[];
  initialView: UrlView | null;
  initialArea: number | null;
  testHook: boolean;
  /** the top bar (server-rendered: pages, who is signed in, sign-out, language) */
  nav: ReactNode;
  /** what the signed-in role may do at all (the server still checks every record) */
  abilities: { edit: boolean; editAttributes?: boolean; import: boolean; print: boolean; manageImagery?: boolean; export?: boolean };
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
export function MapPage({ locale, extent, imagery, overview, census, townships, initialView, initialArea, testHook, nav, abilities }: Props) {
  const [selection, setSelection] = useState<Selection>({ smallAreas: initialArea === null ? [] : [initialArea], district: null });
  // the side panel shows the small area selected last
  const selected = selection.smallAreas.length ? selection.smallAreas[selection.smallAreas.length - 1] : null;
  const [map, setMap] = useState<TesseraMap | null>(null);
  const drawListener = useRef<((activity: DrawActivity) => void) | null>(null);
  const registerDrawActivity = useCallback((listener: (activity: DrawActivity) => void) => {
    drawListener.current = listener;
  }, []);
  const onDrawActivity = useCallback((activity: DrawActivity) => drawListener.current?.(activity), []);
  const [visibility, setVisibility] = useState(DEFAULT_VISIBILITY);
  const [opacity, setOpacity] = useState(1);
  const imageryChoice = useImageryChoice(imagery);
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
      setSelection({ smallAreas: id === null ? [] : [id], district: null });
      writeUrl(view, id);
    },
    [view, writeUrl],
  );
  // a click selects one area; Shift+click adds small areas to the selection (for a merge) or removes them
  const onMapSelect = useCallback(
    (target: MapTarget | null, additive: boolean) => {
      if (target?.type === "small_area" && additive) {
        setSelection((s) => ({
          smallAreas: s.smallAreas.includes(target.id) ? s.smallAreas.filter((id) => id !== target.id) : [...s.smallAreas, target.id],
          district: null,
        }));
        writeUrl(view, target.id);
      } else if (target?.type === "building") {
        setSelection({ smallAreas: [], district: null, building: target.id });
      } else if (target?.type === "district") {
        setSelection({ smallAreas: [], district: target.id });
        writeUrl(view, null);
      } else {
        onSelect(target ? target.id : null);
      }
    },
    [onSelect, view, writeUrl],
  );
  // after an edit: reload the map's layers, and forget selected areas that no longer exist
  const onDataChanged = useCallback((deleted: ReadonlyArray<{ type: string; id: number }> = []) => {
    setDataVersion((n) => n + 1);
    if (!deleted.length) return;
    const gone = new Set(deleted.map((d) => `${d.type}/${d.id}`));
    setSelection((s) => ({
      smallAreas: s.smallAreas.filter((id) => !gone.has(`small_area/${id}`)),
      district: s.district !== null && gone.has(`district/${s.district}`) ? null : s.district,
      building: s.building != null && gone.has(`building/${s.building}`) ? null : s.building,
    }));
  }, []);
  const onPending = useCallback((features: FeatureCollection) => map?.showPending(features), [map]);
  const onWritten = useCallback((result: { deleted: Array<{ type: string; id: number }> }) => onDataChanged(result.deleted), [onDataChanged]);
  const editor = useEditor({ onPending, onWritten });
  const { run } = editor;
  // printing: the choices stay while the person moves between areas and districts
  const [printChoice, setPrintChoice] = useState(DEFAULT_PRINT_CHOICE);
  const onSelectDistrict = useCallback(
    (id: number) => {
      setSelection({ smallAreas: [], district: id });
      writeUrl(view, null);
    },
    [view, writeUrl],
  );
  const printTools: PrintTools | null = useMemo(
    () => (abilities.print ? { choice: printChoice, onChoice: setPrintChoice, onSelectDistrict } : null),
    [abilities.print, printChoice, onSelectDistrict],
  );
  const selectedDistrict = selected === null && selection.building == null ? selection.district : null;
  const districtEntity = selectedDistrict === null ? null : (editor.snapshot.districts.find((d) => d.id === selectedDistrict) ?? null);
  const onSelectBuilding = useCallback((id: number) => setSelection({ smallAreas: [], district: null, building: id }), []);
  const tools = useTools({ map, editor, selection, townships, onSelectBuilding });
  const saveAttributes = useCallback(
    (id: number, version: number, name: string, notes: string) => run(attributesGesture(id, version, name, notes), { quiet: true }),
    [run],
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
      {nav}
      <aside className="left-panel">
        <LayersPanel
          hasImagery={imageryChoice.current !== null}
          visibility={visibility}
          opacity={opacity}
          onToggle={(group, on) => setVisibility((v) => ({ ...v, [group]: on }))}
          onOpacity={setOpacity}
          imageryControls={<ImagerySwitcher choice={imageryChoice} canNudge={abilities.manageImagery ?? false} />}
        />
        <CoveragePanel run={coverage} focused={focused?.index ?? null} onFocus={onFocusIssue} />
        {abilities.import && <ImportBuildings onImported={() => onDataChanged()} />}
        {abilities.export && <ExportPanel townships={townships} />}
        <OverviewPanel overview={overview} census={census} />
      </aside>
      <main className="map-area">
        {abilities.edit && <EditorLayer
          map={map}
          editor={editor}
          tools={tools}
          selection={selection}
          onClearSelection={() => onSelect(null)}
          onDataChanged={onDataChanged}
          registerDrawActivity={registerDrawActivity}
        />}
        <MapView
          key={locale}
          locale={locale}
          extent={extent}
          imagery={imageryChoice.current}
          initialView={initialView}
          selection={selection}
          visibility={visibility}
          opacity={opacity}
          dataVersion={dataVersion}
          defects={defects}
          focus={focused}
          onSelect={onMapSelect}
          onViewChange={onViewChange}
          onDrawActivity={onDrawActivity}
          onMapReady={setMap}
          testHook={testHook}
        />
      </main>
      {selection.building != null ? (
        <BuildingPanel
          id={selection.building}
          editor={editor}
          onMove={() => tools.start("move_building")}
          onDelete={() => {
            const gesture = deleteGesture(selection);
            if (gesture) void run(gesture);
          }}
          onClose={() => onSelect(null)}
        />
      ) : selectedDistrict !== null ? (
        <DistrictPanel
          id={selectedDistrict}
          district={districtEntity}
          township={townships.find((t) => t.id === districtEntity?.townshipId) ?? null}
          smallAreas={editor.snapshot.smallAreas.filter((a) => a.districtId === selectedDistrict).length}
          print={printTools}
          onClose={() => onSelect(null)}
        />
      ) : (
        <SidePanel
          id={selected}
          dataVersion={dataVersion}
          saveAttributes={abilities.editAttributes ? saveAttributes : null}
          onClose={() => onSelect(null)}
          map={map}
          onWorkflowChanged={() => void editor.reload()}
          print={printTools}
        />
      )}
    </div>
  );
}
