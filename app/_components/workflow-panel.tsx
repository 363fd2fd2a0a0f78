"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { FeatureCollection, Point } from "geojson";
import { useFormatter, useTranslations } from "next-intl";
import { changeSmallAreaState, flagBadImagery, loadWorkflow, type WorkflowView } from "@/app/_actions/workflow";
import type { WorkflowRefused, WorkflowResult } from "@/db/workflow";
import { SIGNED_OFF_STATES, type WorkflowAction } from "@/lib/domain/workflow";
import type { TesseraMap } from "@/lib/map/create-map";
import { StateBadge } from "./state-badge";
import { eventKey, reviewPins, WorkflowHistory } from "./workflow-history";
import { WorkflowReturnForm } from "./workflow-return-form";

interface Props {
  smallAreaId: number;
  /** the version the side panel read: a new one (an edit, a step) reads the workflow again */
  version: number;
  /** the map, to pin a return's comment and draw the pins, and to re-colour the area after a step */
  map?: TesseraMap | null;
  /** called after every step the server accepted */
  onChanged?: () => void;
}

type Loaded = { key: string; id: number; data: WorkflowView | WorkflowRefused };

const EMPTY: FeatureCollection<Point> = { type: "FeatureCollection", features: [] };
const NETWORK: WorkflowRefused = { ok: false, status: 422, reason: "invalid", place: "network", message: "network" };

/**
 * The workflow section of the small-area panel: the state (in its map colour) with who moved it there and
 * when, the "bad imagery" flag, the steps the server allows this person, the "Return…" form with its map pin,
 * the history, and the warning that editing a signed-off boundary sends the area back to draft.
 */
