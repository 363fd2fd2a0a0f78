"use client";

import { useEffect, useRef } from "react";
import type { FeatureCollection } from "geojson";
import type { Bbox } from "@/lib/geo/bbox";
import { createPreviewMap } from "@/lib/map/create-preview-map";
import styles from "./import.module.css";

/** Hosts the import preview's map (through `lib/map`): one map per uploaded file (the parent keys it by file). */
export function PreviewMap(props: { data: FeatureCollection; bbox: Bbox | null; label: string; testHook: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const map = createPreviewMap({ container: container.current, data: props.data, bbox: props.bbox, testHook: props.testHook });
    return () => map.destroy();
    // one map per file: the parent keys this component by its staging id
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <div ref={container} className={styles.map} role="region" aria-label={props.label} data-testid="import-preview-map" />;
}
