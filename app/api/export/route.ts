import { MESSAGES } from "@/lib/i18n/messages";
import { can } from "@/lib/domain/permissions";
import { VECTOR_FORMATS, type VectorFormat } from "@/lib/io/formats/types";
import { writeVectorFile } from "@/lib/io/formats/write";
import { getDb } from "@/db/client";
import { authorize, loadAssignment, placeOf, scopeOf, type Target } from "@/db/access";
import { appendAudit } from "@/db/audit";
import { EXPORT_LAYERS, exportData, findExportScope, townshipIds, type ExportLayer, type ExportScope } from "@/db/export-queries";
import { guardRoute } from "@/app/_lib/guard";
import { errorResponse } from "@/app/_lib/http";
import { requestLocale } from "@/app/_lib/print-input";
import { attachmentDisposition, failureText } from "@/app/_lib/print-response";
import { ipFromHeaders } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

type Place = "layer" | "format" | "scope" | "district" | "township";

/** The query read: the layer, format and scope codes, or the first parameter that is wrong. */
function readQuery(url: URL): { ok: true; layer: ExportLayer; format: VectorFormat; district: string | null; township: string | null } | { ok: false; place: Place } {
  const q = url.searchParams;
  const layer = q.get("layer") ?? "";
  if (!(EXPORT_LAYERS as readonly string[]).includes(layer)) return { ok: false, place: "layer" };
  const format = q.get("format") ?? "";
  if (!(VECTOR_FORMATS as readonly string[]).includes(format)) return { ok: false, place: "format" };
  const district = q.get("district") || null;
  const township = q.get("township") || null;
  if (district && township) return { ok: false, place: "scope" };
  if (district !== null && !/^\d{12}$/.test(district)) return { ok: false, place: "district" };
  if (township !== null && !/^\d{9}$/.test(township)) return { ok: false, place: "township" };
  return { ok: true, layer: layer as ExportLayer, format: format as VectorFormat, district, township };
}

const targetOf = (scope: ExportScope | null): Target => (scope && scope.type !== "all" ? { type: scope.type, id: scope.id } : null);

/**
 * GET /api/export?layer=districts|small-areas|buildings|reference|housing-units&format=geojson|shapefile|
 * geopackage|kml|csv|flatgeobuf[&district=CODE|&township=CODE] → the layer as a file (attachment). Needs
 * `export` on the township or district (none given: the whole county, for an administrator or a county office
 * — every township must be inside the person's assignment). 401 signed out, 403 refused (audited), 400 naming
 * a bad parameter. Every export is audited (`export`, detail "small-areas shapefile 57 features"), and once
 * more as `units.export` when household values of buildings or units are in the file; those go out only where
 * the person may `read_units`, else the building columns are left out and the unit table is refused (403).
 */
export async function GET(request: Request): Promise<Response> {
  const lang = requestLocale(request);
  const m = MESSAGES[lang].export;
  const query = readQuery(new URL(request.url));
  const db = getDb();
  const scope = query.ok ? findExportScope(db, query) : null;
  const guard = guardRoute(request, "export", targetOf(scope));
  if ("response" in guard) return guard.response;
  if (!query.ok) return errorResponse(400, "bad_parameter", query.place, m.bad[query.place]);
  if (!scope) return errorResponse(400, "bad_parameter", query.district ? "district" : "township", m.bad[query.district ? "district" : "township"]);
  const user = guard.user;
  const ip = ipFromHeaders(request.headers);
  const assignment = loadAssignment(db, user.id);
  if (scope.type === "all" && !townshipIds(db).every((id) => authorize(db, user, "export", { type: "township", id }, assignment))) {
    appendAudit(db, { actor: user, action: "forbidden", outcome: "refused", targetType: "county", detail: "export", ip });
    return errorResponse(403, "forbidden", "county", m.server.countyWide);
  }
  const readUnits = new Map<number | null, boolean>();
  const canReadUnits = (districtId: number | null) => {
    if (!readUnits.has(districtId)) {
      const place = districtId === null ? { townshipId: null, districtId: null, smallAreaId: null } : placeOf(db, { type: "district", id: districtId });
      readUnits.set(districtId, place !== null && can(user.role, "read_units", scopeOf(user, assignment, place)));
    }
    return readUnits.get(districtId)!;
  };
  const data = exportData(db, query.layer, scope, canReadUnits);
  const targetType = scope.type === "all" ? "county" : scope.type;
  const targetId = scope.type === "all" ? null : scope.id;
  if (data.refused) {
    appendAudit(db, { actor: user, action: "forbidden", outcome: "refused", targetType, targetId, detail: "units.export", ip });
    return errorResponse(403, "forbidden", query.layer, m.server.units);
  }
  let file;
  try {
    const code = scope.type === "all" ? "all" : scope.code;
    file = await writeVectorFile(data.features, query.format, { layerName: `${query.layer.replaceAll("-", "_")}_${code}`, fields: data.fields });
  } catch (error) {
    console.error(`export of ${query.layer} as ${query.format} failed:`, error);
    appendAudit(db, { actor: user, action: "export", outcome: "failed", targetType, targetId, detail: `${query.layer} ${query.format}`, ip });
    return errorResponse(500, "export_failed", query.format, m.server.failed.replace("{message}", failureText(error)));
  }
  const detail = `${query.layer} ${query.format} ${data.features.length} features`;
  appendAudit(db, { actor: user, action: "export", targetType, targetId, detail, ip });
  if (data.unitValues) appendAudit(db, { actor: user, action: "units.export", targetType, targetId, detail, ip });
  return new Response(file.bytes as unknown as BodyInit, {
    headers: {
      "content-type": file.mimeType,
      "content-length": String(file.bytes.byteLength),
      "content-disposition": attachmentDisposition(file.fileName),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
