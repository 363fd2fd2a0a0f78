import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { STATE_COLOURS } from "@/lib/domain/workflow";
import { buildGuideStyle, guideSources, pinData, type GuideMapData } from "./guide-style";

const square = (x: number, y: number, size = 0.001): Polygon => ({
  type: "Polygon",
  coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
});

const data: GuideMapData = {
  geometry: square(120, 30),
  state: "approved",
  districtCode: "330199101201",
  buildings: [
    { id: 7, number: 1, point: [120.0002, 30.0002], footprint: square(120.0001, 30.0001, 0.0002) },
    { id: 8, number: null, point: [120.0006, 30.0006], footprint: null },
  ],
  neighbours: [
    { id: 2, code: "002", fullCode: "330199101201002", geometry: square(120.001, 30), labelAt: [120.0015, 30.0005] },
    { id: 9, code: "001", fullCode: "330199101202001", geometry: square(119.999, 30), labelAt: [119.9995, 30.0005] },
  ],
  returnPin: [120.0005, 30.0005],
};
const imagery = { id: 3, minZoom: 12, maxZoom: 19, attribution: "demo", bounds: null };

describe("buildGuideStyle", () => {
  const style = buildGuideStyle(imagery, "zh", data);
  const layer = (id: string) => style.layers.find((l) => l.id === id) as unknown as Record<string, unknown> & { paint: Record<string, unknown> };

  it("keeps the main map's imagery and reference features, the latter only around the area", () => {
    expect(style.sources.imagery).toMatchObject({ type: "raster", tiles: ["/api/tiles/3/{z}/{x}/{y}"] });
    expect(style.layers.slice(0, 2).map((l) => l.id)).toEqual(["background", "imagery"]);
    expect(style.sources.reference).toEqual({ type: "geojson", data: "/api/layers/reference?bbox=119.999000,29.999000,120.002000,30.002000" });
    expect(style.sources.buildings).toBeUndefined();
    expect(style.layers.some((l) => l.id === "ref-road")).toBe(true);
    expect(buildGuideStyle(null, "en", data).sources.imagery).toBeUndefined();
  });

  it("draws buildings from the area's own GeoJSON, numbers at every zoom, and the area in its state's colour", () => {
    for (const id of ["guide-building-fill", "guide-building-line", "guide-building-point", "guide-building-number"]) {
      expect(layer(id)["source-layer"], id).toBeUndefined();
      expect(layer(id).minzoom, id).toBeUndefined();
    }
    expect(layer("guide-building-number").source).toBe("guide-building-labels");
    expect(layer("guide-area-fill").paint["fill-color"]).toBe(STATE_COLOURS.approved);
    // the boundary is drawn over the buildings, the labels on top of everything
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf("guide-area-line")).toBeGreaterThan(ids.indexOf("guide-building-fill"));
    expect(ids.slice(-2)).toEqual(["guide-building-number", "guide-small-area-label"]);
  });
});

describe("guideSources", () => {
  const sources = guideSources(data);
  it("labels neighbours in the same district by their 3-digit code, others by their full code", () => {
    expect(sources["guide-neighbour-labels"].features.map((f) => f.properties?.code)).toEqual(["002", "330199101202001"]);
  });
  it("draws a footprint where there is one, else the point; numbers only for numbered buildings", () => {
    expect(sources["guide-buildings"].features.map((f) => f.geometry.type)).toEqual(["Polygon", "Point"]);
    expect(sources["guide-building-labels"].features.map((f) => [f.id, f.properties?.number])).toEqual([[7, 1]]);
  });
  it("shows the pin of the latest return, and no placing pin until one is set", () => {
    expect(sources["guide-return-pin"]).toEqual(pinData([120.0005, 30.0005]));
    expect(sources["guide-pin"].features).toEqual([]);
    expect(pinData(null).features).toEqual([]);
  });
});
