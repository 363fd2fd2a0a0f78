import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getTownshipBboxes } from "@/db/import-buildings";
import { guardImport, importError, importLang, importRefusal } from "@/app/_lib/import-route";
import { stageImport } from "@/app/_lib/import-staging";
import { readUpload } from "@/app/_lib/read-upload";
import { fileRuleMessage } from "@/lib/i18n/import-message";
import { readVectorFile } from "@/lib/io/formats/read";
import { VectorInputError, type ReadOptions } from "@/lib/io/formats/types";
import { guessMapping, IMPORT_LAYERS, type FieldMapping, type ImportLayer } from "@/lib/io/import-mapping";
import { previewOf } from "@/lib/io/import-preview";

export const dynamic = "force-dynamic";

/** Largest upload (a county's small areas as a zipped Shapefile are a few MB; buildings tens). */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const TRUE = new Set(["1", "true", "on", "yes"]);
/** A CRS the user typed: EPSG:n, a proj4 string or WKT, within reason. */
const CRS_TEXT = /^[\x20-\x7e\n\r\t]{1,4000}$/;

function readOptionsOf(fields: Map<string, string>): ReadOptions | { bad: string } {
  const encoding = (fields.get("encoding") || "auto").toLowerCase().replace(/^utf8$/, "utf-8");
  if (encoding !== "auto" && encoding !== "utf-8" && encoding !== "gbk") return { bad: "encoding" };
  const crs = fields.get("crs")?.trim();
  if (crs && !CRS_TEXT.test(crs)) return { bad: "crs" };
  const layer = fields.get("gpkgLayer")?.trim();
  return { encoding, gcj02: TRUE.has((fields.get("gcj02") ?? "").toLowerCase()), ...(crs ? { crs } : {}), ...(layer ? { layer } : {}) };
}

/**
 * POST /api/import/preview (admin only): a vector file as multipart/form-data (`file`; text fields `encoding`
 * auto|utf-8|gbk, `gcj02` true|false, `crs` e.g. EPSG:4527, `gpkgLayer`, `locale`) → 200 `{ stagingId, fileName,
 * format, sourceCrs, encoding, featureCount, fields, warnings, bbox, geometryTypes, outside, preview, capped,
 * guesses }`: the file read by `readVectorFile` and kept for 30 minutes for POST /api/import/commit, a capped
 * preview FeatureCollection (rounded coordinates) and the guessed field mapping of every layer. A file that
 * cannot be read answers 422 `{ error: { rule, where, message } }` in the user's language; a malformed upload
 * or option 400; above 50 MB 413. Nothing is written.
 */
export async function POST(request: Request) {
  const guard = guardImport(request);
  if ("response" in guard) return guard.response;
  const upload = await readUpload(request, MAX_IMPORT_BYTES);
  const lang = importLang(request, "fields" in upload ? upload.fields.get("locale") : undefined);
  if ("status" in upload) return importRefusal(upload.status, lang, upload.rule, upload.place, upload.rule, { mb: MAX_IMPORT_BYTES / 2 ** 20 });
  const options = readOptionsOf(upload.fields);
  if ("bad" in options) return importRefusal(400, lang, "bad_option", options.bad, "option", { option: options.bad });
  const fileName = (upload.fileName ?? "upload").slice(0, 200);
  let read;
  try {
    read = await readVectorFile(upload.bytes, fileName, options);
  } catch (error) {
    if (error instanceof VectorInputError) return importError(422, error.rule, error.where, fileRuleMessage(lang, error.rule, error.where, error.params));
    // a reader that crashed on a file it should have refused: still the user's file, still a 4xx, logged by name
    console.error(`import preview of a ${fileName.split(".").pop()} file failed: ${error instanceof Error ? error.name : typeof error}`);
    return importRefusal(422, lang, "unreadable", fileName, "read_failed");
  }
  const summary = previewOf(read.features, getTownshipBboxes(getDb()));
  const staged = stageImport(guard.user.id, fileName, read);
  const guesses = Object.fromEntries(IMPORT_LAYERS.map((l) => [l, guessMapping(l, read.fields)])) as Record<ImportLayer, FieldMapping>;
  return NextResponse.json({
    stagingId: staged.id,
    fileName,
    format: read.format,
    sourceCrs: read.sourceCrs,
    encoding: read.encoding,
    featureCount: read.features.length,
    fields: read.fields,
    warnings: read.warnings.map((w) => ({ ...w, message: fileRuleMessage(lang, w.rule, w.where, w.params) })),
    layers: read.layers ?? null,
    bbox: summary.bbox,
    geometryTypes: summary.geometryTypes,
    outside: summary.outside.length,
    preview: summary.preview,
    capped: summary.capped,
    guesses,
  });
}
