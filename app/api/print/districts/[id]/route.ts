import { getSheet } from "../../_lib/sheet-route";

export const dynamic = "force-dynamic";

/**
 * GET /api/print/districts/{id}?paper=A4|A3&orientation=portrait|landscape&imagery=1&locale=zh|en → the
 * district sheet (普查区图) as a PDF attachment; audited as `print` of the district. 401 signed out, 403
 * outside the person's assignment (or an unknown id), 400 naming a bad parameter.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return getSheet(request, "district", (await params).id);
}
