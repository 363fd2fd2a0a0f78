"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { saveSmallAreaAttributes } from "@/app/_actions/small-area";
import type { SmallAreaDetail } from "@/db/queries";

/** Name and notes of a small area, saved through the server action with the version it was read at. */
export function AttributesForm({
  detail,
  onResult,
}: {
  detail: SmallAreaDetail;
  /** a message for the user, and whether the stored row changed ("saved") or must be re-read ("stale") */
  onResult: (message: string, changed: "saved" | "stale" | null) => void;
}) {
  const t = useTranslations("panel");
  const te = useTranslations("errors");
  const [name, setName] = useState(detail.name ?? "");
  const [notes, setNotes] = useState(detail.notes ?? "");
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      try {
        const result = await saveSmallAreaAttributes({ id: detail.id, version: detail.version, name, notes });
        if (result.ok) onResult(t("saved"), "saved");
        else onResult(te(result.reason, { place: result.place }), result.reason === "stale_version" ? "stale" : null);
      } catch {
        onResult(te("network"), null);
      }
    });
  };

  return (
    <form className="attributes" onSubmit={submit}>
      <label>
        {t("name")}
        <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} name="name" />
      </label>
      <label>
        {t("notes")}
        <textarea value={notes} maxLength={2000} rows={3} onChange={(e) => setNotes(e.target.value)} name="notes" />
      </label>
      <button type="submit" disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}
