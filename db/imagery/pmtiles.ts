/**
 * PMTiles archives (one file of raster tiles, read by byte ranges) through the `pmtiles` library: a local file
 * through a Node file source (the library's own FileSource is the browser File API), or a URL through its
 * FetchSource, which the server fetches by HTTP ranges. Only raster archives (PNG, JPEG, WebP) are imagery.
 */
import { open, stat, type FileHandle } from "node:fs/promises";
import { resolve } from "node:path";
import { PMTiles, TileType, type RangeResponse, type Source } from "pmtiles";
import type { TileBytes } from "./compose";

const RASTER_TYPES: Partial<Record<TileType, string>> = {
  [TileType.Png]: "image/png",
  [TileType.Jpeg]: "image/jpeg",
  [TileType.Webp]: "image/webp",
};

/** A PMTiles Source over a local file, read with positioned reads (the file stays open while cached). */
export class NodeFileSource implements Source {
  private handle: Promise<FileHandle> | null = null;
  constructor(readonly path: string) {}

  getKey(): string {
    return this.path;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.handle ??= open(this.path, "r");
    const handle = await this.handle;
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) as ArrayBuffer;
    return { data };
  }

  /** Closes the file. */
  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    if (handle) await (await handle).close();
  }
}

/** What the settings page and the validator learn from an archive's header. */
export interface PmtilesInfo {
  contentType: string;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number] | null;
}

interface Entry {
  archive: PMTiles;
  source: NodeFileSource | null;
  stamp: string;
}
const cache = new Map<string, Entry>();

async function archiveOf(location: string): Promise<PMTiles> {
  if (/^https?:\/\//i.test(location)) {
    const cached = cache.get(location);
    if (cached) return cached.archive;
    const archive = new PMTiles(location);
    cache.set(location, { archive, source: null, stamp: "" });
    return archive;
  }
  const file = resolve(location);
  const s = await stat(file);
  const stamp = `${s.ino}:${s.mtimeMs}:${s.size}`;
  const cached = cache.get(file);
  if (cached && cached.stamp === stamp) return cached.archive;
  await cached?.source?.close();
  const source = new NodeFileSource(file);
  const archive = new PMTiles(source);
  cache.set(file, { archive, source, stamp });
  return archive;
}

/**
 * Used when a PMTiles source is added or changed: reads the header and says what the archive holds; throws
 * an Error with a plain message when it is not a PMTiles v3 archive or holds vector tiles.
 */
export async function pmtilesInfo(location: string): Promise<PmtilesInfo> {
  const header = await (await archiveOf(location)).getHeader();
  const contentType = RASTER_TYPES[header.tileType];
  if (!contentType) throw new Error(`the archive holds ${header.tileType === TileType.Mvt ? "vector" : "unknown"} tiles, not raster imagery (PNG, JPEG or WebP)`);
  const valid = header.minLon < header.maxLon && header.minLat < header.maxLat;
  return { contentType, minZoom: header.minZoom, maxZoom: header.maxZoom, bounds: valid ? [header.minLon, header.minLat, header.maxLon, header.maxLat] : null };
}

/** Used by the tile route: tile (z, x, y) (XYZ) of the archive at `location` (a file path or URL); null when absent. */
export async function pmtilesTile(location: string, z: number, x: number, y: number): Promise<TileBytes | null> {
  const archive = await archiveOf(location);
  const header = await archive.getHeader();
  const contentType = RASTER_TYPES[header.tileType];
  if (!contentType) return null;
  const n = 2 ** z;
  if (x < 0 || y < 0 || x >= n || y >= n || z > 26) return null;
  const tile = await archive.getZxy(z, x, y);
  return tile ? { data: new Uint8Array(tile.data), contentType } : null;
}

/** Used by tests: closes every cached archive file. */
export async function closeAllPmtiles(): Promise<void> {
  for (const entry of [...cache.values()]) await entry.source?.close();
  cache.clear();
}
