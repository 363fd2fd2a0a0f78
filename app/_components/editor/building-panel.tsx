"use client";

import { useEffect, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { BUILDING_USES, type BuildingUse } from "@/lib/domain/types";
import type { BuildingEntity } from "@/lib/edits/types";
import { editBuildingGesture, fillUnitsGesture, type BuildingFields } from "./building-gestures";
import { UnitRow, UNIT_STATUSES } from "./unit-row";
import type { Editor } from "./use-editor";

interface Props {
  id: number;
  editor: Editor;
  onMove: () => void;
  onDelete: () => void;
  onClose: () => void;
}

function fieldsOf(b: BuildingEntity): BuildingFields {
  return { use: b.use, name: b.name, nameEn: b.nameEn, floors: b.floors, notes: b.notes };
}

/**
 * The building panel (建筑物标绘 and 摸底): use, landmark name, floors, notes; its housing units with quick
 * entry ("12 units, all occupied, 1 household each") and per-unit edits. Every save is an edit through the
 * editor's one write path, so it can be undone.
 */
export function BuildingPanel({ id, editor, onMove, onDelete, onClose }: Props) {
  const t = useTranslations("building");
  const format = useFormatter();
  const { loadBuilding, snapshot, run } = editor;
  const [state, setState] = useState<"loading" | "loaded" | "missing">("loading");
  useEffect(() => {
    let cancelled = false;
    loadBuilding(id).then((found) => !cancelled && setState(found ? "loaded" : "missing"));
    return () => {
      cancelled = true;
    };
  }, [id, loadBuilding]);

  const building = snapshot.buildings?.find((b) => b.id === id) ?? null;
  const units = (snapshot.housingUnits ?? []).filter((u) => u.buildingId === id);
  const area = building?.smallAreaId != null ? snapshot.smallAreas.find((s) => s.id === building.smallAreaId) : null;
  const districtAreas = snapshot.smallAreas.filter((s) => s.districtId === building?.districtId);

  if (!building) {
    return (
      <aside className="side-panel" data-testid="building-panel" aria-busy={state === "loading"}>
        <h2>{t("title")}</h2>
        <p className={state === "missing" ? "error" : "hint"}>{state === "missing" ? t("missing") : t("loading")}</p>
      </aside>
    );
  }
  const totals = units.reduce((sum, u) => ({ households: sum.households + u.households, persons: sum.persons + u.persons }), { households: 0, persons: 0 });
  return (
    <aside className="side-panel" data-testid="building-panel" data-building-id={building.id}>
      <div className="side-panel-head">
        <h2>
          {t("title")} <span>{building.number ?? `#${building.id}`}</span>
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label="×">
          ×
        </button>
      </div>
      <dl className="facts">
        <div>
          <dt>{t("smallArea")}</dt>
          <dd data-testid="building-small-area">{area ? area.code : t("none")}</dd>
        </div>
        <div>
          <dt>{t("units")}</dt>
          <dd data-testid="building-totals">
            {t("totals", { units: format.number(units.length), households: format.number(totals.households), persons: format.number(totals.persons) })}
          </dd>
        </div>
      </dl>
      <BuildingForm key={`${building.id}-${building.version}`} building={building} onSave={(fields) => void run(editBuildingGesture(building.id, fields))} />
      <div className="row-actions">
        <button type="button" className="secondary" onClick={onMove}>
          {t("move")}
        </button>
        <button type="button" className="secondary danger" onClick={onDelete}>
          {t("delete")}
        </button>
      </div>
      <h3>{t("units")}</h3>
      <QuickEntry onAdd={(quick) => void run(fillUnitsGesture(building.id, quick))} />
      {units.length === 0 ? (
        <p className="hint">{t("empty")}</p>
      ) : (
        <table className="units" data-testid="units">
          <thead>
            <tr>
              <th>{t("unit")}</th>
              <th>{t("status")}</th>
              <th>{t("households")}</th>
              <th>{t("persons")}</th>
              <th>{t("assignedTo")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <UnitRow key={`${u.id}-${u.version}`} unit={u} areas={districtAreas} run={run} />
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}

function BuildingForm({ building, onSave }: { building: BuildingEntity; onSave: (fields: BuildingFields) => void }) {
  const t = useTranslations("building");
  const [fields, setFields] = useState(fieldsOf(building));
  const set = (patch: Partial<BuildingFields>) => setFields((f) => ({ ...f, ...patch }));
  const restricted = fields.use === "restricted";
  return (
    <form
      className="attributes"
      data-testid="building-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ ...fields, name: restricted ? null : fields.name?.trim() || null, nameEn: restricted ? null : fields.nameEn?.trim() || null, notes: fields.notes?.trim() || null });
      }}
    >
      <label>
        {t("use")}
        <select name="use" value={fields.use} onChange={(e) => set({ use: e.target.value as BuildingUse })}>
          {BUILDING_USES.map((use) => (
            <option key={use} value={use}>
              {t(`uses.${use}`)}
            </option>
          ))}
        </select>
      </label>
      {restricted ? (
        <p className="hint">{t("restrictedName")}</p>
      ) : (
        <label>
          {t("name")}
          <input name="name" maxLength={100} value={fields.name ?? ""} onChange={(e) => set({ name: e.target.value })} />
        </label>
      )}
      <label>
        {t("floors")}
        <input name="floors" type="number" min={1} max={200} value={fields.floors} onChange={(e) => set({ floors: Math.max(1, Number(e.target.value) || 1) })} />
      </label>
      <label>
        {t("notes")}
        <textarea name="notes" rows={2} maxLength={2000} value={fields.notes ?? ""} onChange={(e) => set({ notes: e.target.value })} />
      </label>
      <button type="submit">{t("save")}</button>
    </form>
  );
}

function QuickEntry({ onAdd }: { onAdd: (quick: { count: number; status: (typeof UNIT_STATUSES)[number]; households: number; persons: number }) => void }) {
  const t = useTranslations("building");
  const [count, setCount] = useState(1);
  const [status, setStatus] = useState<(typeof UNIT_STATUSES)[number]>("occupied");
  const [households, setHouseholds] = useState(1);
  const [persons, setPersons] = useState(3);
  const int = (v: string) => Math.max(0, Math.floor(Number(v) || 0));
  return (
    <form
      className="quick-entry"
      data-testid="quick-entry"
      onSubmit={(e) => {
        e.preventDefault();
        onAdd({ count, status, households: status === "vacant" ? 0 : households, persons: status === "vacant" ? 0 : persons });
      }}
    >
      <label>
        {t("quickCount")}
        <input name="count" type="number" min={1} max={2000} value={count} onChange={(e) => setCount(Math.max(1, int(e.target.value)))} />
      </label>
      <label>
        {t("quickStatus")}
        <select name="status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          {UNIT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`unitStatus.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("quickHouseholds")}
        <input name="households" type="number" min={0} value={households} onChange={(e) => setHouseholds(int(e.target.value))} />
      </label>
      <label>
        {t("quickPersons")}
        <input name="persons" type="number" min={0} value={persons} onChange={(e) => setPersons(int(e.target.value))} />
      </label>
      <button type="submit" data-testid="quick-add">
        {t("add")}
      </button>
    </form>
  );
}
