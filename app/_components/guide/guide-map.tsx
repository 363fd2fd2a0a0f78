"use client";

import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { createGuideMap, type GuideMap as GuideMapHandle, type GuideMapData } from "@/lib/map/create-guide-map";
import type { MapImagery } from "@/lib/map/style";
import styles from "./guide.module.css";

interface Props {
  locale: "zh" | "en";
  imagery: MapImagery | null;
  areaId: number;
  fullCode: string;
  data: GuideMapData;
  /** a smaller map, while the return form is open */
  compact: boolean;
  /** the comment pin to show (null: none) */
  pin: [number, number] | null;
  onTap: (at: [number, number]) => void;
  onPosition: (at: [number, number]) => void;
  testHook: boolean;
}

/** Hosts the guide's map of one small area (through `lib/map`); created once per area, the pin mirrored into it. */
export function GuideMap(props: Props) {
  const t = useTranslations("guide");
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<GuideMapHandle | null>(null);
  const callbacks = useRef({ onTap: props.onTap, onPosition: props.onPosition });
  useEffect(() => {
    callbacks.current = { onTap: props.onTap, onPosition: props.onPosition };
  }, [props.onTap, props.onPosition]);

  useEffect(() => {
    if (!container.current) return;
    const instance = createGuideMap({
      container: container.current,
      imagery: props.imagery,
      locale: props.locale,
      areaId: props.areaId,
      data: props.data,
      uiStrings: { "GeolocateControl.FindMyLocation": t("geolocate.find"), "GeolocateControl.LocationNotAvailable": t("geolocate.unavailable") },
      onTap: (at) => callbacks.current.onTap(at),
      onPosition: (at) => callbacks.current.onPosition(at),
      testHook: props.testHook,
    });
    map.current = instance;
    return () => {
      instance.destroy();
      map.current = null;
    };
    // one map per area (the parent keys this component by area); the pin is mirrored below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => map.current?.setPin(props.pin), [props.pin]);
  const { state, returnPin } = props.data;
  useEffect(() => map.current?.update({ state, returnPin }), [state, returnPin]);

  return (
    <div className={props.compact ? `${styles.mapWrap} ${styles.compact}` : styles.mapWrap}>
      <div ref={container} className={styles.map} data-testid="guide-map" role="region" aria-label={t("mapLabel", { code: props.fullCode })} />
      <button type="button" className={styles.showArea} onClick={() => map.current?.showArea()} data-testid="guide-show-area">
        {t("showArea")}
      </button>
    </div>
  );
}
