"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Feature, FeatureCollection } from "geojson";
import { applyEdit, type EditResult } from "@/app/_actions/edit";
import { applyChange } from "@/lib/edits/apply-change";
import { emptyHistory, parseHistory, rebaseOnSnapshot, recordEdit, recordRedo, recordUndo, type EditHistory, type HistoryEntry } from "@/lib/edits/history";
import type { Refusal } from "@/lib/edits/refusals";
import { mergeServerEntities } from "@/lib/edits/snapshot";
import type { Change, EditableEntity, EditSnapshot } from "@/lib/edits/types";
import { useReopenConfirm } from "../workflow-reopen";

const HISTORY_KEY = "tessera.editHistory";

/** A gesture the editor can run again on fresh data (the conflict dialog's "reapply mine"). */
export type Gesture = (snapshot: EditSnapshot) => { ok: true; change: Change } | Refusal;

/** A write the server refused because someone else changed the data first. */
export interface Conflict {
  mine: Change;
  theirs: EditableEntity[];
  gesture: Gesture | null;
}

/** A refusal to show: the reason key (edit.refusal.*) and where. */
export interface EditMessage {
  reason: string;
  place?: string;
}

/** How a write ended: saved, or refused with the rule and the place. */
export type SendOutcome = { ok: true; entities: EditableEntity[] } | { ok: false; reason: string; place?: string };

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

/** the shapes a Change puts, for the dashed "not yet saved" overlay */
function pendingFeatures(change: Change): FeatureCollection {
  const features: Feature[] = [];
  for (const { entity } of change.puts) {
    if (entity.type !== "housing_unit" && entity.geometry) features.push({ type: "Feature", properties: {}, geometry: entity.geometry });
  }
  return { type: "FeatureCollection", features };
}

interface Options {
  /** called with the shapes of an edit on its way (and EMPTY when it arrived) */
  onPending: (features: FeatureCollection) => void;
  /** called after every write the server accepted */
  onWritten: (result: Extract<EditResult, { ok: true }>) => void;
}

/**
 * The editor's state on the map page: the entities being edited (loaded from `/api/edits/snapshot`), the
 * undo/redo history (kept in localStorage so it survives a reload), and `submit`, the one path every gesture,
 * undo and redo takes to the server action (DESIGN.md "How one edit flows").
 */
