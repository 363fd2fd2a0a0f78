/**
 * The contract between the building tile route and the map style: where building tiles are served, the name of
 * their layer inside each tile, and the zooms they exist at. No imports, so the browser bundle can read it.
 */

/** Used by `db/building-tiles.ts` (encoding) and `lib/map/style.ts` (the vector source and its layers). */
export const BUILDING_TILES = {
  /** the MVT layer every building is in (MapLibre's `source-layer`) */
  layer: "buildings",
  /** tiles exist from this zoom; below it the map shows per-small-area summaries instead */
  minZoom: 13,
  /** tiles are cut up to this zoom with every vertex kept; the map overzooms them beyond */
  maxZoom: 16,
  /** XYZ template of the route `app/api/buildings/tiles/[z]/[x]/[y]` */
  url: "/api/buildings/tiles/{z}/{x}/{y}",
} as const;

/** Properties of a building in a tile; its database id is the feature id, not a property. Nulls are left out. */
export interface BuildingTileProperties {
  number: number | null;
  use: string;
  name: string | null;
  nameEn: string | null;
  smallAreaId: number | null;
}
