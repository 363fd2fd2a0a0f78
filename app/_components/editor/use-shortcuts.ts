"use client";

import { useEffect, useRef } from "react";

/** What a key press does; the editor fills these in. */
export interface ShortcutActions {
  drawDistrict: () => void;
  markBuilding: () => void;
  drawFootprint: () => void;
  renumber: () => void;
  addVirtual: () => void;
  drawSmallArea: () => void;
  split: () => void;
  merge: () => void;
  reshape: () => void;
  remove: () => void;
  toggleSnapping: () => void;
  measure: (line: boolean) => void;
  undo: () => void;
  redo: () => void;
  escape: () => void;
  help: () => void;
  /** finishes the shape being drawn (Enter) */
  finish: () => void;
  /** deletes the selected vertex while reshaping (Delete) */
  deleteVertex: () => void;
  /** true while a gesture is drawn or an area reshaped: Delete then acts on the vertex, not the area */
  drawing: () => boolean;
}

/** The shortcut list the help overlay shows: keys and the message key under `edit.help`. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; help: string }> = [
  { keys: "D", help: "drawDistrict" },
  { keys: "A", help: "drawSmallArea" },
  { keys: "B", help: "markBuilding" },
  { keys: "Shift+B", help: "drawFootprint" },
  { keys: "X", help: "split" },
  { keys: "C", help: "merge" },
  { keys: "R", help: "reshape" },
  { keys: "Delete", help: "delete" },
  { keys: "N", help: "renumber" },
  { keys: "V", help: "virtual" },
  { keys: "S", help: "snapping" },
  { keys: "M", help: "measure" },
  { keys: "Ctrl+Z", help: "undo" },
  { keys: "Ctrl+Shift+Z / Ctrl+Y", help: "redo" },
  { keys: "Esc", help: "escape" },
  { keys: "Shift+click", help: "addToSelection" },
  { keys: "?", help: "help" },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Used by the editor: the keyboard shortcuts of the map page (as iD's), off while the user types in a field.
 * Delete, Enter and Escape go to the drawing library while it draws or reshapes.
 */
export function useShortcuts(actions: ShortcutActions): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  }, [actions]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.altKey) return;
      const a = ref.current;
      const key = event.key.toLowerCase();
      const mod = event.ctrlKey || event.metaKey;
      if (mod && key === "z") {
        event.preventDefault();
        return event.shiftKey ? a.redo() : a.undo();
      }
      if (mod && key === "y") {
        event.preventDefault();
        return a.redo();
      }
      if (mod) return;
      if (event.key === "?") return a.help();
      if (event.key === "Escape") return a.escape();
      if (event.key === "Enter") return a.finish();
      if (event.key === "Delete" || event.key === "Backspace") {
        event.preventDefault();
        return a.drawing() ? a.deleteVertex() : a.remove();
      }
      const byKey: Record<string, () => void> = {
        d: a.drawDistrict,
        a: a.drawSmallArea,
        b: event.shiftKey ? a.drawFootprint : a.markBuilding,
        n: a.renumber,
        v: a.addVirtual,
        x: a.split,
        c: a.merge,
        r: a.reshape,
        s: a.toggleSnapping,
        m: () => a.measure(event.shiftKey),
      };
      const action = byKey[key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
