import { existsSync } from "node:fs";
import { databasePath, getDb } from "@/db/client";
import { openMbtiles } from "@/db/imagery/mbtiles";
import { getImagerySource } from "@/db/queries";
import { resolveImageryLocation } from "@/db/seed/imagery-location";
import { errorResponse } from "@/app/_lib/http";
import { guardRoute } from "@/app/_lib/guard";

export const dynamic = "force-dynamic";

const INT = /^\d+$/;

/**
 * GET /api/tiles/{source}/{z}/{x}/{y} → a raster tile of an MBTiles imagery source (XYZ addressing).
 * A tile the file lacks answers 204, which MapLibre draws as empty; 401 when nobody is signed in. Tiles are
 * cached by the browser only ("private"): a shared cache must not hand them to someone not signed in.
 */
export async function GET(request: Request, { params }: { params: Promise<{ source: string; z: string; x: string; y: string }> }) {
  const guard = guardRoute(request, "read");
  if ("response" in guard) return guard.response;
  const p = await params;
  const y = p.y.replace(/\.(jpg|jpeg|png|webp)$/, "");
  if (![p.source, p.z, p.x, y].every((v) => INT.test(v))) return errorResponse(400, "bad_tile_address", "source/z/x/y", "Tile address must be integers: /api/tiles/{source}/{z}/{x}/{y}");
  const source = getImagerySource(getDb(), Number(p.source));
  if (!source) return errorResponse(404, "not_found", `imagery_sources/${p.source}`, `Imagery source ${p.source} does not exist`);
  if (source.kind !== "mbtiles") return errorResponse(400, "not_served", `imagery_sources/${p.source}`, `Imagery source ${p.source} (${source.kind}) is not served by this route`);
  const file = resolveImageryLocation(databasePath(), source.location);
  if (!existsSync(file)) return errorResponse(404, "missing_file", source.location, `The imagery file ${source.location} is missing`);
  const tile = openMbtiles(file).getTile(Number(p.z), Number(p.x), Number(y));
  if (!tile) return new Response(null, { status: 204 });
  return new Response(new Uint8Array(tile.data), {
    headers: { "Content-Type": tile.contentType, "Cache-Control": "private, max-age=3600" },
  });
}
