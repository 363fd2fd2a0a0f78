import { databasePath, getDb } from "@/db/client";
import { getImagerySourceRow } from "@/db/imagery-sources";
import { imageryTile, MissingImageryFile, UpstreamError } from "@/db/imagery/tiles";
import { errorResponse } from "@/app/_lib/http";
import { guardRoute } from "@/app/_lib/guard";

export const dynamic = "force-dynamic";

const INT = /^\d+$/;

/**
 * GET /api/tiles/{source}/{z}/{x}/{y} → a raster tile of an imagery source (XYZ addressing), whatever its kind:
 * an MBTiles, PMTiles or GeoTIFF file, or a remote XYZ/TMS/WMS service fetched here as a proxy (only the
 * configured sources, never a URL from the request; the key added on the server). The source's offset is
 * applied here. A tile the source lacks answers 204, which MapLibre draws as empty; 401 when nobody is signed
 * in; 502 when the upstream fails or times out; 503 when the key's environment variable is not set. Tiles are
 * cached by the browser only ("private"): a shared cache must not hand them to someone not signed in. The
 * query string (`?o=east,north`) only changes the URL after a nudge, so the browser does not reuse old tiles.
 */
export async function GET(request: Request, { params }: { params: Promise<{ source: string; z: string; x: string; y: string }> }) {
  const guard = guardRoute(request, "read");
  if ("response" in guard) return guard.response;
  const p = await params;
  const y = p.y.replace(/\.(jpg|jpeg|png|webp)$/, "");
  if (![p.source, p.z, p.x, y].every((v) => INT.test(v)) || Number(p.z) > 30) return errorResponse(400, "bad_tile_address", "source/z/x/y", "Tile address must be integers: /api/tiles/{source}/{z}/{x}/{y}");
  const source = getImagerySourceRow(getDb(), Number(p.source));
  if (!source) return errorResponse(404, "not_found", `imagery_sources/${p.source}`, `Imagery source ${p.source} does not exist`);
  const [z, x, row] = [Number(p.z), Number(p.x), Number(y)];
  if (x >= 2 ** z || row >= 2 ** z) return new Response(null, { status: 204 });
  try {
    const tile = await imageryTile(source, z, x, row, databasePath());
    if (!tile) return new Response(null, { status: 204, headers: { "Cache-Control": "private, max-age=3600" } });
    return new Response(new Uint8Array(tile.data), { headers: { "Content-Type": tile.contentType, "Cache-Control": "private, max-age=3600" } });
  } catch (error) {
    const where = `imagery_sources/${source.id}`;
    if (error instanceof MissingImageryFile) return errorResponse(404, "missing_file", source.location, error.message);
    if (error instanceof UpstreamError) return errorResponse(error.rule === "key_missing" ? 503 : 502, error.rule, where, error.message);
    return errorResponse(502, "imagery_unreadable", where, `the imagery of source ${source.id} could not be read: ${error instanceof Error ? error.message.slice(0, 200) : "unknown error"}`);
  }
}
