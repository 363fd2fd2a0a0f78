"use client";

import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { IMPORT_LAYERS, type ImportLayer } from "@/lib/io/import-mapping";
import styles from "./import.module.css";
import type { ErrorBody, PreviewResponse } from "./types";

type Phase = { kind: "idle" } | { kind: "uploading"; percent: number | null } | { kind: "reading" } | { kind: "failed"; message: string };

const ACCEPT = ".zip,.shp,.geojson,.json,.gpkg,.kml,.kmz,.csv,.txt,.fgb";

/**
 * Step 1 of the import: the layer, the file and how to read it (encoding, GCJ-02, CRS override), uploaded to
 * POST /api/import/preview with the upload's progress (XMLHttpRequest); the server's reading comes back as
 * the preview, or its refusal (rule and place) in the page's language.
 */
export function FileStep(props: { locale: string; layer: ImportLayer; onLayer: (layer: ImportLayer) => void; onPreview: (preview: PreviewResponse) => void }) {
  const t = useTranslations("layerImport");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [encoding, setEncoding] = useState("auto");
  const [gcj02, setGcj02] = useState(false);
  const [crs, setCrs] = useState("");
  const file = useRef<HTMLInputElement>(null);
  const busy = phase.kind === "uploading" || phase.kind === "reading";

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (busy) return;
    if (!chosen) return setPhase({ kind: "failed", message: t("error.file") });
    const form = new FormData();
    form.set("file", chosen);
    form.set("encoding", encoding);
    form.set("gcj02", String(gcj02));
    form.set("locale", props.locale);
    if (crs.trim()) form.set("crs", crs.trim());
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/import/preview");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => setPhase({ kind: "uploading", percent: e.lengthComputable ? Math.round((100 * e.loaded) / e.total) : null });
    xhr.upload.onload = () => setPhase({ kind: "reading" });
    xhr.onload = () => {
      const body = xhr.response as (PreviewResponse & ErrorBody) | null;
      if (xhr.status === 200 && body?.stagingId) {
        setPhase({ kind: "idle" });
        props.onPreview(body);
      } else {
        setPhase({ kind: "failed", message: body?.error?.message ?? `HTTP ${xhr.status}` });
      }
    };
    xhr.onerror = () => setPhase({ kind: "failed", message: t("error.network") });
    setPhase({ kind: "uploading", percent: 0 });
    xhr.send(form);
  }

  return (
    <form className={styles.form} onSubmit={submit} data-testid="import-file-step" data-state={phase.kind}>
      <label>
        {t("layer.label")}
        <select value={props.layer} onChange={(e) => props.onLayer(e.target.value as ImportLayer)} disabled={busy} data-testid="import-layer">
          {IMPORT_LAYERS.map((l) => (
            <option key={l} value={l}>{t(`layer.${l}`)}</option>
          ))}
        </select>
      </label>
      <label>
        {t("file")}
        <input ref={file} type="file" accept={ACCEPT} disabled={busy} data-testid="import-layer-file" />
      </label>
      <label>
        {t("encoding")}
        <select value={encoding} onChange={(e) => setEncoding(e.target.value)} disabled={busy} data-testid="import-layer-encoding">
          <option value="auto">{t("encodingAuto")}</option>
          <option value="utf-8">{t("encodingUtf8")}</option>
          <option value="gbk">{t("encodingGbk")}</option>
        </select>
      </label>
      <label className={styles.check}>
        <input type="checkbox" checked={gcj02} onChange={(e) => setGcj02(e.target.checked)} disabled={busy} data-testid="import-gcj02" /> {t("gcj02")}
      </label>
      <label>
        {t("crs")}
        <input type="text" value={crs} onChange={(e) => setCrs(e.target.value)} placeholder={t("crsPlaceholder")} disabled={busy} data-testid="import-crs" />
      </label>
      <div className={styles.actions}>
        <button type="submit" disabled={busy} data-testid="import-upload">{t("upload")}</button>
      </div>
      {busy && (
        <p role="status">
          {phase.kind === "uploading" && phase.percent !== null ? <progress max={100} value={phase.percent} data-testid="import-progress" /> : <progress data-testid="import-progress" />}{" "}
          {phase.kind === "uploading" ? t("uploading", { percent: phase.percent ?? 0 }) : t("reading")}
        </p>
      )}
      {phase.kind === "failed" && <p className={styles.error} role="alert" data-testid="import-file-error">{phase.message}</p>}
    </form>
  );
}
