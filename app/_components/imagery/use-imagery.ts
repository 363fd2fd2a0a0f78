"use client";

import { useCallback, useState } from "react";
import { saveImageryOffset } from "@/app/_actions/imagery";
import type { ImageryInfo } from "@/app/_components/map-view";
import type { ImageryRefusal } from "./rule-text";

/** What the layers panel's imagery switcher and offset nudge need from the map page. */
export interface ImageryChoice {
  sources: ImageryInfo[];
  current: ImageryInfo | null;
  pick(id: number): void;
  /** moves the current source's imagery by (east, north) metres, stored on the server; null resets it */
  nudge(by: [number, number] | null): void;
  saving: boolean;
  /** the last refused nudge (`imagery.rules.<reason>` on field `place`), or null */
  refused: ImageryRefusal | null;
}

/**
 * Used by the map page: which imagery source is shown (the default first) and its offset. A nudge goes to
 * the server (`saveImageryOffset`, with the version last seen) and the answer, with its new version, replaces
 * the source here, which gives the map a new tile URL.
 */
export function useImageryChoice(initial: ImageryInfo[]): ImageryChoice {
  const [sources, setSources] = useState(initial);
  const [currentId, setCurrentId] = useState<number | null>(initial[0]?.id ?? null);
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<ImageryRefusal | null>(null);
  const current = sources.find((s) => s.id === currentId) ?? null;

  const nudge = useCallback(
    (by: [number, number] | null) => {
      if (!current || saving) return;
      const round = (v: number) => Math.round(v * 100) / 100;
      const offsetX = by ? round(current.offsetX + by[0]) : 0;
      const offsetY = by ? round(current.offsetY + by[1]) : 0;
      setSaving(true);
      void saveImageryOffset({ id: current.id, version: current.version, offsetX, offsetY })
        .then((result) => {
          if (result.ok && result.source) {
            const s = result.source;
            setSources((list) => list.map((x) => (x.id === s.id ? { ...x, offsetX: s.offsetX, offsetY: s.offsetY, version: s.version } : x)));
            setRefused(null);
          } else if (!result.ok) {
            setRefused({ reason: result.reason, place: result.place, params: "params" in result ? result.params : {} });
          }
        })
        .catch(() => setRefused({ reason: "network", place: "" }))
        .finally(() => setSaving(false));
    },
    [current, saving],
  );

  return { sources, current, pick: setCurrentId, nudge, saving, refused };
}
