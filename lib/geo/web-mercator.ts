/**
 * Spherical Web Mercator (EPSG:3857) math for XYZ raster tiles, the same formulas MapLibre uses,
 * so that imagery rendered on the server lines up with the vectors drawn in the browser.
 *
 * "World" coordinates are Mercator units in [0, 1] (x east, y south, origin at 180°W / 85.05°N);
 * world pixels at zoom z are world × TILE_SIZE × 2^z.
 */

/** Tile edge in pixels; used by every function below that speaks of pixels. */
export const TILE_SIZE = 256;

/** Equatorial radius of the Web Mercator sphere in metres; used for ground resolution. */
export const EARTH_RADIUS_M = 6378137;

/** Latitude limit of Web Mercator; used to clamp latitudes before projecting. */
export const MAX_LATITUDE = 85.0511287798066;

/** [west, south, east, north] in degrees; used for tile bounds and MBTiles `bounds`. */
export type LonLatBbox = [number, number, number, number];

/** An inclusive range of tile columns and rows at one zoom; used to enumerate tiles over a bbox. */
export interface TileRange {
  z: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Used when projecting geometry once for rendering at many zooms: lon → Mercator x in [0, 1]. */
export function lonToWorldX(lon: number): number {
  return (lon + 180) / 360;
}

/** Used when projecting geometry once for rendering at many zooms: lat → Mercator y in [0, 1] (south is larger). */
export function latToWorldY(lat: number): number {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

/** Used to turn Mercator x back into a longitude (tile corners, tests). */
export function worldXToLon(x: number): number {
  return x * 360 - 180;
}

/** Used to turn Mercator y back into a latitude (tile corners, tests). */
export function worldYToLat(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

/** Used where a pixel position at zoom `z` is needed for a lon/lat (e.g. to sample a rendered tile). */
export function lonLatToWorldPixel(lon: number, lat: number, z: number): [number, number] {
  const scale = TILE_SIZE * 2 ** z;
  return [lonToWorldX(lon) * scale, latToWorldY(lat) * scale];
}

/** Used to turn a world pixel at zoom `z` back into [lon, lat]. */
export function worldPixelToLonLat(px: number, py: number, z: number): [number, number] {
  const scale = TILE_SIZE * 2 ** z;
  return [worldXToLon(px / scale), worldYToLat(py / scale)];
}

/** Used to find the XYZ tile (and the pixel inside it) that contains a lon/lat at zoom `z`. */
export function lonLatToTile(lon: number, lat: number, z: number): { x: number; y: number; px: number; py: number } {
  const [wx, wy] = lonLatToWorldPixel(lon, lat, z);
  const max = 2 ** z - 1;
  const x = Math.min(max, Math.max(0, Math.floor(wx / TILE_SIZE)));
  const y = Math.min(max, Math.max(0, Math.floor(wy / TILE_SIZE)));
  return { x, y, px: wx - x * TILE_SIZE, py: wy - y * TILE_SIZE };
}

/** Used to get the [lon, lat] of the north-west corner of XYZ tile (x, y) at zoom `z`. */
export function tileToLonLat(x: number, y: number, z: number): [number, number] {
  const n = 2 ** z;
  return [worldXToLon(x / n), worldYToLat(y / n)];
}

/** Used for the lon/lat extent of XYZ tile (x, y) at zoom `z` (culling, MBTiles bounds). */
export function tileBounds(x: number, y: number, z: number): LonLatBbox {
  const [west, north] = tileToLonLat(x, y, z);
  const [east, south] = tileToLonLat(x + 1, y + 1, z);
  return [west, south, east, north];
}

/** Used to enumerate the XYZ tiles at zoom `z` that cover a lon/lat bbox. */
export function tileRangeForBbox(bbox: LonLatBbox, z: number): TileRange {
  const [west, south, east, north] = bbox;
  const nw = lonLatToTile(west, north, z);
  const se = lonLatToTile(east, south, z);
  return { z, minX: nw.x, maxX: se.x, minY: nw.y, maxY: se.y };
}

/** Used to count the tiles of a range (progress, tests). */
export function tileCount(range: TileRange): number {
  return (range.maxX - range.minX + 1) * (range.maxY - range.minY + 1);
}

/** Used to size things given in metres (road widths, shadows) at latitude `lat` and zoom `z`: ground metres per pixel. */
export function metersPerPixel(lat: number, z: number): number {
  return (2 * Math.PI * EARTH_RADIUS_M * Math.cos((lat * Math.PI) / 180)) / (TILE_SIZE * 2 ** z);
}

/** Used to convert ground metres at latitude `lat` into Mercator world units (the [0, 1] square). */
export function metersToWorld(meters: number, lat: number): number {
  return meters / (2 * Math.PI * EARTH_RADIUS_M * Math.cos((lat * Math.PI) / 180));
}

/** Used by MBTiles writers and readers: XYZ row ↔ TMS row (the flip is its own inverse). */
export function flipY(y: number, z: number): number {
  return 2 ** z - 1 - y;
}

/**
 * Used by the vector-tile route to select what a tile draws: the lon/lat extent of XYZ tile (x, y) at zoom `z`,
 * grown on every side by `buffer` tile widths (e.g. 64 / 4096), clamped to the Mercator square.
 */
export function bufferedTileBounds(x: number, y: number, z: number, buffer: number): LonLatBbox {
  const n = 2 ** z;
  const clamp = (v: number) => Math.max(0, Math.min(1, v));
  return [
    worldXToLon(clamp((x - buffer) / n)),
    worldYToLat(clamp((y + 1 + buffer) / n)),
    worldXToLon(clamp((x + 1 + buffer) / n)),
    worldYToLat(clamp((y - buffer) / n)),
  ];
}
