"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { NewDistrict } from "./gestures";

/** Asks for the code, names and kind of a district just drawn; the code is prefilled with the next one of its kind. */
export function DistrictDialog({
  defaults,
  codeFor,
  onCreate,
  onCancel,
}: {
  defaults: NewDistrict;
  codeFor: (kind: NewDistrict["kind"]) => string;
  onCreate: (d: NewDistrict) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("edit.district");
  const [values, setValues] = useState(defaults);
  const set = (patch: Partial<NewDistrict>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog attributes"
        role="dialog"
        aria-modal="true"
        aria-labelledby="district-title"
        data-testid="district-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onCreate({ ...values, nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim() || values.nameZh.trim() });
        }}
      >
        <h2 id="district-title">{t("title")}</h2>
        <label>
          {t("code")}
          <input name="code" required pattern="\d{12}" value={values.code} onChange={(e) => set({ code: e.target.value.trim() })} />
        </label>
        <label>
          {t("nameZh")}
          <input name="nameZh" required maxLength={50} value={values.nameZh} onChange={(e) => set({ nameZh: e.target.value })} autoFocus />
        </label>
        <label>
          {t("nameEn")}
          <input name="nameEn" maxLength={80} value={values.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />
        </label>
        <label>
          {t("kind")}
          <select
            name="kind"
            value={values.kind}
            onChange={(e) => {
              const kind = e.target.value as NewDistrict["kind"];
              // a code the user has not typed follows the kind (communities 001–199, villages 200–399)
              set(values.code === codeFor(values.kind) ? { kind, code: codeFor(kind) } : { kind });
            }}
          >
            <option value="village">{t("village")}</option>
            <option value="community">{t("community")}</option>
          </select>
        </label>
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t("cancel")}
          </button>
          <button type="submit" data-testid="district-create">
            {t("create")}
          </button>
        </div>
      </form>
    </div>
  );
}
