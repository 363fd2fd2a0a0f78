import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { authorize } from "@/db/access";
import { getSmallAreaDetail } from "@/db/queries";
import { errorResponse } from "@/app/_lib/http";
import { guardRoute } from "@/app/_lib/guard";

export const dynamic = "force-dynamic";

/**
 * GET /api/small-areas/{id} → the side panel's details of one small area; 401 when nobody is signed in.
 * The detail carries totals only (households, persons, units: the same figures the small-areas layer colours
 * by size), never a housing unit; `unitsHidden` says whether the person may read the area's units
 * (`read_units`), so that the panel offers them only to those who may.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const valid = /^\d{1,15}$/.test(id) && Number(id) !== 0;
  const guard = guardRoute(request, "read", valid ? { type: "small_area", id: Number(id) } : null);
  if ("response" in guard) return guard.response;
  if (!valid) return errorResponse(400, "bad_id", "id", "The small-area id must be a positive integer");
  const db = getDb();
  const detail = getSmallAreaDetail(db, Number(id));
  if (!detail) return errorResponse(404, "not_found", `small_areas/${id}`, `Small area ${id} does not exist`);
  const unitsHidden = !authorize(db, guard.user, "read_units", { type: "small_area", id: detail.id });
  return NextResponse.json({ ...detail, unitsHidden }, { headers: { "cache-control": "private, no-store" } });
}
