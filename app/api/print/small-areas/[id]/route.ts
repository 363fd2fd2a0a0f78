import { getSheet } from "../../_lib/sheet-route";

export const dynamic = "force-dynamic";

/**
 * GET /api/print/small-areas/{id}?paper=A4|A3&orientation=portrait|landscape&imagery=1&locale=zh|en → the
 * small-area sheet (普查小区图) as a PDF attachment; audited as `print` of the small area. 401 signed out,
 * 403 outside the person's assignment (or an unknown id), 400 naming a bad parameter.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return getSheet(request, "small_area", (await params).id);
}
