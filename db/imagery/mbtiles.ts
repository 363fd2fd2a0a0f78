import { statSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { flipY } from "@/lib/geo/web-mercator";

/** One tile read from an MBTiles file, ready to send as an HTTP body. */
export interface MbtilesTile {
  data: Buffer;
  contentType: string;
}

/** A read-only MBTiles file; returned (cached) by `openMbtiles` and used by the `/api/tiles/...` route. */
export interface MbtilesReader {
  /** XYZ (not TMS) addressing, as in the tile URL; null when the file has no such tile. */
  getTile(z: number, x: number, y: number): MbtilesTile | null;
  /** The `metadata` table as name → value (name, format, bounds, center, minzoom, maxzoom, …). */
  metadata(): Record<string, string>;
  /** Closes the file and drops it from the cache; the next `openMbtiles` of the path opens it again. */
  close(): void;
}

interface CacheEntry {
  reader: MbtilesReader;
  ino: number;
  mtimeMs: number;
  size: number;
}

const cache = new Map<string, CacheEntry>();

const CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  pbf: "application/x-protobuf",
};

/** Content type from the first bytes of a tile, for files whose `format` metadata is missing or wrong. */
function sniffContentType(data: Buffer): string | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47) return "image/png";
  if (data.length >= 12 && data.toString("ascii", 0, 4) === "RIFF" && data.toString("ascii", 8, 12) === "WEBP") return "image/webp";
  return null;
}

function createReader(file: string): MbtilesReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const selectTile = db.prepare<[number, number, number], { tile_data: Buffer }>(
    "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
  );
  const rows = db.prepare<[], { name: string; value: string }>("SELECT name, value FROM metadata").all();
  const meta: Record<string, string> = {};
  for (const row of rows) meta[row.name] = String(row.value);
  const declaredType = CONTENT_TYPES[(meta.format ?? "").toLowerCase()] ?? null;

  const reader: MbtilesReader = {
    getTile(z, x, y) {
      if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y) || z < 0 || z > 30) return null;
      const n = 2 ** z;
      if (x < 0 || y < 0 || x >= n || y >= n) return null;
      const row = selectTile.get(z, x, flipY(y, z));
      if (!row) return null;
      const data = Buffer.from(row.tile_data);
      return { data, contentType: sniffContentType(data) ?? declaredType ?? "application/octet-stream" };
    },
    metadata() {
      return { ...meta };
    },
    close() {
      const entry = cache.get(file);
      if (entry?.reader === reader) cache.delete(file);
      if (db.open) db.close();
    },
  };
  return reader;
}

/**
 * Used by the tile route (`/api/tiles/...`) on every request: opens an MBTiles file read-only, or returns the
 * one already open for the same path. When the file was replaced since (the seed writes a temp file and renames
 * it over the old one), the old handle is closed and the new file opened, so re-seeding needs no restart.
 * Throws when the file does not exist or is not SQLite.
 */
export function openMbtiles(path: string): MbtilesReader {
  const file = resolve(path);
  const stat = statSync(file);
  const cached = cache.get(file);
  if (cached && cached.ino === stat.ino && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.reader;
  cached?.reader.close();
  const reader = createReader(file);
  cache.set(file, { reader, ino: stat.ino, mtimeMs: stat.mtimeMs, size: stat.size });
  return reader;
}

/** Used when an uploaded file is deleted with its source: closes the cached handle of that file, if any. */
export function closeMbtiles(path: string): void {
  const file = resolve(path);
  cache.get(file)?.reader.close();
  cache.delete(file);
}

/** Used by tests and at shutdown: closes every cached MBTiles file. */
export function closeAllMbtiles(): void {
  for (const entry of [...cache.values()]) entry.reader.close();
}