export function WorkflowPanel({ smallAreaId, version, map = null, onChanged }: Props) {
  const t = useTranslations("workflow");
  const ts = useTranslations("status");
  const format = useFormatter();
  const [reload, setReload] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ id: number; text: string; error: boolean } | null>(null);
  const [returning, setReturning] = useState<{ id: number; pin: [number, number] | null; picking: boolean } | null>(null);
  const key = `${smallAreaId}:${version}:${reload}`;

  useEffect(() => {
    let cancelled = false;
    loadWorkflow(smallAreaId)
      .then((data) => !cancelled && setLoaded({ key, id: smallAreaId, data }))
      .catch(() => !cancelled && setLoaded({ key, id: smallAreaId, data: NETWORK }));
    return () => {
      cancelled = true;
    };
  }, [key, smallAreaId]);

  // the last copy of the same area stays on screen while a newer read is on its way
  const data = loaded && loaded.id === smallAreaId ? loaded.data : null;
  const view = data?.ok ? data : null;
  const form = returning && returning.id === smallAreaId ? returning : null;
  const placingLabel = t("returnForm.title");
  const pins = useMemo(() => (view ? reviewPins(view.history, form?.pin ?? null, placingLabel) : EMPTY), [view, form?.pin, placingLabel]);
  useEffect(() => {
    map?.setReviewPins(pins);
    return () => map?.setReviewPins(EMPTY);
  }, [map, pins]);
  // a pick still waiting when the form or the panel goes away is cancelled
  const picking = form?.picking ?? false;
  useEffect(() => (picking ? () => map?.cancelPick() : undefined), [map, picking]);

  const refusalText = useCallback(
    (r: WorkflowRefused | { ok: false; reason: string; place: string }) =>
      r.place === "network" ? t("refusal.network") : t.has(`refusal.${r.reason}`) ? t(`refusal.${r.reason}` as "refusal.invalid", { place: r.place }) : r.reason,
    [t],
  );

  const afterStep = async (step: () => Promise<WorkflowResult>, done: (r: Extract<WorkflowResult, { ok: true }>) => string) => {
    setBusy(true);
    setMessage(null);
    let result: WorkflowResult;
    try {
      result = await step();
    } catch {
      result = NETWORK;
    }
    setBusy(false);
    if (result.ok) {
      setMessage({ id: smallAreaId, text: done(result), error: false });
      setReturning(null);
      map?.reloadLayer("small-areas");
      onChanged?.();
    } else {
      setMessage({ id: smallAreaId, text: refusalText(result), error: true });
    }
    // after a step, and after a refusal that means our copy is old, read the server's copy again
    if (result.ok || result.status === 409 || result.status === 404) setReload((n) => n + 1);
  };

  const take = (action: WorkflowAction, comment?: string) => {
    if (!view) return;
    const at = action === "return" ? form?.pin : null;
    void afterStep(
      () => changeSmallAreaState({ smallAreaId, action, baseVersion: view.version, ...(comment ? { comment } : {}), ...(at ? { at } : {}) }),
      (r) => t("done", { state: ts(r.smallArea.status) }),
    );
  };
  const toggleFlag = () => {
    if (view) void afterStep(() => flagBadImagery({ smallAreaId, baseVersion: view.version, flagged: !view.badImagery }), () => t("flagDone"));
  };
  const pick = async () => {
    if (!map) return;
    setReturning((r) => (r ? { ...r, picking: true } : r));
    const at = await map.pickPoint();
    setReturning((r) => (r && r.id === smallAreaId ? { ...r, picking: false, pin: at ?? r.pin } : r));
  };

  if (!data) return <p className="hint">{t("loading")}</p>;
  if (!view) return <p className="error">{refusalText(data as WorkflowRefused)}</p>;
  const last = view.history.find((e) => e.action !== "flag_imagery");
  return (
    <section data-testid="workflow-panel" aria-labelledby="workflow-title" style={{ marginTop: 12 }}>
      <h3 id="workflow-title" style={{ fontSize: 14, margin: "0 0 6px" }}>{t("title")}</h3>
      <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
        <StateBadge state={view.status} testId="workflow-state" />
        {view.badImagery && (
          <span data-testid="bad-imagery" style={{ color: "#b3261e", fontSize: 13, fontWeight: 600 }}>⚠ {t("badImagery")}</span>
        )}
      </div>
      {last && (
        <p className="hint" style={{ fontSize: 12, margin: "4px 0" }} data-testid="workflow-last">
          {t("lastEvent", {
            action: t(`event.${eventKey(last)}` as "event.submit"),
            name: last.user?.displayName ?? t("system"),
            time: format.dateTime(new Date(last.createdAt), { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" }),
          })}
        </p>
      )}
      {SIGNED_OFF_STATES.includes(view.status) && (
        <p role="note" data-testid="reopen-notice" style={{ fontSize: 12, margin: "6px 0", padding: "6px 8px", background: "#fff4e5", border: "1px solid #ff9500", borderRadius: 4 }}>
          {t("reopenNotice")}
        </p>
      )}
      <div className="row-actions" style={{ display: "flex", gap: 6, flexWrap: "wrap", margin: "8px 0" }}>
        {view.allowed.map((action) => (
          <button
            key={action}
            type="button"
            data-testid={`workflow-action-${action}`}
            className={action === "return" ? "danger" : undefined}
            disabled={busy || (action === "return" && form !== null)}
            onClick={() => (action === "return" ? setReturning({ id: smallAreaId, pin: null, picking: false }) : take(action))}
          >
            {t(`action.${action}`)}
          </button>
        ))}
        {view.canFlag && (
          <button type="button" data-testid="workflow-flag" disabled={busy} onClick={toggleFlag}>
            {view.badImagery ? t("unflag") : t("flag")}
          </button>
        )}
      </div>
      {form && view.allowed.includes("return") && (
        <WorkflowReturnForm
          key={smallAreaId}
          pin={form.pin}
          picking={form.picking}
          onPick={map ? () => void pick() : null}
          onClearPin={() => setReturning((r) => (r ? { ...r, pin: null } : r))}
          busy={busy}
          onSend={(comment) => take("return", comment)}
          onCancel={() => setReturning(null)}
        />
      )}
      {message && message.id === smallAreaId && (
        <p role="status" className={message.error ? "error" : "message"} data-testid="workflow-message">
          {message.text}
        </p>
      )}
      <h4 style={{ fontSize: 13, margin: "10px 0 4px" }}>{t("history")}</h4>
      <WorkflowHistory history={view.history} onShowPin={map ? (at) => map.fitTo([at[0], at[1], at[0], at[1]]) : undefined} />
    </section>
  );
}
