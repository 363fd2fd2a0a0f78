import MapboxDraw, { type DrawEventWithLngLat, type DrawMode } from "@mapbox/mapbox-gl-draw";
import "@mapbox/mapbox-gl-draw/dist/mapbox-gl-draw.css";
import type { Feature, LineString, MultiPolygon, Polygon, Position } from "geojson";
import type { GeoJSONSource, IControl, Map as MapLibreMap } from "maplibre-gl";
import { metersPerPixel } from "@/lib/geo/web-mercator";
import { diffVertexEdit, type VertexEdit } from "@/lib/edits/vertex-edit";

export type { VertexEdit };

/** Snaps a lon/lat within a tolerance in metres; null when nothing is near. */
export type SnapFunction = (position: [number, number], toleranceM: number) => [number, number] | null;

/** What the adapter is doing: idle (the map's own clicks select areas) or one of the input gestures. */
export type DrawActivity = "idle" | "polygon" | "line" | "point" | "reshape" | "measure";

/** The options the editor gives the adapter. */
export interface DrawAdapterOptions {
  /** snapping to existing vertices and edges, when on */
  snap: SnapFunction;
  /** snapping tolerance in screen pixels (QGIS's default is 12) */
  snapPixels?: number;
  /** called whenever the activity changes (a gesture finished or was cancelled) */
  onActivity?: (activity: DrawActivity) => void;
}

/** The only handle the editor holds on the drawing library. */
export interface DrawAdapter {
  readonly activity: DrawActivity;
  /** draw a polygon; on finish the ring goes to `onFinish` and the adapter clears itself */
  drawPolygon(onFinish: (polygon: Polygon) => void): void;
  /** draw a line (a split line); on finish the line goes to `onFinish` and the adapter clears itself */
  drawLine(onFinish: (line: Position[]) => void): void;
  /** places a point (a building); on the click the position goes to `onFinish` and the adapter clears itself */
  drawPoint(onFinish: (position: Position) => void): void;
  /**
   * shows the vertices of an area to drag, insert (drag a midpoint) or delete (select + Delete); `onDrag`
   * hears the edit a drag would make while the mouse is still down (for a preview of the sizes)
   */
  reshape(geometry: Polygon | MultiPolygon, onEdit: (edit: VertexEdit) => void, onDrag?: (edit: VertexEdit) => void): void;
  /** measures a line or polygon while it is drawn; `onMeasure` receives the geometry drawn so far */
  measure(kind: "line" | "polygon", onMeasure: (geometry: LineString | Polygon | null) => void): void;
  setSnapping(on: boolean): void;
  readonly snapping: boolean;
  /** finishes the shape being drawn (as Enter on the map does) */
  finish(): void;
  /** while reshaping: deletes the selected vertex (as Delete does) */
  deleteSelectedVertex(): void;
  /** ends any gesture without handing anything over */
  cancel(): void;
  destroy(): void;
}

let classesPatched = false;

/** mapbox-gl-draw looks for Mapbox's class names; MapLibre's canvas and controls carry `maplibregl-*`. */
function patchClassNames(): void {
  if (classesPatched) return;
  const classes = MapboxDraw.constants.classes;
  classes.CANVAS = "maplibregl-canvas";
  classes.CONTROL_BASE = "maplibregl-ctrl";
  classes.CONTROL_PREFIX = "maplibregl-ctrl-";
  classes.CONTROL_GROUP = "maplibregl-ctrl-group";
  classes.ATTRIBUTION = "maplibregl-ctrl-attrib";
  classesPatched = true;
}


const SNAP_SOURCE = "tessera-snap";

/**
 * Used by the editor on the map page: wraps @mapbox/mapbox-gl-draw as a pure input surface. Drawing modes
 * snap each click to existing vertices and edges (toggle with `setSnapping`, as QGIS's S key); reshaping
 * shows one area's vertices and reports each finished drag, midpoint insert or vertex delete as a
 * `VertexEdit` (a midpoint dragged away is one insert, so one gesture is one undo step); the adapter never
 * keeps a shape after handing it over.
 */
