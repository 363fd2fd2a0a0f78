"use client";

import type { FeatureCollection, Point } from "geojson";
import { useFormatter, useTranslations } from "next-intl";
import type { WorkflowEvent } from "@/db/workflow";
import { STATE_COLOURS } from "@/lib/domain/workflow";

/** The history's name of an event: `flag_imagery` events read as flagged or cleared. */
export function eventKey(e: WorkflowEvent): string {
  if (e.action === "flag_imagery") return e.flagged ? "flagged" : "unflagged";
  return e.action;
}

/** Longest piece of a comment shown next to its pin on the map. */
const PIN_LABEL_CHARS = 24;

/** The map markers of the pinned return comments in `history` (and of the pin being placed, if any). */
export function reviewPins(history: readonly WorkflowEvent[], placing: [number, number] | null, placingLabel: string): FeatureCollection<Point> {
  const pinned = history.filter((e) => e.action === "return" && e.at);
  const label = (e: WorkflowEvent) => {
    const text = e.comment ?? "";
    return `${e.user?.displayName ?? ""}: ${text.length > PIN_LABEL_CHARS ? `${text.slice(0, PIN_LABEL_CHARS)}…` : text}`;
  };
  return {
    type: "FeatureCollection",
    features: [
      ...pinned.map((e) => ({ type: "Feature" as const, id: e.id, geometry: { type: "Point" as const, coordinates: e.at! }, properties: { label: label(e) } })),
      ...(placing ? [{ type: "Feature" as const, id: 0, geometry: { type: "Point" as const, coordinates: placing }, properties: { label: placingLabel } }] : []),
    ],
  };
}

const LINK = { border: "none", background: "none", padding: 0, color: "#d6246e", font: "inherit", fontSize: 12, cursor: "pointer" } as const;

/** The events of a small area, newest first: what, who, when, the comment, and a link to its pin. */
export function WorkflowHistory({ history, onShowPin }: { history: readonly WorkflowEvent[]; onShowPin?: (at: [number, number]) => void }) {
  const t = useTranslations("workflow");
  const format = useFormatter();
  if (!history.length) return <p className="hint">{t("noHistory")}</p>;
  return (
    <ol data-testid="workflow-history" style={{ listStyle: "none", padding: 0, margin: 0, fontSize: 13 }}>
      {history.map((e) => (
        <li key={e.id} data-action={eventKey(e)} style={{ padding: "5px 0", borderBottom: "1px dashed #eceef1" }}>
          <div style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
            <strong style={{ color: STATE_COLOURS[e.toStatus] ?? "inherit" }}>{t(`event.${eventKey(e)}` as "event.submit")}</strong>
            <time dateTime={e.createdAt} title={`${e.createdAt} (UTC)`} style={{ color: "#6b7280", whiteSpace: "nowrap" }}>
              {format.dateTime(new Date(e.createdAt), { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" })}
            </time>
          </div>
          <div style={{ color: "#6b7280" }}>{e.user?.displayName ?? t("system")}</div>
          {e.comment && <div style={{ whiteSpace: "pre-wrap" }}>{e.comment}</div>}
          {e.at && onShowPin && (
            <button type="button" onClick={() => onShowPin(e.at!)} style={LINK}>
              {t("showPin")}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}
