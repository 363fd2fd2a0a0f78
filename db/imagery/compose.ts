/**
 * The imagery offset (as in iD: misaligned imagery nudged by a few metres east/west, north/south) and stacked
 * layers (Tianditu imagery + its annotation) applied on the server, in the tile route: an output tile is drawn
 * from the source tiles that cover it once shifted. Doing it here rather than in the browser keeps one path for
 * every kind (files, remote services, GeoTIFF) and leaves `lib/map` a plain raster source whose URL carries the
 * offset only so the browser's cache is not reused after a nudge.
 */
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { metersPerPixel, TILE_SIZE, worldYToLat } from "@/lib/geo/web-mercator";

/** One source tile as bytes (PNG/JPEG/WebP) with its type. */
export interface TileBytes {
  data: Uint8Array;
  contentType: string;
}

/** Reads one XYZ tile of one layer; null where the layer has no tile. */
export type TileGetter = (z: number, x: number, y: number) => Promise<TileBytes | null>;

/** Where one source tile is drawn in the output tile (pixels, may be fractional or negative). */
export interface Placement {
  x: number;
  y: number;
  dx: number;
  dy: number;
}

/**
 * Used by `composeTile` and its test: which source tiles cover output tile (z, x, y) when the imagery is moved
 * `eastM` metres east and `northM` metres north (ground metres at the tile's centre latitude), and where each
 * is drawn. Columns wrap around the antimeridian; rows outside the world are left out.
 */
export function placements(z: number, x: number, y: number, eastM: number, northM: number): Placement[] {
  const n = 2 ** z;
  const lat = worldYToLat((y + 0.5) / n);
  const mpp = metersPerPixel(lat, z);
  // the output's top-left pixel shows the source pixel this far from the tile's own top-left
  const left = x * TILE_SIZE - eastM / mpp;
  const top = y * TILE_SIZE + northM / mpp;
  const out: Placement[] = [];
  for (let ty = Math.floor(top / TILE_SIZE); ty * TILE_SIZE < top + TILE_SIZE; ty++) {
    if (ty < 0 || ty >= n) continue;
    for (let tx = Math.floor(left / TILE_SIZE); tx * TILE_SIZE < left + TILE_SIZE; tx++) {
      out.push({ x: ((tx % n) + n) % n, y: ty, dx: tx * TILE_SIZE - left, dy: ty * TILE_SIZE - top });
    }
  }
  return out;
}

/**
 * Used by the tile route for every tile: the tile of the stacked `layers` (bottom first) at (z, x, y) with the
 * source's offset applied. One layer without offset passes its bytes through untouched; otherwise the pieces
 * are drawn on a 256 px canvas and sent as PNG (transparent where no imagery is). Null when nothing is there.
 */
export async function composeTile(layers: TileGetter[], z: number, x: number, y: number, eastM: number, northM: number): Promise<TileBytes | null> {
  const shifted = eastM !== 0 || northM !== 0;
  if (layers.length === 1 && !shifted) return layers[0](z, x, y);
  const where = shifted ? placements(z, x, y, eastM, northM) : [{ x, y, dx: 0, dy: 0 }];
  const pieces: Array<{ tile: TileBytes; at: Placement }> = [];
  for (const layer of layers) {
    const tiles = await Promise.all(where.map((at) => layer(z, at.x, at.y)));
    tiles.forEach((tile, i) => tile && pieces.push({ tile, at: where[i] }));
  }
  if (pieces.length === 0) return null;
  const canvas = createCanvas(TILE_SIZE, TILE_SIZE);
  const ctx = canvas.getContext("2d");
  for (const { tile, at } of pieces) {
    const image = await loadImage(Buffer.from(tile.data));
    ctx.drawImage(image, at.dx, at.dy, TILE_SIZE, TILE_SIZE);
  }
  return { data: await canvas.encode("png"), contentType: "image/png" };
}
