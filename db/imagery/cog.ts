/**
 * GeoTIFF / Cloud-Optimised GeoTIFF imagery, cut into 256 px web-mercator tiles on the server (geotiff reads
 * the window at the best overview, @napi-rs/canvas encodes PNG). Chosen over maplibre-cog-protocol in the
 * browser because the same tile route then serves every kind with one offset and one permission check, the
 * browser needs no extra protocol, worker or CSP entry, and GeoTIFFs in EPSG:4326/4490 (common from Chinese
 * agencies) work too, where the browser protocol wants EPSG:3857 COGs. Accepted: 8-bit unsigned images with
 * 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) bands in EPSG:3857, 4326 or 4490.
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { fromArrayBuffer, fromFile, type GeoTIFF } from "geotiff";
import { EARTH_RADIUS_M, TILE_SIZE, worldYToLat } from "@/lib/geo/web-mercator";
import type { TileBytes } from "./compose";

/** What a GeoTIFF holds, as the validator and the tile cutter need it. */
export interface CogInfo {
  crs: 3857 | 4326 | 4490;
  bands: number;
  width: number;
  height: number;
  /** lon/lat */
  bounds: [number, number, number, number];
  /** the zoom at which one tile pixel is about one image pixel */
  nativeZoom: number;
}

/** A GeoTIFF that is not imagery the app can show; `message` says why in plain words. */
export class CogInvalid extends Error {}

const HALF = Math.PI * EARTH_RADIUS_M;
const toLon = (x: number) => (x / HALF) * 180;
const toLat = (y: number) => (Math.atan(Math.exp(y / EARTH_RADIUS_M)) * 360) / Math.PI - 90;
const toMercY = (lat: number) => EARTH_RADIUS_M * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/** Used on upload and by the tile cutter: checks `tiff` and says what it holds; throws `CogInvalid`. */
export async function describeGeoTiff(tiff: GeoTIFF): Promise<CogInfo> {
  const image = await tiff.getImage(0);
  const bands = image.getSamplesPerPixel();
  if (bands < 1 || bands > 4) throw new CogInvalid(`it has ${bands} bands; imagery has 1 to 4 (grey, RGB, RGBA)`);
  for (let i = 0; i < bands; i++) {
    if (image.getBitsPerSample(i) !== 8 || image.getSampleFormat(i) !== 1) throw new CogInvalid("its samples are not 8-bit unsigned (convert it to Byte with gdal_translate -ot Byte -scale)");
  }
  const keys = image.getGeoKeys() ?? {};
  const projected = keys.ProjectedCSTypeGeoKey as number | undefined;
  const geographic = keys.GeographicTypeGeoKey as number | undefined;
  const crs = projected === 3857 || projected === 900913 ? 3857 : !projected && (geographic === 4326 || geographic === 4490) ? geographic : null;
  if (!crs) throw new CogInvalid(`its coordinate system (EPSG:${projected ?? geographic ?? "unknown"}) is not EPSG:3857, 4326 or 4490 (reproject it with gdalwarp -t_srs EPSG:3857)`);
  const [x0, y0, x1, y1] = image.getBoundingBox();
  const bounds: [number, number, number, number] = crs === 3857 ? [toLon(x0), toLat(y0), toLon(x1), toLat(y1)] : [x0, y0, x1, y1];
  if (!(bounds[0] < bounds[2] && bounds[1] < bounds[3]) || bounds[0] < -180 || bounds[2] > 180 || bounds[1] < -86 || bounds[3] > 86) throw new CogInvalid("its extent is not a valid place on the earth");
  const metresPerPixel = crs === 3857 ? (x1 - x0) / image.getWidth() : (((x1 - x0) / image.getWidth()) * HALF) / 180;
  const nativeZoom = Math.max(0, Math.min(22, Math.round(Math.log2((2 * HALF) / (TILE_SIZE * metresPerPixel)))));
  return { crs, bands, width: image.getWidth(), height: image.getHeight(), bounds, nativeZoom };
}

/** Used on upload: checks the bytes of a GeoTIFF; throws `CogInvalid` (also when it is no TIFF at all). */
export async function describeGeoTiffBytes(bytes: Uint8Array): Promise<CogInfo> {
  let tiff: GeoTIFF;
  try {
    tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    await tiff.getImage(0);
  } catch {
    throw new CogInvalid("it is not a readable TIFF file");
  }
  return describeGeoTiff(tiff);
}

const cache = new Map<string, { stamp: string; tiff: Promise<GeoTIFF>; info: Promise<CogInfo> }>();

