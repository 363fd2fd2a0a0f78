import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getSmallAreaDetail } from "@/db/queries";
import { errorResponse } from "@/app/_lib/http";

export const dynamic = "force-dynamic";

/** GET /api/small-areas/{id} → the side panel's details of one small area */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) return errorResponse(400, "bad_id", "id", "The small-area id must be a positive integer");
  const detail = getSmallAreaDetail(getDb(), Number(id));
  if (!detail) return errorResponse(404, "not_found", `small_areas/${id}`, `Small area ${id} does not exist`);
  return NextResponse.json(detail);
}
