"use client";

import { useTranslations } from "next-intl";
import type { EditableEntity } from "@/lib/edits/types";
import type { Conflict } from "./use-editor";

function describe(entity: EditableEntity): string {
  switch (entity.type) {
    case "district":
      return `${entity.code} ${entity.nameZh}`;
    case "small_area":
      return `${entity.code}${entity.name ? ` ${entity.name}` : ""}`;
    case "building":
      return `#${entity.id}${entity.number !== null ? ` (${entity.number})` : ""}`;
    case "housing_unit":
      return `#${entity.buildingId}/${entity.unitNumber}`;
  }
}

/**
 * Shown when the server answered 409: someone else changed an entity the edit was based on. Lists their
 * stored version next to the edit, and lets the user keep theirs or reload and reapply the same gesture.
 */
export function ConflictDialog({ conflict, onKeepTheirs, onReapply }: { conflict: Conflict; onKeepTheirs: () => void; onReapply: () => void }) {
  const t = useTranslations("edit.conflict");
  const tl = useTranslations("edit.labels");
  const mine = [...conflict.mine.puts.map((p) => ({ entity: p.entity, base: p.baseVersion })), ...conflict.mine.deletes.map((d) => ({ entity: null, base: d.baseVersion, id: d.id }))];
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" data-testid="conflict-dialog">
        <h2 id="conflict-title">{t("title")}</h2>
        <p>{t("body", { label: tl(conflict.mine.label) })}</p>
        <div className="conflict-columns">
          <section>
            <h3>{t("theirs")}</h3>
            <ul data-testid="conflict-theirs">
              {conflict.theirs.map((e) => (
                <li key={`${e.type}/${e.id}`}>
                  {describe(e)} · {t("version", { version: e.version })}
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h3>{t("yours")}</h3>
            <ul data-testid="conflict-mine">
              {mine.map((m, i) => (
                <li key={i}>
                  {m.entity ? describe(m.entity) : `#${m.id}`} · {t("version", { version: m.base ?? 0 })}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="dialog-actions">
          <button type="button" data-testid="conflict-keep-theirs" onClick={onKeepTheirs}>
            {t("keepTheirs")}
          </button>
          <button type="button" className="primary" data-testid="conflict-reapply" onClick={onReapply} disabled={!conflict.gesture}>
            {t("reapply")}
          </button>
        </div>
      </div>
    </div>
  );
}
