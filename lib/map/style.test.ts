import { describe, expect, it } from "vitest";
import { BUILDING_TILES } from "@/lib/io/building-tiles";
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
