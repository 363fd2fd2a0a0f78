"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { TownshipInfo } from "@/db/queries";

const LAYERS = ["districts", "small-areas", "buildings", "reference", "housing-units"] as const;
const FORMATS = ["shapefile", "geopackage", "geojson", "kml", "csv", "flatgeobuf"] as const;

type Status = { state: "idle" } | { state: "working" } | { state: "done"; fileName: string } | { state: "error"; message: string };

/** The file name a download was given (RFC 5987 `filename*` first). */
function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "");
  if (star) return decodeURIComponent(star[1]);
  return /filename="([^"]+)"/i.exec(disposition ?? "")?.[1] ?? fallback;
}

/**
 * The export panel of the map page (issue #8): a layer, a format and an area (the whole county, a township, or
 * one district by code), then a download through GET /api/export; a refusal or a bad code shows the server's
 * message. Shown to roles that may export at all; the server checks the area.
 */
export function ExportPanel({ townships }: { townships: TownshipInfo[] }) {
  const t = useTranslations("export");
  const locale = useLocale();
  const [layer, setLayer] = useState<(typeof LAYERS)[number]>("small-areas");
  const [format, setFormat] = useState<(typeof FORMATS)[number]>("shapefile");
  const [scope, setScope] = useState<string>(townships.length === 1 ? `township:${townships[0].code}` : "all");
  const [district, setDistrict] = useState("");
  const [status, setStatus] = useState<Status>({ state: "idle" });

  const download = async () => {
    const query = new URLSearchParams({ layer, format });
    if (scope.startsWith("township:")) query.set("township", scope.slice("township:".length));
    if (scope === "district") query.set("district", district.trim());
    setStatus({ state: "working" });
    try {
      const res = await fetch(`/api/export?${query}`, { headers: { "accept-language": locale } });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setStatus({ state: "error", message: body?.error?.message ?? `${res.status} ${res.statusText}` });
        return;
      }
      const fileName = fileNameOf(res.headers.get("content-disposition"), `${layer}.${format}`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus({ state: "done", fileName });
    } catch (error) {
      setStatus({ state: "error", message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="panel export-panel" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title">{t("title")}</h2>
      <label>
        {t("layer")}
        <select value={layer} onChange={(e) => setLayer(e.target.value as typeof layer)} data-testid="export-layer">
          {LAYERS.map((l) => <option key={l} value={l}>{t(`layers.${l}`)}</option>)}
        </select>
      </label>
      <label>
        {t("format")}
        <select value={format} onChange={(e) => setFormat(e.target.value as typeof format)} data-testid="export-format">
          {FORMATS.map((f) => <option key={f} value={f}>{t(`formats.${f}`)}</option>)}
        </select>
      </label>
      <label>
        {t("scope")}
        <select value={scope} onChange={(e) => setScope(e.target.value)} data-testid="export-scope">
          <option value="all">{t("all")}</option>
          {townships.map((tw) => (
            <option key={tw.id} value={`township:${tw.code}`}>{`${locale === "en" ? tw.nameEn : tw.nameZh} ${tw.code}`}</option>
          ))}
          <option value="district">{t("district")}</option>
        </select>
      </label>
      {scope === "district" && (
        <label>
          {t("districtCode")}
          <input value={district} onChange={(e) => setDistrict(e.target.value)} inputMode="numeric" pattern="\d{12}" maxLength={12} data-testid="export-district" />
        </label>
      )}
      <button type="button" onClick={download} disabled={status.state === "working" || (scope === "district" && !/^\d{12}$/.test(district.trim()))} data-testid="export-download">
        {status.state === "working" ? t("working") : t("download")}
      </button>
      <p className="hint">{t("unitsNote")}</p>
      {status.state === "done" && <p role="status" className="message" data-testid="export-done">{t("done", { fileName: status.fileName })}</p>}
      {status.state === "error" && <p role="alert" className="error" data-testid="export-error">{status.message}</p>}
    </section>
  );
}
