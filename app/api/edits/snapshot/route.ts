import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getEditSnapshot } from "@/db/edit-queries";
import type { Bbox } from "@/lib/geo/bbox";
import { errorResponse } from "@/app/_lib/http";

export const dynamic = "force-dynamic";

const bboxSchema = z
  .string()
  .transform((s) => s.split(",").map((part) => (part.trim() === "" ? NaN : Number(part))))
  .pipe(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)]))
  .refine(([w, s, e, n]) => w <= e && s <= n);

/**
 * GET /api/edits/snapshot[?bbox=minLon,minLat,maxLon,maxLat] → the EditSnapshot the editor's ops read:
 * districts and small areas with their versions — all of them, or those in the view and every one that can
 * share a boundary with them (see `getEditSnapshot`).
 */
export async function GET(request: Request) {
  const raw = new URL(request.url).searchParams.get("bbox");
  let bbox: Bbox | undefined;
  if (raw !== null) {
    const parsed = bboxSchema.safeParse(raw);
    if (!parsed.success) return errorResponse(400, "bad_bbox", "bbox", "bbox must be four numbers: west,south,east,north in degrees, west ≤ east, south ≤ north");
    bbox = parsed.data;
  }
  return NextResponse.json(getEditSnapshot(getDb(), bbox));
}
