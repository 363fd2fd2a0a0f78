"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { editImagerySource, makeDefaultImagerySource, removeImagerySource, type ImageryActionResult } from "@/app/_actions/imagery";
import type { ImagerySourceRow } from "@/db/imagery-sources";
import { ruleText } from "./rule-text";
import { SourceFields, type SourceDraft } from "./source-fields";
import styles from "./imagery.module.css";

/** One imagery source in the settings table: its settings, and edit (with the version seen), make default, delete. */
export function SourceRow({ source }: { source: ImagerySourceRow }) {
  const t = useTranslations("imagery");
  const rules = useTranslations("imagery.rules");
  const fields = useTranslations("imagery.fields");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [draft, setDraft] = useState<SourceDraft | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const uploaded = source.kind === "mbtiles" || source.kind === "cog";
  const versioned = { id: source.id, version: source.version };

  const act = (work: () => Promise<ImageryActionResult>, done: string) =>
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        setDraft(null);
        setMessage({ ok: true, text: done });
        router.refresh();
      } else {
        setMessage({ ok: false, text: ruleText(result, rules, fields) });
      }
    });

  return (
    <tr data-testid={`imagery-row-${source.id}`}>
      <td>{source.name}</td>
      <td>{t(`kinds.${source.kind}`)}</td>
      <td className={styles.location}>
        {source.location}
        {source.keyEnv && <div className={styles.hint}>{t("fields.keyEnv")}: {source.keyEnv}</div>}
      </td>
      <td>
        {source.minZoom}–{source.maxZoom}
      </td>
      <td>{t("panel.offset", { east: source.offsetX, north: source.offsetY })}</td>
      <td>{source.isDefault ? t("row.isDefault") : ""}</td>
      <td>
        {draft ? (
          <form
            className={styles.editor}
            onSubmit={(e) => {
              e.preventDefault();
              act(() => editImagerySource({ ...versioned, settings: draft }), t("row.saved"));
            }}
          >
            <SourceFields draft={draft} onChange={setDraft} prefix={`imagery-edit-${source.id}`} fixedKind={uploaded} />
            <button type="submit" disabled={pending} data-testid={`imagery-save-${source.id}`}>
              {pending ? t("row.working") : t("row.save")}
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              {t("row.cancel")}
            </button>
          </form>
        ) : (
          <div className={styles.actions}>
            <button type="button" onClick={() => setDraft({ name: source.name, kind: source.kind, location: source.location, attribution: source.attribution ?? "", minZoom: source.minZoom, maxZoom: source.maxZoom, keyEnv: source.keyEnv ?? "" })} data-testid={`imagery-edit-${source.id}`}>
              {t("row.edit")}
            </button>
            {!source.isDefault && (
              <button type="button" disabled={pending} onClick={() => act(() => makeDefaultImagerySource(versioned), t("row.saved"))} data-testid={`imagery-default-${source.id}`}>
                {t("row.makeDefault")}
              </button>
            )}
            <button
              type="button"
              className={styles.danger}
              disabled={pending}
              onClick={() => window.confirm(t("row.confirmDelete", { name: source.name })) && act(() => removeImagerySource(versioned), t("row.deleted", { name: source.name }))}
              data-testid={`imagery-delete-${source.id}`}
            >
              {t("row.delete")}
            </button>
          </div>
        )}
        {message && (
          <p className={message.ok ? styles.done : styles.error} role={message.ok ? "status" : "alert"} data-testid={`imagery-row-message-${source.id}`}>
            {message.text}
          </p>
        )}
      </td>
    </tr>
  );
}
