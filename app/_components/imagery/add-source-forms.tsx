"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { addImagerySource } from "@/app/_actions/imagery";
import { TIANDITU_PRESET } from "@/db/imagery/validate";
import { ruleText } from "./rule-text";
import { SourceFields, type SourceDraft } from "./source-fields";
import styles from "./imagery.module.css";

const EMPTY: SourceDraft = { name: "", kind: "xyz", location: "", attribution: "", minZoom: 0, maxZoom: 18, keyEnv: "" };

type Message = { ok: boolean; text: string } | null;

function Note({ message, id }: { message: Message; id: string }) {
  if (!message) return null;
  return (
    <p className={message.ok ? styles.done : styles.error} role={message.ok ? "status" : "alert"} data-testid={id}>
      {message.text}
    </p>
  );
}

/** The imagery page's two forms: add a URL-template or PMTiles source (with the Tianditu preset), and upload a file. */
export function AddSourceForms() {
  const t = useTranslations("imagery");
  const rules = useTranslations("imagery.rules");
  const fields = useTranslations("imagery.fields");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [draft, setDraft] = useState<SourceDraft>(EMPTY);
  const [message, setMessage] = useState<Message>(null);
  const [uploadMessage, setUploadMessage] = useState<Message>(null);
  const [uploading, setUploading] = useState(false);

  function add(event: FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await addImagerySource(draft);
      if (result.ok) {
        setMessage({ ok: true, text: t("add.done", { name: draft.name.trim() }) });
        setDraft(EMPTY);
        router.refresh();
      } else {
        setMessage({ ok: false, text: ruleText(result, rules, fields) });
      }
    });
  }

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setUploading(true);
    try {
      const response = await fetch("/api/imagery/upload", { method: "POST", body: new FormData(form) });
      const body = (await response.json().catch(() => ({}))) as { source?: { name: string }; error?: { rule: string; place: string; params?: Record<string, string | number> } };
      if (response.ok && body.source) {
        setUploadMessage({ ok: true, text: t("upload.done", { name: body.source.name }) });
        form.reset();
        router.refresh();
      } else {
        const e = body.error ?? { rule: response.status === 403 ? "forbidden" : "invalid", place: "file" };
        setUploadMessage({ ok: false, text: ruleText({ reason: e.rule, place: e.place, params: e.params }, rules, fields) });
      }
    } catch {
      setUploadMessage({ ok: false, text: rules("network") });
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className={styles.forms}>
      <form className={styles.form} onSubmit={add} aria-labelledby="imagery-add-title">
        <h2 id="imagery-add-title">{t("add.title")}</h2>
        <SourceFields draft={draft} onChange={setDraft} prefix="imagery-add" />
        <button type="submit" disabled={pending} data-testid="imagery-add-submit">
          {pending ? t("add.working") : t("add.submit")}
        </button>
        <button type="button" onClick={() => setDraft({ ...TIANDITU_PRESET })} title={t("add.presetHint")} data-testid="imagery-preset-tianditu">
          {t("add.preset")}
        </button>
        <small className={styles.wide}>{t("add.presetHint")}</small>
        <Note message={message} id="imagery-add-message" />
      </form>
      <form className={styles.form} onSubmit={upload} aria-labelledby="imagery-upload-title">
        <h2 id="imagery-upload-title">{t("upload.title")}</h2>
        <label className={styles.wide}>
          {t("fields.file")}
          <input type="file" name="file" required accept=".mbtiles,.tif,.tiff" data-testid="imagery-upload-file" />
          <small>{t("upload.hint")}</small>
        </label>
        <label>
          {t("fields.name")}
          <input name="name" maxLength={100} data-testid="imagery-upload-name" />
        </label>
        <label>
          {t("fields.attribution")}
          <input name="attribution" maxLength={300} />
        </label>
        <button type="submit" disabled={uploading} data-testid="imagery-upload-submit">
          {uploading ? t("upload.working") : t("upload.submit")}
        </button>
        <Note message={uploadMessage} id="imagery-upload-message" />
      </form>
    </div>
  );
}
