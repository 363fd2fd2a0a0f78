import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getBuildingForEdit } from "@/db/edit-queries";
import { errorResponse } from "@/app/_lib/http";
import { guardRoute } from "@/app/_lib/guard";
import { ipFromHeaders } from "@/app/_lib/session";
import { auditUnitsView, readableUnits } from "../../_lib/units";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "private, no-store" };

/**
 * GET /api/buildings/{id} → `{ buildings: [building], housingUnits: [...], unitsHidden }`, the piece of
 * EditSnapshot the building panel and its ops read (versions included); 401 when nobody is signed in, 400 for
 * an id that is not a positive integer, 404 for a building that does not exist. Unit details are confidential
 * (issue #6): only the units the person may read (`read_units` on their place) are sent — the others are left
 * out and `unitsHidden` is true — every response with units is audited (`units.view`), and nothing is cached.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const valid = /^\d{1,15}$/.test(id) && Number(id) !== 0;
  const guard = guardRoute(request, "read", valid ? { type: "building", id: Number(id) } : null);
  if ("response" in guard) return guard.response;
  if (!valid) return errorResponse(400, "bad_id", "id", "The building id must be a positive integer");
  const db = getDb();
  const building = getBuildingForEdit(db, Number(id));
  if (!building) return errorResponse(404, "not_found", `building/${id}`, `Building ${id} does not exist`);
  const { units, hidden } = readableUnits(db, guard.user, building.housingUnits);
  if (units.length > 0) auditUnitsView(db, guard.user, { type: "building", id: Number(id) }, units.length, ipFromHeaders(request.headers));
  return NextResponse.json({ buildings: building.buildings, housingUnits: units, unitsHidden: hidden }, { headers: NO_STORE });
}
