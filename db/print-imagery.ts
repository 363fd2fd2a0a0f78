/**
 * Aerial imagery under a printed map (issue #7, only when the print asks for it): the default imagery
 * source's tiles over the map frame — whatever its kind: MBTiles, PMTiles, GeoTIFF or a remote service, with
 * its offset, through the same reader as the map's tile route — composed into one JPEG at 150–200 dpi on paper.
 */
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { bboxesIntersect, type Bbox } from "@/lib/geo/bbox";
import { metresPerDegree } from "@/lib/geo/metres-per-degree";
import { lonLatToWorldPixel, metersPerPixel, TILE_SIZE } from "@/lib/geo/web-mercator";
import type { SheetImagery } from "@/lib/print/types";
import type { Db } from "./client";
import { imageryTile, MissingImageryFile } from "./imagery/tiles";
import type { TileBytes } from "./imagery/compose";
import { listImagerySourceRows } from "./imagery-sources";

/** The print resolution: tiles are taken at the lowest zoom giving at least MIN_DPI, then scaled to at most MAX_DPI. */
const MIN_DPI = 150;
const MAX_DPI = 200;
/** Never compose more tiles than this for one sheet (the zoom is lowered instead). */
const MAX_TILES = 400;
const JPEG_QUALITY = 80;
/** Tiles read at once: a remote service gets at most this many requests from one sheet at a time. */
const PARALLEL_TILES = 6;

/** Runs `read` on every item, at most `limit` at a time, keeping the order. */
async function readAll<T, R>(items: readonly T[], limit: number, read: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await read(items[k]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Used by `db/print.ts` when a print asks for imagery: the default imagery source over `bbox` (lon/lat, the map
 * frame) for a frame of `widthMm` × `heightMm` on paper, as a JPEG data: URL covering exactly `bbox`. A tile the
 * source lacks or fails to deliver (a remote service down, a missing key) stays grey. Null when there is no
 * source, its file is missing, it does not cover the bbox or gives no tile there.
 */
export async function imageryFor(db: Db, bbox: Bbox, widthMm: number, heightMm: number, env: Record<string, string | undefined> = process.env): Promise<SheetImagery | null> {
  const source = listImagerySourceRows(db)[0];
  if (!source) return null;
  if (source.bounds && !bboxesIntersect(source.bounds, bbox)) return null;

  const lat = (bbox[1] + bbox[3]) / 2;
  const [mx, my] = metresPerDegree(lat);
  const groundPerMm = Math.max(((bbox[2] - bbox[0]) * mx) / widthMm, ((bbox[3] - bbox[1]) * my) / heightMm);
  const wanted = (groundPerMm * 25.4) / MIN_DPI; // ground metres per image pixel at MIN_DPI
  let z = Math.min(source.maxZoom, Math.max(source.minZoom, Math.ceil(Math.log2(metersPerPixel(lat, 0) / wanted))));
  const pixels = (zoom: number) => {
    const [x0, y0] = lonLatToWorldPixel(bbox[0], bbox[3], zoom);
    const [x1, y1] = lonLatToWorldPixel(bbox[2], bbox[1], zoom);
    return { x0, y0, x1, y1 };
  };
  const tilesAt = (zoom: number) => {
    const p = pixels(zoom);
    return (Math.floor(p.x1 / TILE_SIZE) - Math.floor(p.x0 / TILE_SIZE) + 1) * (Math.floor(p.y1 / TILE_SIZE) - Math.floor(p.y0 / TILE_SIZE) + 1);
  };
  while (z > source.minZoom && tilesAt(z) > MAX_TILES) z--;
  const { x0, y0, x1, y1 } = pixels(z);

  // at most MAX_DPI on paper
  const maxWidth = (widthMm / 25.4) * MAX_DPI;
  const shrink = Math.min(1, maxWidth / (x1 - x0));
  const width = Math.max(1, Math.round((x1 - x0) * shrink));
  const height = Math.max(1, Math.round((y1 - y0) * shrink));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#d9d9d9";
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = "high";
  ctx.scale(width / (x1 - x0), height / (y1 - y0));
  ctx.translate(-x0, -y0);
  const addresses: Array<[number, number]> = [];
  for (let ty = Math.floor(y0 / TILE_SIZE); ty <= Math.floor(y1 / TILE_SIZE); ty++) {
    for (let tx = Math.floor(x0 / TILE_SIZE); tx <= Math.floor(x1 / TILE_SIZE); tx++) addresses.push([tx, ty]);
  }
  let tiles: Array<TileBytes | null>;
  try {
    tiles = await readAll(addresses, PARALLEL_TILES, async ([tx, ty]) => {
      try {
        return await imageryTile(source, z, tx, ty, db.$client.name, env);
      } catch (error) {
        if (error instanceof MissingImageryFile) throw error;
        return null; // an upstream failure: this tile stays grey
      }
    });
  } catch (error) {
    if (error instanceof MissingImageryFile) return null;
    throw error;
  }
  let drawn = 0;
  for (let k = 0; k < addresses.length; k++) {
    const tile = tiles[k];
    if (!tile || !tile.contentType.startsWith("image/")) continue;
    const [tx, ty] = addresses[k];
    const image = await loadImage(Buffer.from(tile.data));
    // a hair larger than the tile, so that no seam shows between neighbours
    ctx.drawImage(image, tx * TILE_SIZE, ty * TILE_SIZE, TILE_SIZE + 0.5, TILE_SIZE + 0.5);
    drawn++;
  }
  if (drawn === 0) return null;
  const jpeg = await canvas.encode("jpeg", JPEG_QUALITY);
  return { dataUrl: `data:image/jpeg;base64,${jpeg.toString("base64")}`, bbox: [...bbox], attribution: source.attribution };
}
