import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getAreaLabels, getLayerFeatures, MAP_LAYERS, type Bbox } from "@/db/queries";
import { errorResponse } from "@/app/_lib/http";
import { guardRoute } from "@/app/_lib/guard";

export const dynamic = "force-dynamic";

const bboxSchema = z
  .string()
  .transform((s) => s.split(",").map(Number))
  .pipe(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)]));

/**
 * GET /api/layers/{districts|small-areas|buildings|reference|labels}[?bbox=w,s,e,n] → GeoJSON FeatureCollection;
 * 401 when nobody is signed in (geometry and totals are for every signed-in role, never for the public).
 */
export async function GET(request: Request, { params }: { params: Promise<{ layer: string }> }) {
  const guard = guardRoute(request, "read");
  if ("response" in guard) return guard.response;
  const { layer } = await params;
  const db = getDb();
  if (layer === "labels") return NextResponse.json(getAreaLabels(db));
  const known = MAP_LAYERS.find((l) => l === layer);
  if (!known) return errorResponse(404, "unknown_layer", `layer=${layer}`, `Unknown layer "${layer}"; use one of ${MAP_LAYERS.join(", ")}, labels`);
  const raw = new URL(request.url).searchParams.get("bbox");
  let bbox: Bbox | undefined;
  if (raw !== null) {
    const parsed = bboxSchema.safeParse(raw);
    if (!parsed.success) return errorResponse(400, "bad_bbox", "bbox", "bbox must be four numbers: west,south,east,north in degrees");
    bbox = parsed.data as Bbox;
  }
  return NextResponse.json(getLayerFeatures(db, known, bbox));
}
