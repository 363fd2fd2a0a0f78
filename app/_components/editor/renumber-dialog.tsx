"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { applyDistrictRenumber, previewDistrictRenumber, type RenumberResult } from "@/app/_actions/renumber";

type Preview = Extract<RenumberResult, { ok: true }>["preview"];

/**
 * Renumber a district by the numbering rule (north-west corner first, clockwise): shows old → new small-area
 * codes and how many building numbers change, and applies exactly that preview (a 409 shows the new one).
 */
export function RenumberDialog({ districtCode, onDone, onCancel }: { districtCode: string; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations("renumber");
  const tr = useTranslations("edit.refusal");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let cancelled = false;
    previewDistrictRenumber(districtCode).then((result) => {
      if (cancelled) return;
      if (result.ok) setPreview(result.preview);
      else setError(tr(result.reason as "invalid", { place: result.place }));
    });
    return () => {
      cancelled = true;
    };
  }, [districtCode, tr]);

  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    const result = await applyDistrictRenumber(districtCode, preview);
    setBusy(false);
    if (result.ok) return onDone();
    setError(tr(result.reason as "invalid", { place: result.place }));
    if (result.current) setPreview(result.current);
  };

  const nothing = preview && preview.smallAreas.length === 0 && preview.buildings.length === 0;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="renumber-title" data-testid="renumber-dialog">
        <h2 id="renumber-title">{t("title", { code: districtCode })}</h2>
        <p className="hint">{t("rule")}</p>
        {!preview && !error && <p className="hint">{t("loading")}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {nothing && <p data-testid="renumber-nothing">{t("nothing")}</p>}
        {preview && preview.smallAreas.length > 0 && (
          <table className="units" data-testid="renumber-areas">
            <thead>
              <tr>
                <th>{t("old")}</th>
                <th>{t("new")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.smallAreas.map((a) => (
                <tr key={a.id}>
                  <td className="code">{a.oldCode}</td>
                  <td className="code">{a.newCode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {preview && preview.buildings.length > 0 && <p data-testid="renumber-buildings">{t("buildings", { count: preview.buildings.length })}</p>}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t("cancel")}
          </button>
          <button type="submit" data-testid="renumber-apply" disabled={!preview || !!nothing || busy} onClick={() => void apply()}>
            {t("apply")}
          </button>
        </div>
      </div>
    </div>
  );
}
