"use client";

import { useEffect, useState } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { SmallAreaDetail } from "@/db/queries";
import type { TesseraMap } from "@/lib/map/create-map";
import { SIZE_COLORS } from "@/lib/map/style";
import { AttributesForm, type SaveAttributes } from "./attributes-form";
import { WorkflowPanel } from "./workflow-panel";
import { SmallAreaPrint, type PrintTools } from "./print/print-section";

interface Props {
  id: number | null;
  /** bumps after every accepted edit: totals and geometry may have changed */
  dataVersion: number;
  /** null when the person's role may not change names and notes: they are then shown, not offered for editing */
  saveAttributes: SaveAttributes | null;
  onClose: () => void;
  /** the map: the workflow section pins return comments on it and re-colours the area after a step */
  map?: TesseraMap | null;
  /** after a workflow step the server accepted (the area's version moved on: the editor should re-read it) */
  onWorkflowChanged?: () => void;
  /** the print tools, when the person's role may print */
  print?: PrintTools | null;
}

type Loaded = { id: number; reload: number } & ({ state: "loaded"; detail: SmallAreaDetail } | { state: "missing" } | { state: "error" });
type Load = { state: "idle" } | { state: "loading" } | Loaded;

/** The small-area panel: full code, district, households and persons against the band, buildings, status. */
export function SidePanel({ id, dataVersion, saveAttributes, onClose, map = null, onWorkflowChanged, print = null }: Props) {
  const t = useTranslations("panel");
  const ts = useTranslations("status");
  const tz = useTranslations("size");
  const te = useTranslations("errors");
  const format = useFormatter();
  const locale = useLocale();
  const [notice, setNotice] = useState<{ id: number; text: string } | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (id === null) return;
    let cancelled = false;
    fetch(`/api/small-areas/${id}`)
      .then(async (res) => {
        if (cancelled) return;
        if (res.status === 404) setLoaded({ id, reload, state: "missing" });
        else if (!res.ok) setLoaded({ id, reload, state: "error" });
        else setLoaded({ id, reload, state: "loaded", detail: (await res.json()) as SmallAreaDetail });
      })
      .catch(() => !cancelled && setLoaded({ id, reload, state: "error" }));
    return () => {
      cancelled = true;
    };
  }, [id, reload, dataVersion]);

  // while a newer read is on its way the last loaded copy of the same area stays on screen
  const load: Load = id === null ? { state: "idle" } : loaded && loaded.id === id ? loaded : { state: "loading" };

  if (load.state === "idle") {
    return (
      <aside className="side-panel" data-testid="side-panel">
        <h2>{t("title")}</h2>
        <p className="hint">{t("empty")}</p>
      </aside>
    );
  }
  if (load.state !== "loaded") {
    return (
      <aside className="side-panel" data-testid="side-panel" aria-busy={load.state === "loading"}>
        <h2>{t("title")}</h2>
        {load.state === "missing" && <p className="error">{t("notFound")}</p>}
        {load.state === "error" && <p className="error">{te("network")}</p>}
      </aside>
    );
  }
  const d = load.detail;
  const districtName = locale === "zh" ? d.district.nameZh : d.district.nameEn;
  return (
    <aside className="side-panel" data-testid="side-panel" data-small-area-id={d.id}>
      <div className="side-panel-head">
        <h2>
          {t("title")} <span data-testid="area-code">{d.code}</span>
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label={t("close")}>
          ×
        </button>
      </div>
      <dl className="facts">
        <div>
          <dt>{t("fullCode")}</dt>
          <dd data-testid="full-code" className="code">{d.fullCode}</dd>
        </div>
        <div>
          <dt>{t("district")}</dt>
          <dd>
            {districtName} <span className="code">{d.district.code}</span>
          </dd>
        </div>
        <div>
          <dt>{t("households")}</dt>
          <dd>
            <span data-testid="households">{format.number(d.households)}</span>{" "}
            <small>{t("band", { target: d.band.targetHouseholds, min: d.band.minHouseholds, max: d.band.maxHouseholds })}</small>
          </dd>
        </div>
        <div>
          <dt>{t("persons")}</dt>
          <dd>
            <span data-testid="persons">{format.number(d.persons)}</span>{" "}
            <small>{t("band", { target: d.band.targetPersons, min: d.band.minPersons, max: d.band.maxPersons })}</small>
          </dd>
        </div>
        <div>
          <dt>{t("buildings")}</dt>
          <dd data-testid="buildings">{format.number(d.buildings)}</dd>
        </div>
        <div>
          <dt>{t("housingUnits")}</dt>
          <dd>{format.number(d.housingUnits)}</dd>
        </div>
        <div>
          <dt>{t("status")}</dt>
          <dd data-testid="status">{ts(d.status as "draft")}</dd>
        </div>
      </dl>
      <SizeBar households={d.households} max={d.band.maxHouseholds} min={d.band.minHouseholds} label={tz(d.sizeClass)} color={SIZE_COLORS[d.sizeClass]} />
      <WorkflowPanel
        smallAreaId={d.id}
        version={d.version}
        map={map}
        onChanged={() => {
          setReload((n) => n + 1);
          onWorkflowChanged?.();
        }}
      />
      {print && <SmallAreaPrint smallAreaId={d.id} districtId={d.district.id} tools={print} />}
      {saveAttributes ? (
        <AttributesForm
          key={`${d.id}-${d.version}`}
          detail={d}
          save={saveAttributes}
          onResult={(message, changed) => {
            if (id !== null) setNotice({ id, text: message });
            if (changed) setReload((n) => n + 1);
          }}
        />
      ) : (
        (d.name || d.notes) && (
          <dl className="facts" data-testid="attributes-read-only">
            {d.name && (
              <div>
                <dt>{t("name")}</dt>
                <dd>{d.name}</dd>
              </div>
            )}
            {d.notes && (
              <div>
                <dt>{t("notes")}</dt>
                <dd style={{ whiteSpace: "pre-wrap" }}>{d.notes}</dd>
              </div>
            )}
          </dl>
        )
      )}
      {notice && notice.id === id && (
        <p role="status" className="message" data-testid="notice">
          {notice.text}
        </p>
      )}
    </aside>
  );
}

function SizeBar({ households, min, max, label, color }: { households: number; min: number; max: number; label: string; color: string }) {
  const scale = max * 1.5;
  const pct = (v: number) => `${Math.min(100, (v / scale) * 100)}%`;
  return (
    <div className="size-bar" data-testid="size-class" data-size={label}>
      <div className="band" style={{ left: pct(min), width: `calc(${pct(max)} - ${pct(min)})` }} />
      <div className="value" style={{ width: pct(households), background: color }} />
      <span className="size-label">{label}</span>
    </div>
  );
}
