/**
 * Helpers of the imagery tests: solid-colour PNG tiles, the colour of a pixel of a tile, a small MBTiles file
 * and a small GeoTIFF (written with geotiff's own writer).
 */
import { createCanvas, loadImage } from "@napi-rs/canvas";
import Database from "better-sqlite3";
import { writeArrayBuffer } from "geotiff";
import { EARTH_RADIUS_M } from "@/lib/geo/web-mercator";
import { flipY } from "@/lib/geo/web-mercator";

/** Used by the imagery tests: a 256 px PNG tile of one colour. */
export async function solidPng(colour: string): Promise<Uint8Array> {
  const canvas = createCanvas(256, 256);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, 256, 256);
  return canvas.encode("png");
}

/** Used by the imagery tests: [r, g, b, a] of pixel (px, py) of a tile's bytes. */
export async function pixelOf(bytes: Uint8Array, px: number, py: number): Promise<number[]> {
  const image = await loadImage(Buffer.from(bytes));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  return [...ctx.getImageData(px, py, 1, 1).data];
}

/** Used by the imagery tests: an MBTiles file at `file` holding `tiles` (XYZ addressing) with optional bounds. */
export function writeMbtiles(file: string, tiles: Array<{ z: number; x: number; y: number; data: Uint8Array }>, bounds?: string): void {
  const db = new Database(file);
  db.exec("CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)");
  db.prepare("INSERT INTO metadata VALUES ('format', 'png')").run();
  if (bounds) db.prepare("INSERT INTO metadata VALUES ('bounds', ?)").run(bounds);
  for (const t of tiles) db.prepare("INSERT INTO tiles VALUES (?, ?, ?, ?)").run(t.z, t.x, flipY(t.y, t.z), Buffer.from(t.data));
  db.close();
}

/**
 * Used by the COG tests: an RGB GeoTIFF in EPSG:3857 covering XYZ tile (x, y) at zoom z exactly, `size` px square,
 * left half red and right half blue.
 */
export function writeTileGeoTiff(z: number, x: number, y: number, size = 64): ArrayBuffer {
  const half = Math.PI * EARTH_RADIUS_M;
  const span = (2 * half) / 2 ** z;
  const x0 = -half + x * span;
  const y1 = half - y * span;
  const values = new Uint8Array(size * size * 3);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) values.set(col < size / 2 ? [220, 20, 20] : [20, 20, 220], (row * size + col) * 3);
  }
  return writeArrayBuffer(values, {
    width: size,
    height: size,
    GTModelTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: 3857,
    ModelPixelScale: [span / size, span / size, 0],
    ModelTiepoint: [0, 0, 0, x0, y1, 0],
  } as never);
}
