"use client";

import type { FeatureCollection } from "geojson";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { Bbox } from "@/lib/geo/bbox";
import { createTesseraMap, type MapTarget, type TesseraMap } from "@/lib/map/create-map";
import type { DrawActivity } from "@/lib/map/draw-adapter";
import { LAYER_GROUPS, type LayerGroup } from "@/lib/map/style";
import type { UrlView } from "./url-state";

/** The imagery source the page hands the map. */
export interface ImageryInfo {
  id: number;
  name: string;
  minZoom: number;
  maxZoom: number;
  attribution: string | null;
  bounds: [number, number, number, number] | null;
  /** metres east and north the imagery is moved (the tile route applies it) */
  offsetX: number;
  offsetY: number;
  /** the source row's version, for the offset nudge's version check */
  version: number;
}

interface Props {
  locale: "zh" | "en";
  extent: [number, number, number, number] | null;
  imagery: ImageryInfo | null;
  initialView: UrlView | null;
  selection: { smallAreas: number[]; district: number | null; building?: number | null };
  visibility: Record<LayerGroup, boolean>;
  opacity: number;
  dataVersion: number;
  /** coverage defects to draw, and the one clicked in the coverage panel (with where to zoom) */
  defects: FeatureCollection;
  focus: { index: number; bbox: Bbox | null } | null;
  onSelect: (target: MapTarget | null, additive: boolean) => void;
  onViewChange: (view: UrlView) => void;
  onDrawActivity: (activity: DrawActivity) => void;
  /** hands the map to the page once (and null when it is gone), for the editor */
  onMapReady: (map: TesseraMap | null) => void;
  testHook: boolean;
}

/** Hosts the MapLibre map (through `lib/map`) and mirrors React state into it. */
export function MapView(props: Props) {
  const t = useTranslations("app");
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<TesseraMap | null>(null);
  const callbacks = useRef({ onSelect: props.onSelect, onViewChange: props.onViewChange, onDrawActivity: props.onDrawActivity });
  useEffect(() => {
    callbacks.current = { onSelect: props.onSelect, onViewChange: props.onViewChange, onDrawActivity: props.onDrawActivity };
  }, [props.onSelect, props.onViewChange, props.onDrawActivity]);

  useEffect(() => {
    if (!container.current) return;
    const instance = createTesseraMap({
      container: container.current,
      imagery: props.imagery,
      locale: props.locale,
      view: props.initialView,
      extent: props.extent,
      onSelect: (target, additive) => callbacks.current.onSelect(target, additive),
      onViewChange: (v) => callbacks.current.onViewChange(v),
      onDrawActivity: (activity) => callbacks.current.onDrawActivity(activity),
      testHook: props.testHook,
    });
    map.current = instance;
    props.onMapReady(instance);
    return () => {
      props.onMapReady(null);
      instance.destroy();
      map.current = null;
    };
    // the map is created once per page; later prop changes are mirrored by the effects below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => map.current?.setSelection(props.selection.smallAreas, props.selection.district, props.selection.building), [props.selection]);
  useEffect(() => {
    for (const group of Object.keys(LAYER_GROUPS) as LayerGroup[]) map.current?.setGroupVisible(group, props.visibility[group]);
  }, [props.visibility]);
  useEffect(() => map.current?.setImageryOpacity(props.opacity), [props.opacity]);
  // another source, or the same moved: the map was created with the first one, so only later changes are sent
  const shownImagery = useRef(props.imagery);
  useEffect(() => {
    if (shownImagery.current === props.imagery) return;
    shownImagery.current = props.imagery;
    map.current?.setImagery(props.imagery);
  }, [props.imagery]);
  useEffect(() => {
    if (props.dataVersion > 0) {
      map.current?.reloadLayer("districts");
      map.current?.reloadLayer("small-areas");
      map.current?.reloadLayer("area-labels");
      map.current?.reloadLayer("buildings");
    }
  }, [props.dataVersion]);

  useEffect(() => map.current?.setDefects(props.defects), [props.defects]);
  // every click on an issue is a new focus object, so clicking the same issue again zooms there again
  useEffect(() => {
    map.current?.highlightDefect(props.focus?.index ?? null);
    if (props.focus?.bbox) map.current?.fitTo(props.focus.bbox);
  }, [props.focus]);

  return (
    <div ref={container} className="map" data-testid="map" aria-label={t("loading")}>
    </div>
  );
}
