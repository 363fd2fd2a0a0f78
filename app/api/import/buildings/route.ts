import { NextResponse } from "next/server";
import { errorResponse } from "@/app/_lib/http";
import { guardRoute } from "@/app/_lib/guard";
import { ipFromHeaders } from "@/app/_lib/session";
import { appendAudit } from "@/db/audit";
import type { SessionUser } from "@/db/auth";
import { can } from "@/lib/domain/permissions";
import { readUpload } from "@/app/_lib/read-upload";
import { getDb } from "@/db/client";
import { getTownshipBboxes, importBuildings } from "@/db/import-buildings";
import { ImportInputError, parseBuildingImport, type ImportFormat, type ParsedBuildings } from "@/lib/io/building-import";
import { importReport } from "@/lib/io/import-report";
import { IMPORT_ENCODINGS, type EncodingChoice } from "@/lib/io/import-decode";

export const dynamic = "force-dynamic";

/** Largest file accepted (a county's 300,000 buildings as CSV are ~12 MB). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Problems and warnings listed in the response; the counts say how many there are in all. */
const LISTED = 1000;

const TRUE = new Set(["1", "true", "on", "yes"]);

function formatOf(fields: Map<string, string>, contentType: string): ImportFormat | undefined {
  const f = fields.get("format");
  if (f === "csv" || f === "geojson") return f;
  if (/^text\/(csv|plain)/i.test(contentType)) return "csv";
  if (/^application\/(geo\+)?json/i.test(contentType)) return "geojson";
  return undefined;
}

function encodingOf(fields: Map<string, string>): EncodingChoice | null {
  const e = (fields.get("encoding") || "auto").toLowerCase();
  return e === "auto" || (IMPORT_ENCODINGS as readonly string[]).includes(e) ? (e as EncodingChoice) : null;
}

async function importUpload(request: Request, user: SessionUser): Promise<NextResponse> {
  const upload = await readUpload(request, MAX_FILE_BYTES);
  if ("status" in upload) return errorResponse(upload.status, upload.rule, upload.place, upload.message);
  const encoding = encodingOf(upload.fields);
  if (!encoding) return errorResponse(400, "encoding", "encoding", "encoding must be auto, utf-8 or gbk");
  const skipBad = TRUE.has((upload.fields.get("skipBad") ?? "").toLowerCase());
  const db = getDb();
  let parsed: ParsedBuildings;
  try {
    const format = formatOf(upload.fields, request.headers.get("content-type") ?? "");
    parsed = parseBuildingImport(upload.bytes, { fileName: upload.fileName, format, encoding, townships: getTownshipBboxes(db) });
  } catch (error) {
    if (error instanceof ImportInputError) return errorResponse(422, error.rule, error.place, error.message);
    throw error;
  }
  if (parsed.badRows && !skipBad) {
    const message = `${parsed.badRows} of ${parsed.rowCount} rows are bad: nothing was imported (send skipBad to import the good rows)`;
    return NextResponse.json({ error: { rule: "bad_rows", place: "file", message }, report: importReport(parsed, null, LISTED) }, { status: 422 });
  }
  const written = importBuildings(db, parsed, { skipBad, userId: user.id });
  appendAudit(db, { actor: user, action: "import.buildings", targetType: "change", targetId: written.changeId, detail: `${upload.fileName ?? "upload"}: ${written.inserted} buildings`, ip: ipFromHeaders(request.headers) });
  return NextResponse.json({ report: importReport(parsed, written, LISTED), changeId: written.changeId });
}

/**
 * POST /api/import/buildings: a CSV or GeoJSON file of buildings, as multipart/form-data (`file`, and text
 * fields `encoding` auto|utf-8|gbk, `skipBad` true|false, optional `format` csv|geojson) or as the raw body
 * (the same options in the query string, `name` for the file name). Answers 200 `{ report }` when the good rows
 * are written (db/import-buildings.ts: one transaction); 422 `{ error, report }` when the file has bad rows and
 * `skipBad` is not set (nothing written; the report lists them by line, field and rule); 422 `{ error }` for a
 * file that cannot be read, 400 for a malformed upload or option, 413 above 50 MB. Never 500: a write that fails
 * (the database busy or full) answers 503 and nothing of it is kept. Progress: the UI shows the upload's; the
 * server answers once the rows are written (seconds for a county).
 */
export async function POST(request: Request) {
  // an import places buildings wherever they lie, so it needs a role that may create anywhere (an admin)
  const guard = guardRoute(request, "create");
  if ("response" in guard) return guard.response;
  if (!can(guard.user.role, "create", "outside")) return errorResponse(403, "forbidden", "import", "only an admin may import buildings");
  try {
    return await importUpload(request, guard.user);
  } catch (error) {
    // the error's name and code only: a message could one day carry a value from the file
    const code = (error as { code?: unknown } | null)?.code;
    console.error(`building import failed: ${error instanceof Error ? error.name : typeof error}${typeof code === "string" ? ` ${code}` : ""}`);
    return errorResponse(503, "import_failed", "database", "the import could not be written and nothing of it was kept; try again");
  }
}
