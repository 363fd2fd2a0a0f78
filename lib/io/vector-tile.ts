/**
 * Mapbox Vector Tiles (MVT, spec version 2) cut from GeoJSON one tile at a time: the caller selects the
 * features near the tile (e.g. through a spatial index), this clips them to the tile and its buffer, projects
 * them to tile coordinates (@maplibre/geojson-vt `geoJSONToTile`) and writes the protobuf (@maplibre/vt-pbf).
 * No tile index is built, so nothing is held between requests.
 */
import { geoJSONToTile, type GeoJSONVTTile } from "@maplibre/geojson-vt";
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import type { Feature } from "geojson";

/** Tile coordinates in XYZ addressing (y down from the north). */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Highest zoom a tile is cut at (geojson-vt's limit). */
export const MAX_TILE_ZOOM = 24;

/** Units across a tile; 4096 is what MapLibre expects. */
export const TILE_EXTENT = 4096;

/** Units of buffer kept around a tile so that strokes and labels do not end at its edge. */
export const TILE_BUFFER = 64;

/** Result of {@link parseTileAddress}: the address, or which part of it is wrong and why. */
export type ParsedTileAddress = { ok: true; address: TileAddress } | { ok: false; place: "z" | "x" | "y"; message: string };

const INTEGER = /^\d{1,10}$/;

/**
 * Used by tile routes on the path segments of `/{z}/{x}/{y}` (a `.mvt` or `.pbf` suffix on y is allowed):
 * whole numbers, 0 ≤ z ≤ 24 and 0 ≤ x, y < 2^z.
 */
export function parseTileAddress(z: string, x: string, y: string): ParsedTileAddress {
  const yDigits = y.replace(/\.(mvt|pbf)$/, "");
  if (!INTEGER.test(z) || Number(z) > MAX_TILE_ZOOM) return { ok: false, place: "z", message: `Tile zoom must be a whole number from 0 to ${MAX_TILE_ZOOM}, not "${z.slice(0, 20)}"` };
  const zoom = Number(z);
  const size = 2 ** zoom;
  for (const [place, value] of [["x", x], ["y", yDigits]] as const) {
    if (!INTEGER.test(value) || Number(value) >= size) {
      return { ok: false, place, message: `Tile ${place} at zoom ${zoom} must be a whole number from 0 to ${size - 1}, not "${value.slice(0, 20)}"` };
    }
  }
  return { ok: true, address: { z: zoom, x: Number(x), y: Number(yDigits) } };
}

/** Options of {@link encodeVectorTile}. */
export interface VectorTileOptions {
  /** the zoom from which every vertex is kept (geojson-vt `maxZoom`, default 14); lower zooms drop sub-pixel detail */
  detailZoom?: number;
}

/**
 * Used by the building tile route (through `db/building-tiles.ts`): encodes one tile with a layer per key of
 * `layers`. Features keep their numeric `id` as the MVT feature id (so MapLibre's `["id"]` and
 * `queryRenderedFeatures` see it) and their properties, except null ones. Returns null when no layer has a
 * feature inside the tile and its buffer: the route answers 204 then.
 */
export function encodeVectorTile(layers: Readonly<Record<string, readonly Feature[]>>, address: TileAddress, options: VectorTileOptions = {}): Uint8Array | null {
  const tiles: Record<string, GeoJSONVTTile> = {};
  let any = false;
  for (const [name, features] of Object.entries(layers)) {
    if (!features.length) continue;
    const tile = geoJSONToTile({ type: "FeatureCollection", features: features as Feature[] }, address.z, address.x, address.y, {
      extent: TILE_EXTENT,
      buffer: TILE_BUFFER,
      clip: true,
      maxZoom: options.detailZoom ?? 14,
    });
    if (!tile?.features.length) continue;
    tiles[name] = tile;
    any = true;
  }
  return any ? fromGeojsonVt(tiles, { version: 2, extent: TILE_EXTENT }) : null;
}
