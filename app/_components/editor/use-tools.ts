"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { LineString, MultiPolygon, Polygon, Position } from "geojson";
import type { TownshipInfo } from "@/db/queries";
import { findDistrict, findSmallArea } from "@/lib/edits/snapshot";
import type { DrawActivity } from "@/lib/map/draw-adapter";
import type { VertexEdit } from "@/lib/edits/vertex-edit";
import type { TesseraMap } from "@/lib/map/create-map";
import { moveBuildingGesture, placeBuildingGesture } from "./building-gestures";
import { deleteGesture, drawDistrictGesture, drawSmallAreaGesture, mergeGesture, nextDistrictCode, splitGesture, splitTarget, vertexGesture, type NewDistrict, type Selection } from "./gestures";
import type { Editor, Gesture } from "./use-editor";
import { previewEdit } from "@/app/_actions/edit";
import type { PreviewedArea } from "@/db/edit-preview";

/** The editing tools; "select" is the resting state where clicks select areas. */
export type Tool = "select" | "draw_district" | "draw_small_area" | "split" | "reshape" | "measure" | "mark_building" | "draw_footprint" | "move_building";

/** A district polygon drawn and waiting for its code and names in the dialog. */
export interface DistrictDraft {
  polygon: Polygon;
  defaults: NewDistrict;
  /** the next code for a kind, for when the user changes the kind */
  codeFor: (kind: NewDistrict["kind"]) => string;
}

interface Options {
  map: TesseraMap | null;
  editor: Editor;
  selection: Selection;
  townships: TownshipInfo[];
  /** selects a building (after it was marked) */
  onSelectBuilding: (id: number) => void;
}

function townshipFor(townships: TownshipInfo[], polygon: Polygon): TownshipInfo | null {
  const [x, y] = polygon.coordinates[0][0];
  return townships.find((t) => t.bbox && x >= t.bbox[0] && x <= t.bbox[2] && y >= t.bbox[1] && y <= t.bbox[3]) ?? townships[0] ?? null;
}

/**
 * The tool state machine of the editor: which tool is on, what each tool asks the drawing adapter for, and
 * which gesture it runs when the adapter hands a shape back. Used by the edit toolbar and the shortcuts.
 */
