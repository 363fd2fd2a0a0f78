/**
 * One tile of any imagery source, as the tile route serves it: the source's layers (a file, or up to three
 * stacked URL templates) read by kind, then shifted by the source's offset (see `compose.ts`).
 */
import { existsSync } from "node:fs";
import type { ImagerySourceRow } from "../imagery-sources";
import { resolveImageryLocation } from "../seed/imagery-location";
import { cogTile } from "./cog";
import { composeTile, type TileBytes, type TileGetter } from "./compose";
import { openMbtiles } from "./mbtiles";
import { pmtilesTile } from "./pmtiles";
import { expandTemplate, fetchUpstreamTile, keyOf, templatesOf, UpstreamError } from "./remote";

/** A source whose file is not where the database says (404 `missing_file`). */
export class MissingImageryFile extends Error {}

/** The source as the tile reader needs it. */
export type TileSource = Pick<ImagerySourceRow, "kind" | "location" | "keyEnv" | "offsetX" | "offsetY" | "minZoom" | "maxZoom">;

function fileOf(location: string, dbPath: string): string {
  const file = resolveImageryLocation(dbPath, location);
  if (!existsSync(file)) throw new MissingImageryFile(`the imagery file ${location} is missing`);
  return file;
}

/**
 * Used by `imageryTile`: the layers of `source`, bottom first. Throws `UpstreamError("key_missing")` when the
 * source names a key the environment does not hold, `MissingImageryFile` when its file is gone.
 */
export function layersOf(source: TileSource, dbPath: string, env: Record<string, string | undefined> = process.env): TileGetter[] {
  switch (source.kind) {
    case "mbtiles": {
      const reader = openMbtiles(fileOf(source.location, dbPath));
      return [async (z, x, y) => reader.getTile(z, x, y)];
    }
    case "pmtiles": {
      const at = /^https?:\/\//i.test(source.location) ? source.location : fileOf(source.location, dbPath);
      return [(z, x, y) => pmtilesTile(at, z, x, y)];
    }
    case "cog": {
      const file = fileOf(source.location, dbPath);
      return [(z, x, y) => cogTile(file, z, x, y)];
    }
    case "xyz":
    case "tms":
    case "wms": {
      const key = keyOf(source.keyEnv, env);
      const kind = source.kind;
      return templatesOf(source.location).map((template) => async (z, x, y) => {
        const tile = await fetchUpstreamTile(expandTemplate(template, kind, z, x, y, key), key);
        return tile.data ? { data: tile.data, contentType: tile.contentType } : null;
      });
    }
  }
}

/**
 * Used by GET /api/tiles/{source}/{z}/{x}/{y}: the tile of `source`, offset applied; null when the source has
 * no imagery there (outside its zooms, or an empty tile). Throws `UpstreamError` or `MissingImageryFile`.
 */
export async function imageryTile(source: TileSource, z: number, x: number, y: number, dbPath: string, env: Record<string, string | undefined> = process.env): Promise<TileBytes | null> {
  if (z < source.minZoom || z > source.maxZoom) return null;
  return composeTile(layersOf(source, dbPath, env), z, x, y, source.offsetX, source.offsetY);
}

export { UpstreamError };
