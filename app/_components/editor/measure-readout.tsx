"use client";

import type { LineString, Polygon } from "geojson";
import { useFormatter, useTranslations } from "next-intl";
import { measureLine, measurePolygon } from "@/lib/geo/measure";

/** The measure tool's result: length in m, or area in m², km² and 亩 with the perimeter. */
export function MeasureReadout({ geometry }: { geometry: LineString | Polygon }) {
  const t = useTranslations("edit.measureResult");
  const format = useFormatter();
  const n = (value: number, digits = 1) => format.number(value, { maximumFractionDigits: digits });
  if (geometry.type === "LineString") {
    const { lengthM } = measureLine(geometry);
    return (
      <div className="measure" data-testid="measure-readout">
        {t("length")}: <strong>{n(lengthM)} m</strong>
      </div>
    );
  }
  const m = measurePolygon(geometry);
  return (
    <div className="measure" data-testid="measure-readout">
      {t("area")}: <strong>{n(m.areaM2, 0)} m²</strong> · {n(m.areaKm2, 4)} km² · {n(m.areaMu, 2)} {t("mu")}
      <br />
      {t("perimeter")}: {n(m.perimeterM)} m
    </div>
  );
}