export function useTools({ map, editor, selection, townships, onSelectBuilding }: Options) {
  const [tool, setTool] = useState<Tool>("select");
  const [snapping, setSnappingState] = useState(true);
  const [districtDraft, setDistrictDraft] = useState<DistrictDraft | null>(null);
  const [measurement, setMeasurement] = useState<LineString | Polygon | null>(null);
  const [splitDraft, setSplitDraft] = useState<{ gesture: Gesture; pieces: PreviewedArea[] } | null>(null);
  const selectionRef = useRef(selection);
  useEffect(() => {
    selectionRef.current = selection;
  }, [selection]);

  const { snapshotRef, run, setMessage } = editor;
  // sizes the areas would have while a vertex is being dragged: one preview request at a time, the latest wins
  const [reshapePreview, setReshapePreview] = useState<PreviewedArea[] | null>(null);
  // `drag` counts finished drags: an answer for a drag already saved is dropped
  const previewing = useRef<{ busy: boolean; next: VertexEdit | null; drag: number }>({ busy: false, next: null, drag: 0 });
  const previewDrag = useCallback(
    async (edit: VertexEdit) => {
      const queue = previewing.current;
      if (queue.busy) {
        queue.next = edit;
        return;
      }
      queue.busy = true;
      const drag = queue.drag;
      let current: VertexEdit | null = edit;
      while (current) {
        queue.next = null;
        const op = vertexGesture(current)(snapshotRef.current);
        const preview = op.ok ? await previewEdit(op.change) : null;
        if (preview?.ok && queue.drag === drag) setReshapePreview(preview.areas);
        current = queue.next;
      }
      queue.busy = false;
    },
    [snapshotRef],
  );

  /** reshaping the selected area: every finished vertex gesture is sent, then the area is shown as stored */
  const startReshape = useCallback(() => {
    // the selected small area, else the selected district
    const target = (): Polygon | MultiPolygon | null => {
      const snapshot = snapshotRef.current;
      const s = selectionRef.current;
      const area = s.smallAreas.length === 1 ? findSmallArea(snapshot, s.smallAreas[0]) : null;
      if (area?.geometry) return area.geometry;
      return s.smallAreas.length === 0 && s.district !== null ? (findDistrict(snapshot, s.district)?.geometry ?? null) : null;
    };
    const begin = (): boolean => {
      const geometry = target();
      if (!map || !geometry) return false;
      map.draw.reshape(geometry, async (edit) => {
        previewing.current.next = null;
        previewing.current.drag++;
        setReshapePreview(null);
        await run(vertexGesture(edit));
        setReshapePreview(null);
        // as stored now (or as before, when refused); keep reshaping unless the area is gone
        if (!begin()) map.draw.cancel();
      }, (edit) => void previewDrag(edit));
      return true;
    };
    if (begin()) setTool("reshape");
  }, [map, run, snapshotRef, previewDrag]);

  const start = useCallback(
    (next: Tool, options: { measureLine?: boolean } = {}) => {
      if (!map) return;
      setMessage(null);
      setMeasurement(null);
      if (next === "select") {
        map.draw.cancel();
        setTool("select");
      } else if (next === "draw_district") {
        map.draw.drawPolygon((polygon) => {
          const township = townshipFor(townships, polygon);
          if (!township) return;
          setDistrictDraft({
            polygon,
            defaults: { townshipId: township.id, code: nextDistrictCode(snapshotRef.current, township.code, "village"), nameZh: "", nameEn: "", kind: "village" },
            codeFor: (kind) => nextDistrictCode(snapshotRef.current, township.code, kind),
          });
        });
        setTool(next);
      } else if (next === "draw_small_area") {
        map.draw.drawPolygon((polygon) => void run(drawSmallAreaGesture(polygon)));
        setTool(next);
      } else if (next === "split") {
        // the pieces' sizes are shown before the split is saved
        map.draw.drawLine(async (line) => {
          const selection = selectionRef.current;
          const gesture = splitGesture(line, selection);
          const op = gesture(snapshotRef.current);
          if (!op.ok) return setMessage({ reason: op.reason, place: op.place });
          const preview = await previewEdit(op.change);
          if (!preview.ok) return setMessage({ reason: preview.reason, place: preview.place });
          const target = splitTarget(snapshotRef.current, line, selection);
          const pieces = preview.areas.filter((a) => a.id < 0 || (target?.type === "small_area" && a.id === target.id));
          setSplitDraft({ gesture, pieces });
        });
        setTool(next);
      } else if (next === "reshape") {
        startReshape();
      } else if (next === "mark_building" || next === "draw_footprint") {
        // a building is a clicked point or a drawn footprint; once stored, it is selected for its panel
        const place = async (shape: Position | Polygon) => {
          const result = await run(placeBuildingGesture(shape));
          const placed = result.ok ? result.entities.find((e) => e.type === "building") : undefined;
          if (placed) onSelectBuilding(placed.id);
        };
        if (next === "mark_building") map.draw.drawPoint((position) => void place(position));
        else map.draw.drawPolygon((polygon) => void place(polygon));
        setTool(next);
      } else if (next === "move_building") {
        const id = selectionRef.current.building;
        if (id == null) return;
        map.draw.drawPoint((position) => void run(moveBuildingGesture(id, position)));
        setTool(next);
      } else if (next === "measure") {
        map.draw.measure(options.measureLine ? "line" : "polygon", setMeasurement);
        setTool(next);
      }
    },
    [map, setMessage, snapshotRef, run, townships, startReshape, onSelectBuilding],
  );

  // the adapter went idle (gesture finished or Esc): back to selecting, except while measuring
  const onDrawActivity = useCallback((activity: DrawActivity) => {
    if (activity === "idle") setTool((t) => (t === "measure" ? t : "select"));
  }, []);

  const createDistrict = useCallback(
    async (values: NewDistrict) => {
      const draft = districtDraft;
      setDistrictDraft(null);
      const township = townships.find((t) => t.id === values.townshipId)?.geometry ?? null;
      if (draft) await run(drawDistrictGesture(draft.polygon, values, township));
    },
    [districtDraft, run, townships],
  );

  const merge = useCallback(() => void run(mergeGesture(selectionRef.current.smallAreas)), [run]);
  const remove = useCallback(() => {
    const gesture = deleteGesture(selectionRef.current);
    if (gesture) void run(gesture);
  }, [run]);
  const setSnapping = useCallback(
    (on: boolean) => {
      map?.draw.setSnapping(on);
      setSnappingState(on);
    },
    [map],
  );
  const cancel = useCallback(() => {
    map?.draw.cancel();
    setMeasurement(null);
    setSplitDraft(null);
    setReshapePreview(null);
    setDistrictDraft(null);
    setTool("select");
  }, [map]);

  const applySplit = useCallback(async () => {
    const draft = splitDraft;
    setSplitDraft(null);
    if (draft) await run(draft.gesture);
  }, [splitDraft, run]);

  return { tool, start, cancel, merge, remove, reshapePreview, splitDraft, applySplit, cancelSplit: () => setSplitDraft(null), snapping, setSnapping, districtDraft, createDistrict, cancelDistrict: () => setDistrictDraft(null), measurement, onDrawActivity };
}

/** What `useTools` returns. */
export type Tools = ReturnType<typeof useTools>;
