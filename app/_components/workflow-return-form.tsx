"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";

interface Props {
  /** where the comment is pinned so far (null: the area's centre) */
  pin: [number, number] | null;
  /** whether the next map click is awaited */
  picking: boolean;
  /** null when there is no map to pick on */
  onPick: (() => void) | null;
  onClearPin: () => void;
  busy: boolean;
  onSend: (comment: string) => void;
  onCancel: () => void;
}

/** The "Return…" form: a required comment, and a point on the map it is pinned to (default: the area's centre). */
export function WorkflowReturnForm({ pin, picking, onPick, onClearPin, busy, onSend, onCancel }: Props) {
  const t = useTranslations("workflow.returnForm");
  const [comment, setComment] = useState("");
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (comment.trim()) onSend(comment.trim());
  };
  return (
    <form onSubmit={submit} data-testid="workflow-return-form" style={{ display: "grid", gap: 6, margin: "8px 0", padding: 8, border: "1px solid #e53935", borderRadius: 4 }}>
      <strong style={{ fontSize: 13 }}>{t("title")}</strong>
      <label style={{ display: "grid", gap: 4, fontSize: 13 }}>
        {t("comment")}
        <textarea
          data-testid="workflow-return-comment"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          required
          maxLength={1000}
          rows={3}
          style={{ font: "inherit", fontSize: 13, resize: "vertical" }}
        />
      </label>
      <div className="row-actions" style={{ display: "flex", gap: 6, flexWrap: "wrap", alignItems: "center" }}>
        {onPick && (
          <button type="button" data-testid="workflow-pin" onClick={onPick} disabled={picking || busy} aria-pressed={picking}>
            {t("pin")}
          </button>
        )}
        {pin && (
          <button type="button" onClick={onClearPin} disabled={busy}>
            {t("clearPin")}
          </button>
        )}
      </div>
      <p className="hint" style={{ margin: 0, fontSize: 12 }} data-testid="workflow-pin-state">
        {picking ? t("picking") : pin ? t("pinnedAt", { lon: pin[0].toFixed(6), lat: pin[1].toFixed(6) }) : t("defaultPin")}
      </p>
      <div className="row-actions" style={{ display: "flex", gap: 6 }}>
        <button type="submit" className="danger" data-testid="workflow-return-send" disabled={busy || !comment.trim()}>
          {t("send")}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