async function openCog(path: string) {
  const file = resolve(path);
  const s = await stat(file);
  const stamp = `${s.ino}:${s.mtimeMs}:${s.size}`;
  const cached = cache.get(file);
  if (cached && cached.stamp === stamp) return { tiff: await cached.tiff, info: await cached.info };
  const tiff = fromFile(file);
  const entry = { stamp, tiff, info: tiff.then(describeGeoTiff) };
  cache.set(file, entry);
  entry.info.catch(() => cache.delete(file));
  return { tiff: await entry.tiff, info: await entry.info };
}

/** RGBA pixels from interleaved 1–4 band samples; a pixel equal to the no-data value in every band is transparent. */
function toRgba(samples: ArrayLike<number>, bands: number, pixels: number, noData: number | null): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    const s = p * bands;
    const [r, g, b] = bands >= 3 ? [samples[s], samples[s + 1], samples[s + 2]] : [samples[s], samples[s], samples[s]];
    const alpha = bands === 4 ? samples[s + 3] : bands === 2 ? samples[s + 1] : 255;
    const empty = noData !== null && r === noData && g === noData && b === noData;
    out.set([r, g, b, empty ? 0 : alpha], p * 4);
  }
  return out;
}

/**
 * Used by the tile route: XYZ tile (z, x, y) cut from the GeoTIFF at `path` as a PNG (transparent outside the
 * image); null where the image does not reach.
 */
export async function cogTile(path: string, z: number, x: number, y: number): Promise<TileBytes | null> {
  const { tiff, info } = await openCog(path);
  const n = 2 ** z;
  if (x < 0 || y < 0 || x >= n || y >= n) return null;
  const size = (2 * HALF) / n;
  const tile = { x0: -HALF + x * size, y1: HALF - y * size, x1: -HALF + (x + 1) * size, y0: HALF - (y + 1) * size };
  const image = { x0: toMercX(info.bounds[0]), y0: toMercY(info.bounds[1]), x1: toMercX(info.bounds[2]), y1: toMercY(info.bounds[3]) };
  const cut = { x0: Math.max(tile.x0, image.x0), y0: Math.max(tile.y0, image.y0), x1: Math.min(tile.x1, image.x1), y1: Math.min(tile.y1, image.y1) };
  const px = (v: number) => ((v - tile.x0) / size) * TILE_SIZE;
  const py = (v: number) => ((tile.y1 - v) / size) * TILE_SIZE;
  const left = Math.floor(px(cut.x0));
  const top = Math.floor(py(cut.y1));
  const width = Math.ceil(px(cut.x1)) - left;
  const height = Math.ceil(py(cut.y0)) - top;
  if (width < 1 || height < 1) return null;
  const bbox = info.crs === 3857 ? [cut.x0, cut.y0, cut.x1, cut.y1] : [toLon(cut.x0), toLat(cut.y0), toLon(cut.x1), toLat(cut.y1)];
  const raster = await tiff.readRasters({ bbox, width, height, interleave: true, resampleMethod: "bilinear" });
  const first = await tiff.getImage(0);
  let rgba = toRgba(raster as unknown as ArrayLike<number>, info.bands, width * height, first.getGDALNoData());
  if (info.crs !== 3857) rgba = remapRows(rgba, width, height, cut, bbox as number[]);
  const canvas = createCanvas(TILE_SIZE, TILE_SIZE);
  const ctx = canvas.getContext("2d");
  const data = ctx.createImageData(width, height);
  data.data.set(rgba);
  ctx.putImageData(data, left, top);
  return { data: await canvas.encode("png"), contentType: "image/png" };
}

function toMercX(lon: number): number {
  return (lon / 180) * HALF;
}

/** Rows read evenly in latitude, put where they fall in Mercator (nearest row). */
function remapRows(rgba: Uint8ClampedArray, width: number, height: number, cut: { y0: number; y1: number }, bbox: number[]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rgba.length);
  const row = width * 4;
  for (let j = 0; j < height; j++) {
    const lat = worldYToLat(0.5 - (cut.y1 - ((j + 0.5) / height) * (cut.y1 - cut.y0)) / (2 * HALF));
    const src = Math.min(height - 1, Math.max(0, Math.floor(((bbox[3] - lat) / (bbox[3] - bbox[1])) * height)));
    out.set(rgba.subarray(src * row, (src + 1) * row), j * row);
  }
  return out;
}

/** Used when an uploaded file is deleted with its source: forgets (and closes) that GeoTIFF, if open. */
export function closeCog(path: string): void {
  const file = resolve(path);
  const entry = cache.get(file);
  cache.delete(file);
  entry?.tiff.then(async (tiff) => {
    await tiff.close();
  }).catch(() => undefined);
}

/** Used by tests: forgets the open GeoTIFFs. */
export function closeAllCogs(): void {
  cache.clear();
}
