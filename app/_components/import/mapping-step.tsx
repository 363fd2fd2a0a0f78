"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { REFERENCE_KINDS } from "@/lib/domain/types";
import { LAYER_TARGETS, REQUIRED_TARGETS, type FieldMapping, type ImportLayer, type MappingTarget } from "@/lib/io/import-mapping";
import { PreviewMap } from "./preview-map";
import styles from "./import.module.css";
import { postCommit, type CommitOutcome } from "./commit-request";
import type { PreviewResponse } from "./types";

/**
 * Step 2 of the import: what the server read (count, format, CRS, encoding, warnings), the file on a small map,
 * and which attribute is which (the server's guesses preselected); then POST /api/import/commit.
 */
export function MappingStep(props: { locale: string; layer: ImportLayer; preview: PreviewResponse; testHook: boolean; onDone: (outcome: CommitOutcome) => void; onBack: () => void }) {
  const t = useTranslations("layerImport");
  const { preview, layer } = props;
  const [mapping, setMapping] = useState<FieldMapping>(preview.guesses[layer] ?? {});
  const [existing, setExisting] = useState<"skip" | "replace">("skip");
  const [defaultKind, setDefaultKind] = useState("");
  const [busy, setBusy] = useState(false);
  const targets = LAYER_TARGETS[layer] as readonly MappingTarget[];
  const missing = REQUIRED_TARGETS[layer].filter((target) => !mapping[target]);

  async function commit() {
    setBusy(true);
    const request = { stagingId: preview.stagingId, layer, mapping, existing, defaultKind: defaultKind || null, locale: props.locale };
    props.onDone(await postCommit(request, t("error.network")));
    setBusy(false);
  }

  return (
    <div className={styles.previewGrid} data-testid="import-preview">
      <PreviewMap key={preview.stagingId} data={preview.preview} bbox={preview.bbox} label={t("preview.map")} testHook={props.testHook} />
      <div>
        <ul className={styles.facts}>
          <li data-testid="import-feature-count">{t("preview.features", { count: preview.featureCount })}</li>
          <li>{t("preview.format", { format: preview.format })}</li>
          <li>{preview.sourceCrs ? t("preview.crs", { crs: preview.sourceCrs }) : t("preview.crsNone")}</li>
          {preview.encoding && <li>{t("preview.encoding", { encoding: preview.encoding.toUpperCase() })}</li>}
          {preview.capped && <li>{t("preview.capped", { shown: preview.preview.features.length, count: preview.featureCount })}</li>}
        </ul>
        <ul className={`${styles.facts} ${styles.warning}`} data-testid="import-warnings">
          {preview.warnings.map((w, k) => (
            <li key={k}>{t.has(`warning.${w.rule}`) ? t(`warning.${w.rule}`) : w.message}</li>
          ))}
          {preview.outside > 0 && <li>{t("warning.outside_township", { count: preview.outside })}</li>}
        </ul>
        <h3>{t("mapping.title")}</h3>
        <div className={styles.mapping}>
          {targets.map((target) => (
            <label key={target} style={{ display: "contents" }}>
              <span>
                {t(`target.${target}`)}
                {(REQUIRED_TARGETS[layer] as readonly string[]).includes(target) && " *"}
              </span>
              <select value={mapping[target] ?? ""} onChange={(e) => setMapping({ ...mapping, [target]: e.target.value || undefined })} disabled={busy} data-testid={`import-map-${target}`}>
                <option value="">{t("mapping.none")}</option>
                {preview.fields.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.name}
                    {f.samples.length ? ` (${f.samples.join(", ")})` : ""}
                  </option>
                ))}
              </select>
            </label>
          ))}
          {layer === "reference" && (
            <label style={{ display: "contents" }}>
              <span>{t("mapping.defaultKind")}</span>
              <select value={defaultKind} onChange={(e) => setDefaultKind(e.target.value)} disabled={busy} data-testid="import-default-kind">
                <option value="">{t("mapping.noDefaultKind")}</option>
                {REFERENCE_KINDS.map((k) => (
                  <option key={k} value={k}>{t(`kind.${k}`)}</option>
                ))}
              </select>
            </label>
          )}
          {(layer === "districts" || layer === "small-areas") && (
            <label style={{ display: "contents" }}>
              <span>{t("mapping.existing")}</span>
              <select value={existing} onChange={(e) => setExisting(e.target.value === "replace" ? "replace" : "skip")} disabled={busy} data-testid="import-existing">
                <option value="skip">{t("mapping.skip")}</option>
                <option value="replace">{t("mapping.replace")}</option>
              </select>
            </label>
          )}
        </div>
        {missing.length > 0 && <p className={styles.error}>{t("error.missing_target", { target: t(`target.${missing[0]}`) })}</p>}
        <div className={styles.actions}>
          <button type="button" onClick={commit} disabled={busy || missing.length > 0} data-testid="import-commit">{t("commit")}</button>
          <button type="button" className="link-button" onClick={props.onBack} disabled={busy}>{t("again")}</button>
        </div>
        {busy && (
          <p role="status">
            <progress /> {t("committing")}
          </p>
        )}
      </div>
    </div>
  );
}
