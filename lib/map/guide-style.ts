import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { LayerSpecification, StyleSpecification } from "maplibre-gl";
import { STATE_COLOURS, type SmallAreaState } from "@/lib/domain/workflow";
import { bboxOfGeometry, type Bbox } from "@/lib/geo/bbox";
import { buildMapStyle, type MapImagery } from "./style";

/** What the guide's map of one small area shows (plain data from `db/guide-queries`). */
export interface GuideMapData {
  geometry: Polygon | MultiPolygon;
  state: SmallAreaState;
  /** district code of the area: neighbours in other districts are labelled with their full code */
  districtCode: string;
  buildings: ReadonlyArray<{ id: number; number: number | null; point: [number, number]; footprint: Polygon | null }>;
  neighbours: ReadonlyArray<{ id: number; code: string; fullCode: string; geometry: Polygon | MultiPolygon; labelAt: [number, number] }>;
  /** where the latest return comment is pinned */
  returnPin: [number, number] | null;
}

/** Colours of the comment pins: the one already made (returned) and the one being placed. */
export const GUIDE_PIN_COLOURS = { returned: STATE_COLOURS.returned, placing: "#00e5ff" } as const;

/** Layers of the main style the guide's map keeps as they are: imagery and the reference features. */
const KEPT = ["background", "imagery", "ref-farmland", "ref-water", "ref-river", "ref-road-casing", "ref-road", "ref-road-label", "ref-river-label", "ref-landmark", "ref-landmark-label"];

const collection = (features: Feature[]): FeatureCollection => ({ type: "FeatureCollection", features });

/** Used by `createGuideMap` and its `setPin`: a point collection of at most one pin. */
export function pinData(at: [number, number] | null): FeatureCollection {
  return collection(at ? [{ type: "Feature", geometry: { type: "Point", coordinates: at }, properties: {} }] : []);
}

/** Used by `createGuideMap`: the GeoJSON sources of the guide's layers. */
export function guideSources(data: GuideMapData): Record<string, FeatureCollection> {
  return {
    "guide-area": collection([{ type: "Feature", geometry: data.geometry, properties: { state: data.state } }]),
    "guide-neighbours": collection(data.neighbours.map((n) => ({ type: "Feature", id: n.id, geometry: n.geometry, properties: {} }))),
    "guide-neighbour-labels": collection(
      data.neighbours.map((n) => ({
        type: "Feature",
        id: n.id,
        geometry: { type: "Point", coordinates: n.labelAt },
        properties: { code: n.fullCode.startsWith(data.districtCode) ? n.code : n.fullCode },
      })),
    ),
    "guide-buildings": collection(
      data.buildings.map((b) => ({ type: "Feature", id: b.id, geometry: b.footprint ?? { type: "Point", coordinates: b.point }, properties: {} })),
    ),
    "guide-building-labels": collection(
      data.buildings.flatMap((b) =>
        b.number === null ? [] : [{ type: "Feature" as const, id: b.id, geometry: { type: "Point" as const, coordinates: b.point }, properties: { number: b.number } }],
      ),
    ),
    "guide-return-pin": pinData(data.returnPin),
    "guide-pin": pinData(null),
  };
}

/** A layer of the main style drawn from another source (GeoJSON instead of the building tiles), with overrides. */
function fromMain(main: StyleSpecification, id: string, source: string, overrides: Record<string, unknown> = {}): LayerSpecification {
  const layer = main.layers.find((l) => l.id === id);
  if (!layer) throw new Error(`the main style has no layer ${id}`);
  const copy: Record<string, unknown> = { ...layer, id: `guide-${id}`, source, ...overrides };
  delete copy["source-layer"];
  delete copy.minzoom;
  return copy as unknown as LayerSpecification;
}

/**
 * Used by `createGuideMap`: the style of the guide's map — the main map's imagery and reference features
 * (only around the area), the areas around as thin outlines with their codes, the area itself with a bold
 * boundary, its buildings with their numbers, and the comment pins.
 */
export function buildGuideStyle(imagery: MapImagery | null, locale: "zh" | "en", data: GuideMapData): StyleSpecification {
  const main = buildMapStyle(imagery, locale);
  const [w, s, e, n] = bboxOfGeometry(data.geometry);
  const around: Bbox = [w - (e - w), s - (n - s), e + (e - w), n + (n - s)];
  const sources: StyleSpecification["sources"] = {
    reference: { type: "geojson", data: `/api/layers/reference?bbox=${around.map((v) => v.toFixed(6)).join(",")}` },
    ...Object.fromEntries(Object.entries(guideSources(data)).map(([id, fc]) => [id, { type: "geojson" as const, data: fc }])),
  };
  if (main.sources.imagery) sources.imagery = main.sources.imagery;
  const stateColour = STATE_COLOURS[data.state];
  const font = (main.layers.find((l) => l.id === "building-number") as { layout: { "text-font": string[] } }).layout["text-font"];
  const layers: LayerSpecification[] = [
    ...main.layers.filter((l) => KEPT.includes(l.id)),
    { id: "guide-area-fill", type: "fill", source: "guide-area", paint: { "fill-color": stateColour, "fill-opacity": 0.12 } },
    { id: "guide-neighbour-line", type: "line", source: "guide-neighbours", layout: { "line-join": "round" }, paint: { "line-color": "#ffffff", "line-opacity": 0.85, "line-width": 1.5, "line-dasharray": [3, 2] } },
    fromMain(main, "building-fill", "guide-buildings"),
    fromMain(main, "building-line", "guide-buildings"),
    fromMain(main, "building-point", "guide-buildings", { paint: { "circle-radius": 6, "circle-color": "#ff9f1c", "circle-stroke-color": "#7a3b00", "circle-stroke-width": 1.5 } }),
    { id: "guide-area-halo", type: "line", source: "guide-area", layout: { "line-join": "round" }, paint: { "line-color": "#1d2330", "line-opacity": 0.55, "line-width": 9 } },
    fromMain(main, "small-area-line", "guide-area", { id: "guide-area-line", paint: { "line-color": "#ffe14d", "line-width": 4.5 } }),
    { id: "guide-return-pin", type: "circle", source: "guide-return-pin", paint: { "circle-radius": 9, "circle-color": GUIDE_PIN_COLOURS.returned, "circle-stroke-color": "#ffffff", "circle-stroke-width": 3 } },
    { id: "guide-pin", type: "circle", source: "guide-pin", paint: { "circle-radius": 10, "circle-color": GUIDE_PIN_COLOURS.placing, "circle-stroke-color": "#1d2330", "circle-stroke-width": 3 } },
    fromMain(main, "building-number", "guide-building-labels", { layout: { "text-field": ["to-string", ["get", "number"]], "text-font": font, "text-size": 14, "text-padding": 1 } }),
    fromMain(main, "small-area-label", "guide-neighbour-labels", { filter: ["has", "code"], layout: { "text-field": ["get", "code"], "text-font": font, "text-size": 15 }, paint: { "text-color": "#1a1a1a", "text-halo-color": "#ffffff", "text-halo-width": 2 } }),
  ];
  return { ...main, sources, layers };
}
