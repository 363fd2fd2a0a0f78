"use client";

import { useTranslations } from "next-intl";
import type { EditMessage } from "./use-editor";
import type { Tool } from "./use-tools";

const HINTS: Partial<Record<Tool, string>> = {
  draw_district: "polygon",
  draw_small_area: "polygon",
  split: "line",
  reshape: "reshape",
  measure: "measure",
  mark_building: "point",
  draw_footprint: "polygon",
  move_building: "point",
};

/** The line under the toolbar: what the current tool expects, "saving…", or why the last edit was refused. */
export function EditStatus({ tool, busy, message, onDismiss }: { tool: Tool; busy: boolean; message: EditMessage | null; onDismiss: () => void }) {
  const t = useTranslations("edit");
  if (message) {
    return (
      <div className="edit-status refusal" role="alert" data-testid="edit-message" data-reason={message.reason}>
        {t(`refusal.${message.reason}` as "refusal.invalid", { place: message.place ?? "" })}
        <button type="button" className="close" onClick={onDismiss} aria-label="×">
          ×
        </button>
      </div>
    );
  }
  if (busy) return <div className="edit-status" role="status">{t("saving")}</div>;
  const hint = HINTS[tool];
  return hint ? <div className="edit-status" role="status">{t(`hints.${hint}` as "hints.polygon")}</div> : null;
}
