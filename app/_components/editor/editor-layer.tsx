"use client";

import { useEffect, useMemo, useState } from "react";
import type { TesseraMap } from "@/lib/map/create-map";
import type { DrawActivity } from "@/lib/map/draw-adapter";
import { ConflictDialog } from "./conflict-dialog";
import { DistrictDialog } from "./district-dialog";
import { EditStatus } from "./edit-status";
import { EditToolbar } from "./edit-toolbar";
import { virtualSmallAreaGesture, type Selection } from "./gestures";
import { HelpOverlay } from "./help-overlay";
import { MeasureReadout } from "./measure-readout";
import { RenumberDialog } from "./renumber-dialog";
import { SplitPreview } from "./split-preview";
import type { Editor } from "./use-editor";
import { useShortcuts } from "./use-shortcuts";
import type { Tools } from "./use-tools";

interface Props {
  map: TesseraMap | null;
  editor: Editor;
  tools: Tools;
  selection: Selection;
  onClearSelection: () => void;
  /** after every write the server accepted (with what it deleted), and when a conflict shows the server's copy */
  onDataChanged: (deleted?: ReadonlyArray<{ type: string; id: number }>) => void;
  /** the page hands the adapter's activity changes here (the map reports them through the page) */
  registerDrawActivity: (listener: (activity: DrawActivity) => void) => void;
}

/** The editor over the map: toolbar, status line, dialogs and shortcuts, wired to the page's one `useEditor`. */
export function EditorLayer({ map, editor, tools, selection, onClearSelection, onDataChanged, registerDrawActivity }: Props) {
  const [help, setHelp] = useState(false);
  const [renumbering, setRenumbering] = useState<string | null>(null);
  // the district a renumber or a new virtual area acts on: the selected district, or that of the selected small area or building
  const selectedDistrict = useMemo(() => {
    const { districts, smallAreas, buildings } = editor.snapshot;
    const area = selection.smallAreas.length ? smallAreas.find((a) => a.id === selection.smallAreas[selection.smallAreas.length - 1]) : null;
    const building = selection.building != null ? buildings?.find((b) => b.id === selection.building) : null;
    const id = area ? area.districtId : building ? building.districtId : selection.district;
    return districts.find((d) => d.id === id) ?? null;
  }, [editor.snapshot, selection]);
  const renumber = () => selectedDistrict && setRenumbering(selectedDistrict.code);
  const addVirtual = () => selectedDistrict && void editor.run(virtualSmallAreaGesture(selectedDistrict.id));

  useEffect(() => registerDrawActivity(tools.onDrawActivity), [registerDrawActivity, tools.onDrawActivity]);
  // new shapes snap to every district and small area loaded for editing
  const snapTargets = useMemo(
    () => [...editor.snapshot.districts.map((d) => d.geometry), ...editor.snapshot.smallAreas.flatMap((s) => (s.geometry ? [s.geometry] : []))],
    [editor.snapshot],
  );
  useEffect(() => map?.setSnapTargets(snapTargets), [map, snapTargets]);
  const conflictOpen = editor.conflict !== null;
  useEffect(() => {
    if (conflictOpen) onDataChanged();
  }, [conflictOpen, onDataChanged]);

  useShortcuts({
    drawDistrict: () => tools.start("draw_district"),
    markBuilding: () => tools.start("mark_building"),
    drawFootprint: () => tools.start("draw_footprint"),
    renumber,
    addVirtual,
    drawSmallArea: () => tools.start("draw_small_area"),
    split: () => tools.start("split"),
    merge: tools.merge,
    reshape: () => tools.start("reshape"),
    remove: tools.remove,
    toggleSnapping: () => tools.setSnapping(!tools.snapping),
    measure: (line) => tools.start("measure", { measureLine: line }),
    undo: () => void editor.undo(),
    redo: () => void editor.redo(),
    escape: () => {
      if (help) return setHelp(false);
      if (tools.tool === "select") onClearSelection();
      tools.cancel();
    },
    help: () => setHelp((h) => !h),
    finish: () => map?.draw.finish(),
    deleteVertex: () => map?.draw.deleteSelectedVertex(),
    drawing: () => (map ? map.draw.activity !== "idle" : false),
  });

  return (
    <>
      <div className="edit-overlay">
        <EditToolbar editor={editor} tools={tools} selection={selection} onHelp={() => setHelp(true)} onRenumber={selectedDistrict ? renumber : null} onAddVirtual={selectedDistrict ? addVirtual : null} />
        <EditStatus tool={tools.tool} busy={editor.busy} message={editor.message} onDismiss={() => editor.setMessage(null)} />
        {tools.measurement && <MeasureReadout geometry={tools.measurement} />}
        {tools.reshapePreview && tools.reshapePreview.length > 0 && <SplitPreview areas={tools.reshapePreview} title="dragTitle" />}
        {tools.splitDraft && <SplitPreview areas={tools.splitDraft.pieces} onApply={() => void tools.applySplit()} onCancel={tools.cancelSplit} />}
      </div>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      {renumbering && (
        <RenumberDialog
          districtCode={renumbering}
          onCancel={() => setRenumbering(null)}
          onDone={() => {
            setRenumbering(null);
            void editor.reload();
            onDataChanged();
          }}
        />
      )}
      {tools.districtDraft && <DistrictDialog defaults={tools.districtDraft.defaults} codeFor={tools.districtDraft.codeFor} onCreate={(d) => void tools.createDistrict(d)} onCancel={tools.cancelDistrict} />}
      {editor.conflict && <ConflictDialog conflict={editor.conflict} onKeepTheirs={() => void editor.keepTheirs()} onReapply={() => void editor.reapplyMine()} />}
    </>
  );
}
