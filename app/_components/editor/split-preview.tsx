"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { PreviewedArea } from "@/db/edit-preview";

/**
 * The sizes small areas would have against the band, before saving: a split waiting for the user's yes (with
 * its buttons), or the areas a vertex drag is changing (no buttons: letting go saves).
 */
export function SplitPreview({ areas, onApply, onCancel, title = "title" }: { areas: PreviewedArea[]; onApply?: () => void; onCancel?: () => void; title?: "title" | "dragTitle" }) {
  const t = useTranslations("edit.splitPreview");
  const tz = useTranslations("size");
  const format = useFormatter();
  return (
    <div className="split-preview" role="dialog" aria-labelledby="split-preview-title" data-testid="split-preview">
      <strong id="split-preview-title">{t(title)}</strong>
      <ul>
        {areas.map((a) => (
          <li key={a.id} data-testid="split-piece" data-households={a.households}>
            <span className="code">{a.code}</span> {t("piece", { households: format.number(a.households), persons: format.number(a.persons), buildings: format.number(a.buildings) })} ·{" "}
            {tz(a.sizeClass as "ok")}
          </li>
        ))}
      </ul>
      {onApply && onCancel && <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t("cancel")}
        </button>
        <button type="submit" data-testid="split-apply" onClick={onApply} autoFocus>
          {t("apply")}
        </button>
      </div>}
    </div>
  );
}
