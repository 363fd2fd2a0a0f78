import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getCoverageInput, getCoverageSettings, getSmallAreaPlaces } from "@/db/coverage-queries";
import { errorResponse } from "@/app/_lib/http";
import { guardRoute } from "@/app/_lib/guard";
import { issueFullCodes, type CoverageResponse } from "@/app/_lib/coverage";
import { isDistrictCode } from "@/lib/domain/codes";
import { checkCoverage } from "@/lib/coverage/check";

export const dynamic = "force-dynamic";

/**
 * GET /api/coverage[?district=CODE] → the coverage report (`{summary, issues}`, issues with message keys and
 * params, translated by the client) of the whole township, or of one district's small areas and buildings;
 * `places` gives the id and bbox of each small area an issue names. 401 when nobody is signed in.
 */
export async function GET(request: Request) {
  const guard = guardRoute(request, "read");
  if ("response" in guard) return guard.response;
  const district = new URL(request.url).searchParams.get("district");
  if (district !== null && !isDistrictCode(district)) {
    return errorResponse(400, "bad_district", "district", "district must be a 12-digit census district code");
  }
  const db = getDb();
  const input = getCoverageInput(db, district === null ? {} : { districtCode: district });
  if (!input) return errorResponse(404, "not_found", `district=${district}`, `District ${district} does not exist`);
  const report = checkCoverage(input, getCoverageSettings(db));
  const places = getSmallAreaPlaces(db, [...new Set(report.issues.flatMap(issueFullCodes))]);
  return NextResponse.json({ ...report, places } satisfies CoverageResponse);
}
