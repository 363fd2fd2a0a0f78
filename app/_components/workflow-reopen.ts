"use client";

import { useCallback } from "react";
import { useTranslations } from "next-intl";
import { SIGNED_OFF_STATES } from "@/lib/domain/workflow";
import type { Change, EditSnapshot } from "@/lib/edits/types";

/**
 * The codes of the approved, confirmed or ready small areas whose boundary `change` alters: the areas the
 * edit write will send back to draft (`applyStatusRule` in db/workflow.ts makes the same comparison).
 */
export function areasReopenedBy(snapshot: EditSnapshot, change: Change): string[] {
  const stored = new Map(snapshot.smallAreas.map((a) => [a.id, a]));
  return change.puts.flatMap(({ entity }) => {
    const old = entity.type === "small_area" ? stored.get(entity.id) : undefined;
    if (!old || entity.type !== "small_area" || !SIGNED_OFF_STATES.includes(old.status)) return [];
    return JSON.stringify(old.geometry) !== JSON.stringify(entity.geometry) ? [old.code] : [];
  });
}

/**
 * Hook of the editor's write path: a check that asks the user (a confirm dialog) before a Change sends
 * signed-off small areas back to draft; true when there is nothing to ask or the user agrees.
 */
export function useReopenConfirm(): (snapshot: EditSnapshot, change: Change) => boolean {
  const t = useTranslations("workflow");
  return useCallback(
    (snapshot: EditSnapshot, change: Change) => {
      const codes = areasReopenedBy(snapshot, change);
      return codes.length === 0 || window.confirm(t("reopenConfirm", { codes: codes.join(", ") }));
    },
    [t],
  );
}
