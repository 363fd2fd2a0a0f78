"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { HOUSING_UNIT_STATUSES } from "@/lib/domain/types";
import type { HousingUnitEntity, SmallAreaEntity } from "@/lib/edits/types";
import { deleteUnitGesture, editUnitGesture, type UnitFields } from "./building-gestures";
import type { Editor } from "./use-editor";

/** The statuses a unit can have, in the order the forms list them. */
export const UNIT_STATUSES = HOUSING_UNIT_STATUSES;

/**
 * One housing unit in the building panel: status, households, persons and where it is counted (its building's
 * small area, or another small area of the district — a large building split by floor or entrance, or
 * collective quarters in a virtual small area). Saves and deletes are edits.
 */
export function UnitRow({ unit, areas, run }: { unit: HousingUnitEntity; areas: readonly SmallAreaEntity[]; run: Editor["run"] }) {
  const t = useTranslations("building");
  const [fields, setFields] = useState<UnitFields>({
    unitNumber: unit.unitNumber,
    floor: unit.floor,
    entrance: unit.entrance,
    status: unit.status,
    households: unit.households,
    persons: unit.persons,
    smallAreaId: unit.smallAreaId,
  });
  const set = (patch: Partial<UnitFields>) => setFields((f) => ({ ...f, ...patch }));
  const int = (v: string) => Math.max(0, Math.floor(Number(v) || 0));
  const changed = JSON.stringify(fields) !== JSON.stringify({ unitNumber: unit.unitNumber, floor: unit.floor, entrance: unit.entrance, status: unit.status, households: unit.households, persons: unit.persons, smallAreaId: unit.smallAreaId });
  return (
    <tr data-testid="unit-row" data-unit-id={unit.id}>
      <td>{unit.unitNumber}</td>
      <td>
        <select aria-label={t("status")} value={fields.status} onChange={(e) => set({ status: e.target.value as UnitFields["status"] })}>
          {UNIT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`unitStatus.${s}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input aria-label={t("households")} type="number" min={0} value={fields.households} onChange={(e) => set({ households: int(e.target.value) })} />
      </td>
      <td>
        <input aria-label={t("persons")} type="number" min={0} value={fields.persons} onChange={(e) => set({ persons: int(e.target.value) })} />
      </td>
      <td>
        <select
          aria-label={t("assignedTo")}
          value={fields.smallAreaId ?? ""}
          onChange={(e) => set({ smallAreaId: e.target.value === "" ? null : Number(e.target.value) })}
        >
          <option value="">{t("here")}</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.code}
            </option>
          ))}
        </select>
      </td>
      <td className="unit-actions">
        <button type="button" aria-label={t("saveUnit")} title={t("saveUnit")} disabled={!changed} onClick={() => void run(editUnitGesture(unit.id, fields))}>
          ✓
        </button>
        <button type="button" aria-label={t("deleteUnit")} title={t("deleteUnit")} className="danger" onClick={() => void run(deleteUnitGesture(unit.id))}>
          ×
        </button>
      </td>
    </tr>
  );
}
