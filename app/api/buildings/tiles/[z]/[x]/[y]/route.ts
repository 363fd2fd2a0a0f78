import { createHash } from "node:crypto";
import { getDb } from "@/db/client";
import { getBuildingTile } from "@/db/building-tiles";
import { parseTileAddress } from "@/lib/io/vector-tile";
import { errorResponse } from "@/app/_lib/http";
import { guardRoute } from "@/app/_lib/guard";

export const dynamic = "force-dynamic";

// Edits change buildings (and their small area) without a page load: the browser keeps a tile but asks again
// every time, and the ETag (a hash of the bytes) turns an unchanged tile into a 304.
const CACHE = { "Cache-Control": "private, no-cache" };

function etagOf(tile: Uint8Array): string {
  return `"${createHash("sha1").update(tile).digest("base64url")}"`;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/**
 * GET /api/buildings/tiles/{z}/{x}/{y} → the buildings of XYZ tile (x, y) at zoom z as a Mapbox Vector Tile
 * (layer "buildings"; feature id = building id; number, use, name, nameEn, smallAreaId). 204 for an empty tile
 * and below zoom 13, 304 when If-None-Match holds the tile's ETag, 400 for a bad address, 401 when nobody is
 * signed in.
 */
export async function GET(request: Request, { params }: { params: Promise<{ z: string; x: string; y: string }> }) {
  const guard = guardRoute(request, "read");
  if ("response" in guard) return guard.response;
  const p = await params;
  const parsed = parseTileAddress(p.z, p.x, p.y);
  if (!parsed.ok) return errorResponse(400, "bad_tile_address", parsed.place, `${parsed.message}: /api/buildings/tiles/{z}/{x}/{y}`);
  const tile = getBuildingTile(getDb(), parsed.address);
  if (!tile) return new Response(null, { status: 204, headers: CACHE });
  const etag = etagOf(tile);
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers: { ...CACHE, ETag: etag } });
  return new Response(new Uint8Array(tile), {
    headers: { ...CACHE, "Content-Type": "application/vnd.mapbox-vector-tile", ETag: etag },
  });
}