export function createDrawAdapter(map: MapLibreMap, options: DrawAdapterOptions): DrawAdapter {
  patchClassNames();
  let activity: DrawActivity = "idle";
  let snapping = true;
  let finishPolygon: ((polygon: Polygon) => void) | null = null;
  let finishLine: ((line: Position[]) => void) | null = null;
  let finishPoint: ((position: Position) => void) | null = null;
  let reshapeBaseline: Polygon | MultiPolygon | null = null;
  let reshapeEdit: ((edit: VertexEdit) => void) | null = null;
  let reshapeDrag: ((edit: VertexEdit) => void) | null = null;
  let onMeasure: ((geometry: LineString | Polygon | null) => void) | null = null;
  let mouseDown = false;
  let pendingUpdate = false;

  const snapEvent = (e: DrawEventWithLngLat) => {
    if (!snapping) return showSnap(null);
    // MapLibre's zoom counts 512-pixel tiles, metersPerPixel 256-pixel ones
    const toleranceM = (options.snapPixels ?? 12) * metersPerPixel(e.lngLat.lat, map.getZoom() + 1);
    const snapped = options.snap([e.lngLat.lng, e.lngLat.lat], toleranceM);
    if (snapped) e.lngLat = { lng: snapped[0], lat: snapped[1] };
    showSnap(snapped);
  };
  const showSnap = (at: [number, number] | null) => {
    const source = map.getSource(SNAP_SOURCE) as GeoJSONSource | undefined;
    source?.setData({ type: "FeatureCollection", features: at ? [{ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: at } }] : [] });
  };
  const withSnapping = (base: DrawMode): DrawMode => ({
    ...base,
    onClick(this: unknown, state: unknown, e: DrawEventWithLngLat) {
      snapEvent(e);
      return (base.onClick as (s: unknown, e: unknown) => unknown).call(this, state, e);
    },
    onTap(this: unknown, state: unknown, e: DrawEventWithLngLat) {
      snapEvent(e);
      return (base.onTap as (s: unknown, e: unknown) => unknown).call(this, state, e);
    },
    onMouseMove(this: unknown, state: unknown, e: DrawEventWithLngLat) {
      snapEvent(e);
      return (base.onMouseMove as (s: unknown, e: unknown) => unknown).call(this, state, e);
    },
  });
  // reshaping moves vertices only: dragging the whole area would move it off its neighbours
  const reshapeMode: DrawMode = { ...MapboxDraw.modes.direct_select, dragFeature() {} };

  const draw = new MapboxDraw({
    displayControlsDefault: false,
    // no buttons: the editor's toolbar and shortcuts drive the library (Delete goes to `deleteSelectedVertex`)
    controls: {},
    keybindings: true,
    boxSelect: false,
    modes: {
      ...MapboxDraw.modes,
      tessera_polygon: withSnapping(MapboxDraw.modes.draw_polygon),
      tessera_line: withSnapping(MapboxDraw.modes.draw_line_string),
      tessera_reshape: reshapeMode,
    },
  });
  map.addControl(draw as unknown as IControl);
  const addSnapLayer = () => {
    if (map.getSource(SNAP_SOURCE)) return;
    map.addSource(SNAP_SOURCE, { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    map.addLayer({ id: SNAP_SOURCE, type: "circle", source: SNAP_SOURCE, paint: { "circle-radius": 7, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": "#ff00ff", "circle-stroke-width": 2.5 } });
  };
  if (map.isStyleLoaded()) addSnapLayer();
  else map.once("load", addSnapLayer);

  const setActivity = (next: DrawActivity) => {
    if (activity === next) return;
    activity = next;
    options.onActivity?.(next);
  };
  const clear = () => {
    finishPolygon = finishLine = finishPoint = null;
    reshapeBaseline = null;
    reshapeEdit = null;
    reshapeDrag = null;
    onMeasure = null;
    pendingUpdate = false;
    draw.deleteAll();
    showSnap(null);
    if (draw.getMode() !== "simple_select") draw.changeMode("simple_select");
  };

  const firstGeometry = () => draw.getAll().features[0]?.geometry ?? null;
  const handleReshapeUpdate = () => {
    pendingUpdate = false;
    const current = firstGeometry();
    if (!reshapeBaseline || !reshapeEdit || !current || (current.type !== "Polygon" && current.type !== "MultiPolygon")) return;
    const edit = diffVertexEdit(reshapeBaseline, current);
    if (edit) reshapeEdit(edit);
  };

  const onCreate = (event: { features: Feature[] }) => {
    const geometry = event.features[0]?.geometry;
    if (activity === "measure") {
      onMeasure?.(geometry && (geometry.type === "Polygon" || geometry.type === "LineString") ? geometry : null);
      return;
    }
    const polygonDone = finishPolygon, lineDone = finishLine, pointDone = finishPoint;
    clear();
    setActivity("idle");
    if (geometry?.type === "Polygon" && polygonDone) polygonDone(geometry);
    if (geometry?.type === "LineString" && lineDone) lineDone(geometry.coordinates);
    if (geometry?.type === "Point" && pointDone) pointDone(geometry.coordinates);
  };
  const onUpdate = () => {
    if (activity !== "reshape") return;
    if (mouseDown) pendingUpdate = true;
    else handleReshapeUpdate();
  };
  const onRender = () => {
    if (activity === "reshape" && mouseDown && reshapeDrag && reshapeBaseline) {
      const current = firstGeometry();
      const edit = current && (current.type === "Polygon" || current.type === "MultiPolygon") ? diffVertexEdit(reshapeBaseline, current) : null;
      if (edit) reshapeDrag(edit);
      return;
    }
    if (activity !== "measure" || !onMeasure) return;
    const geometry = firstGeometry();
    onMeasure(geometry && (geometry.type === "Polygon" || geometry.type === "LineString") ? geometry : null);
  };
  const onModeChange = (event: { mode: string }) => {
    // Escape, Enter on too few points, or a click off the area returns draw to simple_select
    if (event.mode === "simple_select" && activity !== "idle" && activity !== "measure") {
      clear();
      setActivity("idle");
    }
  };
  const onDelete = () => {
    // deleting the last vertices of a reshaped area deletes the feature: treat it as a cancelled gesture
    if (activity === "reshape") {
      clear();
      setActivity("idle");
    }
  };
  const onMouseDown = () => (mouseDown = true);
  const onMouseUp = () => {
    mouseDown = false;
    // draw fires its update in its own mouseup handler; handle ours after it
    if (pendingUpdate) setTimeout(handleReshapeUpdate, 0);
  };
  // the drawing library's events are not in MapLibre's event map
  const drawEvents: Array<[string, (event: never) => void]> = [
    ["draw.create", onCreate],
    ["draw.update", onUpdate],
    ["draw.render", onRender],
    ["draw.modechange", onModeChange],
    ["draw.delete", onDelete],
  ];
  const mapOn = map.on.bind(map) as unknown as (type: string, listener: (event: never) => void) => void;
  const mapOff = map.off.bind(map) as unknown as (type: string, listener: (event: never) => void) => void;
  for (const [type, listener] of drawEvents) mapOn(type, listener);
  map.on("mousedown", onMouseDown);
  map.on("mouseup", onMouseUp);
  map.on("touchstart", onMouseDown);
  map.on("touchend", onMouseUp);

  const start = (next: DrawActivity) => {
    clear();
    setActivity(next);
  };

  return {
    get activity() {
      return activity;
    },
    get snapping() {
      return snapping;
    },
    drawPolygon(onFinish) {
      start("polygon");
      finishPolygon = onFinish;
      draw.changeMode("tessera_polygon");
    },
    drawLine(onFinish) {
      start("line");
      finishLine = onFinish;
      draw.changeMode("tessera_line");
    },
    drawPoint(onFinish) {
      start("point");
      finishPoint = onFinish;
      draw.changeMode("draw_point");
    },
    reshape(geometry, onEdit, onDrag) {
      start("reshape");
      reshapeBaseline = geometry;
      reshapeEdit = onEdit;
      reshapeDrag = onDrag ?? null;
      const [id] = draw.add({ type: "Feature", properties: {}, geometry });
      draw.changeMode("tessera_reshape", { featureId: id });
    },
    measure(kind, callback) {
      start("measure");
      onMeasure = callback;
      draw.changeMode(kind === "line" ? "tessera_line" : "tessera_polygon");
    },
    setSnapping(on) {
      snapping = on;
      if (!on) showSnap(null);
    },
    finish() {
      // leaving a drawing mode makes the library fire its create event when the shape is complete
      if (activity === "polygon" || activity === "line" || activity === "measure") draw.changeMode("simple_select");
    },
    deleteSelectedVertex() {
      if (activity === "reshape") draw.trash();
    },
    cancel() {
      clear();
      setActivity("idle");
    },
    destroy() {
      for (const [type, listener] of drawEvents) mapOff(type, listener);
      map.off("mousedown", onMouseDown);
      map.off("mouseup", onMouseUp);
      map.off("touchstart", onMouseDown);
      map.off("touchend", onMouseUp);
      try {
        map.removeControl(draw as unknown as IControl);
      } catch {
        // the map may already be gone
      }
    },
  };
}
