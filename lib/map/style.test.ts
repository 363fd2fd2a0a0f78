import { describe, expect, it } from "vitest";
import { BUILDING_TILES } from "@/lib/io/building-tiles";
import { SMALL_AREA_STATES, STATE_COLOURS } from "@/lib/domain/workflow";
import { buildingTilesUrl, buildMapStyle, LAYER_GROUPS } from "./style";

describe("buildMapStyle: buildings", () => {
  const style = buildMapStyle(null, "zh");

  it("reads buildings from the vector tile route, from zoom 13, overzoomed past 16", () => {
    expect(style.sources.buildings).toEqual({ type: "vector", tiles: ["/api/buildings/tiles/{z}/{x}/{y}"], minzoom: 13, maxzoom: 16 });
  });

  it("keeps the building layer ids, each on the tiles' buildings layer", () => {
    const layers = style.layers.filter((l) => "source" in l && l.source === "buildings");
    expect(layers.map((l) => l.id).sort()).toEqual([...LAYER_GROUPS.buildings].sort());
    for (const l of layers) expect("source-layer" in l && l["source-layer"]).toBe(BUILDING_TILES.layer);
  });

  it("versions the tiles URL so that a reload fetches every tile again", () => {
    expect(buildingTilesUrl()).toBe(BUILDING_TILES.url);
    expect(buildingTilesUrl(3)).toBe(`${BUILDING_TILES.url}?v=3`);
  });
});

describe("buildMapStyle: small areas by workflow state", () => {
  const style = buildMapStyle(null, "en");
  const paint = (id: string) => (style.layers.find((l) => l.id === id) as { paint: Record<string, unknown> }).paint;

  it("fills each state in its STATE_COLOURS colour, a draft by default", () => {
    const fill = paint("small-area-fill")["fill-color"] as unknown[];
    expect(fill.slice(0, 2)).toEqual(["match", ["get", "status"]]);
    for (const state of SMALL_AREA_STATES) expect(fill[fill.indexOf(state) + 1], state).toBe(STATE_COLOURS[state]);
    expect(fill.at(-1)).toBe(STATE_COLOURS.draft);
  });

  it("keeps the yellow boundary of drafts and draws the pinned return comments, switched with the small areas", () => {
    expect((paint("small-area-line")["line-color"] as unknown[]).slice(0, 4)).toEqual(["match", ["get", "status"], "draft", "#ffe14d"]);
    expect(style.sources["review-pins"]).toMatchObject({ type: "geojson" });
    expect(LAYER_GROUPS.smallAreas).toEqual(expect.arrayContaining(["review-pin", "review-pin-label"]));
    expect(style.layers.filter((l) => "source" in l && l.source === "review-pins").map((l) => l.id)).toEqual(["review-pin", "review-pin-label"]);
  });
});
