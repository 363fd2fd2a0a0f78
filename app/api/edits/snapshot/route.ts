import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getEditSnapshot } from "@/db/edit-queries";
import type { EditSnapshot } from "@/lib/edits/types";
import type { Bbox } from "@/lib/geo/bbox";
import { errorResponse } from "@/app/_lib/http";
import { guardRoute } from "@/app/_lib/guard";
import { ipFromHeaders } from "@/app/_lib/session";
import { auditUnitsView, readableUnits } from "../../_lib/units";

export const dynamic = "force-dynamic";

const bboxSchema = z
  .string()
  .transform((s) => s.split(",").map((part) => (part.trim() === "" ? NaN : Number(part))))
  .pipe(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)]))
  .refine(([w, s, e, n]) => w <= e && s <= n);

/**
 * GET /api/edits/snapshot[?bbox=minLon,minLat,maxLon,maxLat] → the EditSnapshot the editor's ops read:
 * districts and small areas with their versions — all of them, or those in the view and every one that can
 * share a boundary with them (see `getEditSnapshot`). 401 when nobody is signed in. Housing units, should the
 * snapshot carry any, are kept only where the person may read them (`unitsHidden` says some were left out),
 * and a response with units is audited once (`units.view`).
 */
export async function GET(request: Request) {
  const guard = guardRoute(request, "read");
  if ("response" in guard) return guard.response;
  const raw = new URL(request.url).searchParams.get("bbox");
  let bbox: Bbox | undefined;
  if (raw !== null) {
    const parsed = bboxSchema.safeParse(raw);
    if (!parsed.success) return errorResponse(400, "bad_bbox", "bbox", "bbox must be four numbers: west,south,east,north in degrees, west ≤ east, south ≤ north");
    bbox = parsed.data;
  }
  const db = getDb();
  const snapshot: EditSnapshot & { unitsHidden?: boolean } = getEditSnapshot(db, bbox);
  if (snapshot.housingUnits) {
    const { units, hidden } = readableUnits(db, guard.user, snapshot.housingUnits);
    snapshot.housingUnits = units;
    snapshot.unitsHidden = hidden;
    if (units.length > 0) auditUnitsView(db, guard.user, { type: "snapshot", id: bbox ? bbox.join(",") : null }, units.length, ipFromHeaders(request.headers));
  }
  return NextResponse.json(snapshot, { headers: { "cache-control": "private, no-store" } });
}
