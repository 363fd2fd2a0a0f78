import { statSync } from "node:fs";
import { createCanvas } from "@napi-rs/canvas";
import { bbox as turfBbox } from "@turf/turf";
import {
  TILE_SIZE,
  metersToWorld,
  tileRangeForBbox,
  type LonLatBbox,
  type TileRange,
} from "@/lib/geo/web-mercator";
import { createPatterns, drawRegion } from "./imagery/draw";
import type { Box } from "./imagery/grid-index";
import { createMbtilesWriter } from "./imagery/mbtiles-writer";
import { hashString } from "./imagery/random";
import { buildScene } from "./imagery/scene";
import { createTextures } from "./imagery/textures";
import type { DemoTownship } from "./types";

/** Used by `renderImagery` when no zooms are given, and by whoever registers the imagery source: z13–z18. */
export const DEFAULT_IMAGERY_ZOOMS = { minZoom: 13, maxZoom: 18 } as const;

/** JPEG quality of the tiles: small blobs, artefacts hidden by the texture. */
const JPEG_QUALITY = 75;
/** Tiles being encoded (on libuv's thread pool) while the next ones are drawn. */
const MAX_PENDING = 24;

/** Zoom from which background fields are drawn strip by strip. */
const DETAIL_ZOOM = 15;

/** The world box covered by some tile ranges, grown by `pad` world units. */
function unionBox(ranges: TileRange[], pad: number): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const r of ranges) {
    const n = 2 ** r.z;
    box.minX = Math.min(box.minX, r.minX / n - pad);
    box.minY = Math.min(box.minY, r.minY / n - pad);
    box.maxX = Math.max(box.maxX, (r.maxX + 1) / n + pad);
    box.maxY = Math.max(box.maxY, (r.maxY + 1) / n + pad);
  }
  return box;
}

/** Used to decide what to render: the township's lon/lat bbox grown by a margin (≥ 200 m, 8 % of its size). */
export function imageryBbox(town: DemoTownship): LonLatBbox {
  const [west, south, east, north] = turfBbox(town.township.geometry);
  const lat = (south + north) / 2;
  const mPerDegLat = 111_320;
  const mPerDegLon = mPerDegLat * Math.cos((lat * Math.PI) / 180);
  const marginM = Math.max(200, 0.08 * Math.max((east - west) * mPerDegLon, (north - south) * mPerDegLat));
  return [west - marginM / mPerDegLon, south - marginM / mPerDegLat, east + marginM / mPerDegLon, north + marginM / mPerDegLat];
}

/**
 * Used by the seed (`seedDemo`, `ensureDemoImagery`) and by `preview-imagery`: renders synthetic aerial imagery
 * of the township (fields, trees, water, roads, roofs with shadows) as 256 px JPEG XYZ tiles over the township
 * bbox plus a margin, for zooms minZoom…maxZoom (default 13…18), into an MBTiles 1.3 file at `outPath`. The
 * file is written under a temporary name and renamed when complete. Deterministic for a given township.
 */
export async function renderImagery(
  township: DemoTownship,
  outPath: string,
  options: { minZoom?: number; maxZoom?: number } = {},
): Promise<{ tiles: number; bytes: number; ms: number }> {
  const start = performance.now();
  const minZoom = options.minZoom ?? DEFAULT_IMAGERY_ZOOMS.minZoom;
  const maxZoom = options.maxZoom ?? DEFAULT_IMAGERY_ZOOMS.maxZoom;
  if (!Number.isInteger(minZoom) || !Number.isInteger(maxZoom) || minZoom < 0 || maxZoom > 22 || minZoom > maxZoom) {
    throw new Error(`renderImagery: bad zoom range ${minZoom}–${maxZoom}`);
  }
  const bbox = imageryBbox(township);
  const centerLat = (bbox[1] + bbox[3]) / 2;
  const ranges: TileRange[] = [];
  for (let z = minZoom; z <= maxZoom; z++) ranges.push(tileRangeForBbox(bbox, z));
  // Background fields must cover every tile, including the large low-zoom ones; details only where z ≥ 15.
  const pad = metersToWorld(50, centerLat);
  const extent = unionBox(ranges, pad);
  const detailed = ranges.filter((r) => r.z >= DETAIL_ZOOM);
  const scene = buildScene(township, extent, detailed.length > 0 ? unionBox(detailed, pad) : extent, centerLat);
  const textures = createTextures(hashString(township.township.code));

  // One canvas for every tile: `encode` takes a snapshot of the pixels when called, so drawing can go on.
  const canvas = createCanvas(TILE_SIZE, TILE_SIZE);
  const ctx = canvas.getContext("2d");
  const patterns = createPatterns(ctx, textures);
  const writer = createMbtilesWriter(outPath);
  const pending: Array<{ z: number; x: number; y: number; data: Promise<Buffer> }> = [];
  const drain = async (keep: number) => {
    while (pending.length > keep) {
      const next = pending.shift()!;
      writer.put(next.z, next.x, next.y, await next.data);
    }
  };
  let tiles = 0;
  try {
    for (const r of ranges) {
      for (let y = r.minY; y <= r.maxY; y++) {
        for (let x = r.minX; x <= r.maxX; x++) {
          drawRegion(ctx, patterns, scene, r.z, x * TILE_SIZE, y * TILE_SIZE, TILE_SIZE, TILE_SIZE);
          pending.push({ z: r.z, x, y, data: canvas.encode("jpeg", JPEG_QUALITY) });
          tiles++;
          await drain(MAX_PENDING);
        }
      }
    }
    await drain(0);
    const [w, s, e, n] = bbox.map((v) => v.toFixed(6));
    const centerZoom = Math.max(minZoom, Math.min(maxZoom, 15));
    writer.finish({
      name: `${township.township.nameEn} (synthetic aerial imagery)`,
      description: `Synthetic aerial imagery of ${township.township.nameZh} ${township.township.nameEn}, rendered from the demo features`,
      format: "jpg",
      type: "baselayer",
      version: "1",
      bounds: `${w},${s},${e},${n}`,
      center: `${((bbox[0] + bbox[2]) / 2).toFixed(6)},${centerLat.toFixed(6)},${centerZoom}`,
      minzoom: String(minZoom),
      maxzoom: String(maxZoom),
      attribution: "Tessera synthetic imagery",
    });
  } catch (error) {
    await Promise.allSettled(pending.map((p) => p.data));
    writer.abort();
    throw error;
  }
  return { tiles, bytes: statSync(outPath).size, ms: performance.now() - start };
}

