"use client";

import { useTranslations } from "next-intl";
import type { Selection } from "./gestures";
import type { Editor } from "./use-editor";
import type { Tool, Tools } from "./use-tools";

interface Props {
  editor: Editor;
  tools: Tools;
  selection: Selection;
  onHelp: () => void;
  /** opens the renumber dialog for the selection's district; null when nothing is selected */
  onRenumber: (() => void) | null;
  /** adds a virtual small area to the selection's district; null when nothing is selected */
  onAddVirtual: (() => void) | null;
}

interface ButtonSpec {
  id: string;
  label: string;
  keys: string;
  active?: boolean;
  /** why the button is greyed out (shown as its tooltip), or null when it works */
  disabled: string | null;
  onClick: () => void;
}

/**
 * The editor's toolbar over the map: drawing tools, merge, delete, undo/redo with the gesture's label, the
 * snapping toggle and help. A greyed-out button says why in its tooltip (as iD's operations).
 */
export function EditToolbar({ editor, tools, selection, onHelp, onRenumber, onAddVirtual }: Props) {
  const t = useTranslations("edit");
  const tl = useTranslations("edit.labels");
  const oneSelected = selection.smallAreas.length === 1 || (selection.smallAreas.length === 0 && selection.district !== null);
  const anySelected = oneSelected || selection.smallAreas.length > 0 || selection.building != null;
  const undoTop = editor.history.undo[editor.history.undo.length - 1];
  const redoTop = editor.history.redo[editor.history.redo.length - 1];
  const busy = editor.busy ? t("disabled.busy") : null;
  const toggle = (tool: Tool) => () => tools.start(tools.tool === tool ? "select" : tool);

  const buttons: ButtonSpec[] = [
    { id: "draw-district", label: t("tools.drawDistrict"), keys: "D", active: tools.tool === "draw_district", disabled: null, onClick: toggle("draw_district") },
    { id: "draw-small-area", label: t("tools.drawSmallArea"), keys: "A", active: tools.tool === "draw_small_area", disabled: null, onClick: toggle("draw_small_area") },
    { id: "mark-building", label: t("tools.markBuilding"), keys: "B", active: tools.tool === "mark_building", disabled: null, onClick: toggle("mark_building") },
    { id: "draw-footprint", label: t("tools.drawFootprint"), keys: "Shift+B", active: tools.tool === "draw_footprint", disabled: null, onClick: toggle("draw_footprint") },
    { id: "split", label: t("tools.split"), keys: "X", active: tools.tool === "split", disabled: null, onClick: toggle("split") },
    { id: "merge", label: t("tools.merge"), keys: "C", disabled: busy ?? (selection.smallAreas.length < 2 ? t("disabled.selectTwo") : null), onClick: tools.merge },
    { id: "reshape", label: t("tools.reshape"), keys: "R", active: tools.tool === "reshape", disabled: oneSelected ? null : t("disabled.selectOne"), onClick: toggle("reshape") },
    { id: "delete", label: t("tools.delete"), keys: "Delete", disabled: busy ?? (anySelected ? null : t("disabled.selectOne")), onClick: tools.remove },
    { id: "virtual", label: t("tools.virtual"), keys: "V", disabled: busy ?? (onAddVirtual ? null : t("disabled.selectOne")), onClick: () => onAddVirtual?.() },
    { id: "renumber", label: t("tools.renumber"), keys: "N", disabled: onRenumber ? null : t("disabled.selectOne"), onClick: () => onRenumber?.() },
    { id: "measure", label: t("tools.measure"), keys: "M", active: tools.tool === "measure", disabled: null, onClick: toggle("measure") },
    {
      id: "undo",
      label: t("tools.undo"),
      keys: "Ctrl+Z",
      disabled: busy ?? (undoTop ? null : t("disabled.nothingToUndo")),
      onClick: () => void editor.undo(),
    },
    {
      id: "redo",
      label: t("tools.redo"),
      keys: "Ctrl+Shift+Z",
      disabled: busy ?? (redoTop ? null : t("disabled.nothingToRedo")),
      onClick: () => void editor.redo(),
    },
  ];
  const tooltip = (b: ButtonSpec) => {
    if (b.disabled) return b.disabled;
    if (b.id === "undo" && undoTop) return `${t("undoLabel", { label: tl(undoTop.label) })} (${b.keys})`;
    if (b.id === "redo" && redoTop) return `${t("redoLabel", { label: tl(redoTop.label) })} (${b.keys})`;
    return `${b.label} (${b.keys})`;
  };

  return (
    <div className="edit-toolbar" role="toolbar" aria-label={t("title")} data-testid="edit-toolbar" data-busy={editor.busy || undefined}>
      {buttons.map((b) => (
        <button
          key={b.id}
          type="button"
          data-testid={`tool-${b.id}`}
          className={b.active ? "active" : undefined}
          aria-pressed={b.active}
          aria-disabled={b.disabled !== null}
          title={tooltip(b)}
          onClick={() => b.disabled === null && b.onClick()}
        >
          {b.label}
        </button>
      ))}
      <label className="snapping" title={`${t("tools.snapping")} (S)`}>
        <input type="checkbox" data-testid="tool-snapping" checked={tools.snapping} onChange={(e) => tools.setSnapping(e.target.checked)} />
        {t("tools.snapping")}
      </label>
      <button type="button" className="help-button" data-testid="tool-help" title={`${t("tools.help")} (?)`} onClick={onHelp}>
        ?
      </button>
    </div>
  );
}
