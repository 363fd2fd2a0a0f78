"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { SmallAreaDetail } from "@/db/queries";
import type { SendOutcome } from "./editor/use-editor";

/** Saves name and notes of a small area read at `version` (through the editor's one write path). */
export type SaveAttributes = (id: number, version: number, name: string, notes: string) => Promise<SendOutcome>;

/** Name and notes of a small area, saved as an edit (undoable) with the version it was read at. */
export function AttributesForm({
  detail,
  save,
  onResult,
}: {
  detail: SmallAreaDetail;
  save: SaveAttributes;
  /** a message for the user, and whether the stored row changed ("saved") or must be re-read ("stale") */
  onResult: (message: string, changed: "saved" | "stale" | null) => void;
}) {
  const t = useTranslations("panel");
  const te = useTranslations("errors");
  const tr = useTranslations("edit.refusal");
  const [name, setName] = useState(detail.name ?? "");
  const [notes, setNotes] = useState(detail.notes ?? "");
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      try {
        const result = await save(detail.id, detail.version, name, notes);
        if (result.ok) onResult(t("saved"), "saved");
        else {
          const values = { place: result.place ?? "" };
          const message = te.has(result.reason) ? te(result.reason as "invalid", values) : tr(result.reason as "invalid", values);
          onResult(message, result.reason === "stale_version" || result.reason === "not_found" ? "stale" : null);
        }
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
