"use client";

import { useTranslations } from "next-intl";
import { SHORTCUTS } from "./use-shortcuts";

/** The keyboard shortcut list (as iD's `?` panel). */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const t = useTranslations("edit.help");
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title">{t("title")}</h2>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.help}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{t(s.help)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">{t("typing")}</p>
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t("close")}
        </button>
      </div>
    </div>
  );
}
