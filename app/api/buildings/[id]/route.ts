import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getBuildingForEdit } from "@/db/edit-queries";
import { errorResponse } from "@/app/_lib/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/buildings/{id} → `{ buildings: [building], housingUnits: [...] }`, the piece of EditSnapshot the
 * building panel and its ops read (versions included); 400 for an id that is not a positive integer, 404 for
 * a building that does not exist. Unit details are confidential: not cached, and (issue #6) only for roles
 * that may see them.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d{1,15}$/.test(id) || Number(id) === 0) return errorResponse(400, "bad_id", "id", "The building id must be a positive integer");
  const building = getBuildingForEdit(getDb(), Number(id));
  if (!building) return errorResponse(404, "not_found", `building/${id}`, `Building ${id} does not exist`);
  return NextResponse.json(building, { headers: { "cache-control": "private, no-store" } });
}