export function useEditor({ onPending, onWritten }: Options) {
  const [snapshot, setSnapshot] = useState<EditSnapshot>({ districts: [], smallAreas: [] });
  const snapshotRef = useRef(snapshot);
  const [history, setHistory] = useState<EditHistory>(emptyHistory);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [message, setMessage] = useState<EditMessage | null>(null);
  const callbacks = useRef({ onPending, onWritten });
  const confirmReopen = useReopenConfirm();
  useEffect(() => {
    callbacks.current = { onPending, onWritten };
  }, [onPending, onWritten]);

  const replaceSnapshot = useCallback((next: EditSnapshot) => {
    snapshotRef.current = next;
    setSnapshot(next);
  }, []);
  /** one building with its housing units, merged into the entities being edited; false when it is gone */
  const loadBuilding = useCallback(
    async (id: number): Promise<boolean> => {
      const response = await fetch(`/api/buildings/${id}`, { cache: "no-store" });
      if (!response.ok) return false;
      const piece = (await response.json()) as Required<Pick<EditSnapshot, "buildings" | "housingUnits">>;
      replaceSnapshot(mergeServerEntities(snapshotRef.current, [...piece.buildings, ...piece.housingUnits]));
      return piece.buildings.length > 0;
    },
    [replaceSnapshot],
  );
  /** the server's copy of the areas, and of the buildings the editor has open */
  const reload = useCallback(async () => {
    const open = (snapshotRef.current.buildings ?? []).map((b) => b.id);
    const response = await fetch("/api/edits/snapshot", { cache: "no-store" });
    if (response.ok) replaceSnapshot((await response.json()) as EditSnapshot);
    for (const id of open) await loadBuilding(id);
  }, [replaceSnapshot, loadBuilding]);

  useEffect(() => {
    // the history lives in the browser; reading it after mount keeps server and client renders equal
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setHistory(parseHistory(window.localStorage.getItem(HISTORY_KEY)));
    void reload();
  }, [reload]);
  const saveHistory = useCallback((next: EditHistory) => {
    setHistory(next);
    window.localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
  }, []);

  /**
   * sends one Change; `kind` says which stack its inverse goes on. With `quiet`, a refusal is returned to
   * the caller (which shows it in place) instead of opening the conflict dialog or the message line.
   */
  const send = useCallback(
    async (change: Change, kind: "edit" | "undo" | "redo", gesture: Gesture | null, quiet = false): Promise<SendOutcome> => {
      setMessage(null);
      // reshaping an approved, confirmed or ready area sends it back to draft: ask first
      if (!confirmReopen(snapshotRef.current, change)) return { ok: false, reason: "cancelled" };
      const optimistic = applyChange(snapshotRef.current, change);
      if (!optimistic.ok) {
        if (!quiet) setMessage({ reason: optimistic.reason, place: optimistic.place });
        return { ok: false, reason: optimistic.reason, place: optimistic.place };
      }
      callbacks.current.onPending(pendingFeatures(change));
      setBusy(true);
      let result: EditResult;
      try {
        result = await applyEdit(change);
      } catch {
        result = { ok: false, status: 0, reason: "network", place: "" } as unknown as EditResult;
      } finally {
        setBusy(false);
        callbacks.current.onPending(EMPTY);
      }
      if (!result.ok) {
        if (quiet) return { ok: false, reason: result.reason, place: result.place };
        if (result.status === 409) {
          setConflict({ mine: change, theirs: (result.current as EditableEntity[] | undefined) ?? [], gesture });
        } else {
          setMessage({ reason: result.reason, place: result.place });
          // the entity is gone on the server: take the server's copy of everything
          if (result.status === 404) void reload();
        }
        return { ok: false, reason: result.reason, place: result.place };
      }
      replaceSnapshot(mergeServerEntities(snapshotRef.current, result.entities, result.deleted));
      const current = parseHistory(window.localStorage.getItem(HISTORY_KEY));
      const label = change.label;
      // a new gesture goes on the undo stack; undo and redo move the top entry across (keeping its label)
      saveHistory(
        kind === "edit"
          ? recordEdit(current, label, result.inverse, result.entities)
          : kind === "undo"
            ? recordUndo(current, result.inverse, result.entities)
            : recordRedo(current, result.inverse, result.entities),
      );
      callbacks.current.onWritten(result);
      return { ok: true, entities: result.entities };
    },
    [replaceSnapshot, saveHistory, reload, confirmReopen],
  );

  /** runs a gesture on the current entities and sends its Change; a refusal becomes the message shown */
  const run = useCallback(
    async (gesture: Gesture, options: { quiet?: boolean } = {}): Promise<SendOutcome> => {
      const result = gesture(snapshotRef.current);
      if (!result.ok) {
        if (!options.quiet) setMessage({ reason: result.reason, place: result.place });
        return { ok: false, reason: result.reason, place: result.place };
      }
      return send(result.change, "edit", gesture, options.quiet);
    },
    [send],
  );

  /** buildings an undo/redo step touches that the editor has not open (after a reload): open them first */
  const loadBuildingsOf = useCallback(
    async (entry: HistoryEntry) => {
      const ids = new Set<number>();
      for (const e of [...entry.change.puts.map((p) => p.entity), ...(entry.after ?? [])]) {
        if (e.type === "building" && e.id > 0) ids.add(e.id);
        if (e.type === "housing_unit" && e.buildingId > 0) ids.add(e.buildingId);
      }
      const open = new Set((snapshotRef.current.buildings ?? []).map((b) => b.id));
      for (const id of ids) if (!open.has(id)) await loadBuilding(id);
    },
    [loadBuilding],
  );
  const step = useCallback(
    async (kind: "undo" | "redo") => {
      const top = history[kind][history[kind].length - 1];
      if (!top || busy) return;
      await loadBuildingsOf(top);
      await send({ ...rebaseOnSnapshot(top, snapshotRef.current), label: kind }, kind, null);
    },
    [history, busy, send, loadBuildingsOf],
  );
  const undo = useCallback(() => step("undo"), [step]);
  const redo = useCallback(() => step("redo"), [step]);

  /** conflict dialog: take the server's copy and drop mine */
  const keepTheirs = useCallback(async () => {
    setConflict(null);
    await reload();
  }, [reload]);
  /** conflict dialog: take the server's copy, then run my gesture again on it */
  const reapplyMine = useCallback(async () => {
    const gesture = conflict?.gesture;
    setConflict(null);
    await reload();
    if (gesture) await run(gesture);
  }, [conflict, reload, run]);

  return {
    snapshot,
    snapshotRef,
    history,
    busy,
    conflict,
    message,
    setMessage,
    run,
    undo,
    redo,
    reload,
    loadBuilding,
    keepTheirs,
    reapplyMine,
  };
}

/** What `useEditor` returns, for the components that show it. */
export type Editor = ReturnType<typeof useEditor>;
