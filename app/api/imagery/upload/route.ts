import { rmSync } from "node:fs";
import { NextResponse } from "next/server";
import { databasePath, getDb } from "@/db/client";
import { createImagerySource } from "@/db/imagery-sources";
import { storeImageryUpload } from "@/db/imagery/upload";
import { ImageryRefused } from "@/db/imagery/validate";
import { errorResponse } from "@/app/_lib/http";
import { guardRoute } from "@/app/_lib/guard";
import { readUpload } from "@/app/_lib/read-upload";
import { ipFromHeaders } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

/** Largest imagery file accepted: `TESSERA_IMAGERY_MAX_MB` megabytes (default 200; the file is held in memory while checked). */
function maxBytes(): number {
  const mb = Number(process.env.TESSERA_IMAGERY_MAX_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 200) * 1024 * 1024;
}

/**
 * POST /api/imagery/upload (multipart: `file`, `name`, optional `attribution`) → a new imagery source from an
 * MBTiles file (SQLite with a `tiles` table of raster tiles) or a GeoTIFF / COG (8-bit, EPSG:3857/4326/4490),
 * stored under data/imagery/ with a name made by the server. The admin's (`manage_imagery`); audited as
 * `imagery.create`. Bad files answer 413/422 `{ error: { rule, place, message } }` and leave nothing behind.
 */
export async function POST(request: Request) {
  const guard = guardRoute(request, "manage_imagery");
  if ("response" in guard) return guard.response;
  const upload = await readUpload(request, maxBytes());
  if ("status" in upload) return errorResponse(upload.status, upload.rule, upload.place, upload.message);
  const db = getDb();
  let file: string | null = null;
  try {
    const stored = await storeImageryUpload(upload.bytes, upload.fileName, databasePath());
    file = stored.file;
    const name = upload.fields.get("name")?.trim() || (upload.fileName ?? "").replace(/\.[^.]*$/, "").slice(0, 100);
    const source = createImagerySource(
      db,
      { actor: guard.user, ip: ipFromHeaders(request.headers) },
      { name, kind: stored.kind, location: stored.location, attribution: upload.fields.get("attribution") ?? null, minZoom: stored.minZoom, maxZoom: stored.maxZoom, keyEnv: null },
      { bounds: stored.bounds },
    );
    return NextResponse.json({ source });
  } catch (error) {
    if (file) rmSync(file, { force: true });
    if (error instanceof ImageryRefused) return NextResponse.json({ error: { rule: error.rule, place: error.field, message: error.message, params: error.params } }, { status: 422 });
    throw error;
  }
}
