import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { importLayer } from "@/db/import-layers";
import { ipFromHeaders } from "@/app/_lib/session";
import { guardImport, importError, importLang, importRefusal } from "@/app/_lib/import-route";
import { dropStagedImport, stagedImportOf } from "@/app/_lib/import-staging";
import { coverageAfterImport, layerImportReport } from "@/app/_lib/layer-import-report";
import { REFERENCE_KINDS, type ReferenceKind } from "@/lib/domain/types";
import { importErrorMessage } from "@/lib/i18n/import-message";
import { checkMapping, isImportLayer, MappingError } from "@/lib/io/import-mapping";

export const dynamic = "force-dynamic";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * POST /api/import/commit (admin only) with JSON `{ stagingId, layer: districts|small-areas|buildings|reference,
 * mapping: { target: attribute }, existing?: replace|skip, defaultKind?, skipBad?: boolean, locale? }`: imports
 * the file uploaded to POST /api/import/preview. Every feature is checked first; any bad one → 422
 * `{ error, report }` with the problems by feature index, field and rule, and nothing written — unless
 * `skipBad`: then the good ones are imported and the bad ones listed in the report (422 when none is good). All good → one transaction (rows, change
 * log, audit row `import`), then the coverage checks → 200 `{ report, coverage }` (coverage null for reference
 * features). 404 `staging_expired` when the upload is no longer kept; 400 for a bad layer, mapping or option;
 * 503 when the write fails (nothing kept). Never 500.
 */
export async function POST(request: Request) {
  const guard = guardImport(request);
  if ("response" in guard) return guard.response;
  const body: unknown = await request.json().catch(() => null);
  const lang = importLang(request, isObject(body) ? body.locale : undefined);
  if (!isObject(body)) return importRefusal(400, lang, "bad_option", "body", "option", { option: "body" });
  const staged = stagedImportOf(body.stagingId, guard.user.id);
  if (!staged) return importRefusal(404, lang, "staging_expired", "stagingId");
  const { layer, existing = "skip", defaultKind = null, skipBad = false } = body;
  if (!isImportLayer(layer)) return importRefusal(400, lang, "bad_option", "layer", "layer");
  if (existing !== "replace" && existing !== "skip") return importRefusal(400, lang, "bad_option", "existing", "option", { option: "existing" });
  if (typeof skipBad !== "boolean") return importRefusal(400, lang, "bad_option", "skipBad", "option", { option: "skipBad" });
  if (defaultKind !== null && !(REFERENCE_KINDS as readonly unknown[]).includes(defaultKind)) return importRefusal(400, lang, "bad_option", "defaultKind", "option", { option: "defaultKind" });
  let mapping;
  try {
    mapping = checkMapping(layer, isObject(body.mapping) ? body.mapping : {}, staged.read.fields);
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    return importRefusal(400, lang, error.rule, `mapping.${error.where}`, error.rule, { target: error.where });
  }
  const db = getDb();
  let result;
  try {
    result = importLayer(db, layer, staged.read.features, mapping, {
      existing,
      skipBad,
      defaultKind: defaultKind as ReferenceKind | null,
      actor: guard.user,
      ip: ipFromHeaders(request.headers),
      fileName: staged.fileName,
      format: staged.read.format,
      encoding: staged.read.encoding,
    });
  } catch (error) {
    // the error's name and code only: a message could carry a value from the file
    const code = (error as { code?: unknown } | null)?.code;
    console.error(`layer import failed: ${error instanceof Error ? error.name : typeof error}${typeof code === "string" ? ` ${code}` : ""}`);
    return importRefusal(503, lang, "import_failed", "database");
  }
  const report = layerImportReport(layer, result, lang);
  if (!result.written) return importError(422, "bad_features", "file", importErrorMessage(lang, "bad_features"), { report });
  dropStagedImport(staged.id);
  const coverage = layer === "reference" ? null : coverageAfterImport(db, lang);
  return NextResponse.json({ report, coverage });
}
