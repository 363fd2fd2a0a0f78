/**
 * An uploaded imagery file (MBTiles or GeoTIFF) checked and stored under `data/imagery/` with a name made
 * here (the uploaded name only lends a few safe characters), so no upload can pick where it is written.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { CogInvalid, describeGeoTiffBytes } from "./cog";
import { ImageryRefused } from "./validate";

/** The folder (relative to the database's folder) uploads are stored in. */
export const UPLOAD_FOLDER = "imagery";

/** What was stored: the kind, the location to put in the source (relative to the database's folder), the zooms and bounds. */
export interface StoredImagery {
  kind: "mbtiles" | "cog";
  location: string;
  file: string;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number] | null;
}

/** Used by the upload route: which kind the bytes are (by their first bytes, not the name), or null. */
export function sniffImageryKind(bytes: Uint8Array): "mbtiles" | "cog" | null {
  const head = Buffer.from(bytes.subarray(0, 16));
  if (head.toString("latin1") === "SQLite format 3\0") return "mbtiles";
  const tiff = head.subarray(0, 4).toString("latin1");
  if (tiff === "II*\0" || tiff === "MM\0*" || tiff === "II+\0" || tiff === "MM\0+") return "cog";
  return null;
}

/** A file name made of a few safe characters of `original` and a random part. */
export function safeFileName(original: string | undefined, ext: string): string {
  const base = (original ?? "")
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]*$/, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "imagery"}-${randomBytes(4).toString("hex")}.${ext}`;
}

function isImage(data: Buffer): boolean {
  return (data[0] === 0xff && data[1] === 0xd8) || data.readUInt32BE(0) === 0x89504e47 || data.toString("ascii", 8, 12) === "WEBP";
}

/** Checks an MBTiles file already on disk: SQLite with a `tiles` table of raster tiles; its zooms and bounds. */
function describeMbtiles(file: string): Omit<StoredImagery, "kind" | "location" | "file"> {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new ImageryRefused("not_sqlite", "file");
  }
  try {
    let range: { lo: number | null; hi: number | null };
    let sample: { tile_data: Buffer } | undefined;
    try {
      range = db.prepare("SELECT MIN(zoom_level) lo, MAX(zoom_level) hi FROM tiles").get() as { lo: number | null; hi: number | null };
      sample = db.prepare("SELECT tile_data FROM tiles WHERE tile_column >= 0 AND tile_row >= 0 LIMIT 1").get() as { tile_data: Buffer } | undefined;
    } catch {
      throw new ImageryRefused("no_tiles_table", "file");
    }
    if (range.lo === null || range.hi === null || !sample) throw new ImageryRefused("no_tiles", "file");
    if (!isImage(Buffer.from(sample.tile_data))) throw new ImageryRefused("not_raster", "file");
    let bounds: [number, number, number, number] | null = null;
    try {
      const row = db.prepare("SELECT value FROM metadata WHERE name = 'bounds'").get() as { value: string } | undefined;
      const b = row?.value.split(",").map(Number);
      if (b && b.length === 4 && b.every(Number.isFinite) && b[0] < b[2] && b[1] < b[3]) bounds = b as [number, number, number, number];
    } catch {
      // metadata is optional
    }
    return { minZoom: Math.max(0, range.lo), maxZoom: Math.min(24, range.hi), bounds };
  } catch (error) {
    if (error instanceof ImageryRefused) throw error;
    throw new ImageryRefused("not_sqlite", "file");
  } finally {
    db.close();
  }
}

/**
 * Used by POST /api/imagery/upload: checks `bytes` (an MBTiles or a GeoTIFF) and stores them in
 * `<dbFolder>/imagery/`; throws `ImageryRefused` (field `file`) and leaves nothing behind when they are bad.
 */
export async function storeImageryUpload(bytes: Uint8Array, fileName: string | undefined, dbPath: string): Promise<StoredImagery> {
  const kind = sniffImageryKind(bytes);
  if (!kind) throw new ImageryRefused("not_imagery_file", "file");
  const name = safeFileName(fileName, kind === "mbtiles" ? "mbtiles" : "tif");
  const folder = join(dirname(dbPath), UPLOAD_FOLDER);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, name);
  const temp = `${file}.part`;
  try {
    let info: Omit<StoredImagery, "kind" | "location" | "file">;
    if (kind === "cog") {
      const cog = await describeGeoTiffBytes(bytes).catch((error: unknown) => {
        throw error instanceof CogInvalid ? new ImageryRefused("bad_geotiff", "file", { reason: error.message }) : error;
      });
      info = { minZoom: Math.max(0, cog.nativeZoom - 6), maxZoom: cog.nativeZoom, bounds: cog.bounds };
      writeFileSync(temp, bytes);
    } else {
      writeFileSync(temp, bytes);
      info = describeMbtiles(temp);
    }
    renameSync(temp, file);
    return { kind, location: `${UPLOAD_FOLDER}/${name}`, file, ...info };
  } finally {
    rmSync(temp, { force: true });
  }
}
