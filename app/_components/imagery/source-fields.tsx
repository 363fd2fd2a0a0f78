"use client";

import { useTranslations } from "next-intl";
import { TYPED_KINDS, type ImageryInput } from "@/db/imagery/validate";
import styles from "./imagery.module.css";

/** The settings of a source as the forms hold them (text inputs; zooms as numbers). */
export type SourceDraft = ImageryInput;

/**
 * The fields of an imagery source's settings, shared by the add form and a row's edit: name, kind, location
 * (templates, one per line), attribution, zooms and the key's environment variable. `fixedKind`: an uploaded
 * file, whose kind and location do not change.
 */
export function SourceFields({ draft, onChange, prefix, fixedKind = false }: { draft: SourceDraft; onChange: (d: SourceDraft) => void; prefix: string; fixedKind?: boolean }) {
  const t = useTranslations("imagery");
  const set = (patch: Partial<SourceDraft>) => onChange({ ...draft, ...patch });
  return (
    <>
      <label>
        {t("fields.name")}
        <input value={draft.name} onChange={(e) => set({ name: e.target.value })} maxLength={100} required data-testid={`${prefix}-name`} />
      </label>
      <label>
        {t("fields.kind")}
        <select value={draft.kind} disabled={fixedKind} onChange={(e) => set({ kind: e.target.value as SourceDraft["kind"] })} data-testid={`${prefix}-kind`}>
          {(fixedKind ? [draft.kind] : TYPED_KINDS).map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {!fixedKind && (
        <label className={styles.wide}>
          {t("fields.location")}
          <textarea value={draft.location} onChange={(e) => set({ location: e.target.value })} spellCheck={false} rows={2} data-testid={`${prefix}-location`} />
          <small>{t("hints.location")}</small>
        </label>
      )}
      <label>
        {t("fields.attribution")}
        <input value={draft.attribution ?? ""} onChange={(e) => set({ attribution: e.target.value })} maxLength={300} data-testid={`${prefix}-attribution`} />
      </label>
      <label>
        {t("fields.minZoom")}
        <input type="number" min={0} max={24} value={draft.minZoom} onChange={(e) => set({ minZoom: Number(e.target.value) })} data-testid={`${prefix}-minzoom`} />
      </label>
      <label>
        {t("fields.maxZoom")}
        <input type="number" min={0} max={24} value={draft.maxZoom} onChange={(e) => set({ maxZoom: Number(e.target.value) })} data-testid={`${prefix}-maxzoom`} />
      </label>
      {!fixedKind && (
        <label>
          {t("fields.keyEnv")}
          <input value={draft.keyEnv ?? ""} onChange={(e) => set({ keyEnv: e.target.value })} spellCheck={false} placeholder="TIANDITU_KEY" data-testid={`${prefix}-keyenv`} />
          <small>{t("hints.keyEnv")}</small>
        </label>
      )}
    </>
  );
}
