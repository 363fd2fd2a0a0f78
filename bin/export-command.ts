/**
 * `tessera export`: one layer of the database to a file a GIS opens (issue #8). Everything is exported (the
 * command line is trusted like the database file itself), and the export is audited (`export`, actor none,
 * detail "cli small-areas shapefile 57 features"; `units.export` too when household values are in the file).
 * Bad use throws (exit 2) with a message naming the flag.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { openDatabase } from "@/db/client";
import { appendAudit } from "@/db/audit";
import { EXPORT_LAYERS, exportData, findExportScope, type ExportLayer } from "@/db/export-queries";
import { isAdminUnitCode, isDistrictCode } from "@/lib/domain/codes";
import { VECTOR_FORMATS, type VectorFormat } from "@/lib/io/formats/types";
import { writeVectorFile } from "@/lib/io/formats/write";

/** What `export` was asked to do (the flags as typed). */
export interface ExportCommandOptions {
  layer?: string;
  format?: string;
  out?: string;
  district?: string;
  township?: string;
  dbPath: string;
}

/**
 * Used by `bin/tessera.ts`: writes the layer to `--out` (folders made as needed), appends the audit rows and
 * prints one line ("Exported 57 small-areas features of 440101001 as shapefile to out.zip (12 KB)."). Returns 0.
 */
export async function runExport(o: ExportCommandOptions): Promise<number> {
  if (!o.layer || !(EXPORT_LAYERS as readonly string[]).includes(o.layer)) throw new Error(`--layer must be one of ${EXPORT_LAYERS.join(", ")}${o.layer ? `, not "${o.layer}"` : ""}`);
  if (!o.format || !(VECTOR_FORMATS as readonly string[]).includes(o.format)) throw new Error(`--format must be one of ${VECTOR_FORMATS.join(", ")}${o.format ? `, not "${o.format}"` : ""}`);
  if (!o.out) throw new Error("export needs --out PATH (the file to write)");
  if (o.district && o.township) throw new Error("export takes --district CODE or --township CODE, not both");
  if (o.district && !isDistrictCode(o.district)) throw new Error(`--district must be a 12-digit district code, not "${o.district}"`);
  if (o.township && !isAdminUnitCode(o.township, "township")) throw new Error(`--township must be a 9-digit township code, not "${o.township}"`);
  if (!existsSync(o.dbPath)) throw new Error(`no database at ${o.dbPath}`);
  const db = openDatabase(o.dbPath);
  try {
    const scope = findExportScope(db, { district: o.district, township: o.township });
    if (!scope) throw new Error(o.district ? `--district: no district ${o.district} in ${o.dbPath}` : `--township: no township ${o.township} in ${o.dbPath}`);
    const layer = o.layer as ExportLayer;
    const format = o.format as VectorFormat;
    const data = exportData(db, layer, scope, () => true);
    const code = scope.type === "all" ? "all" : scope.code;
    const file = await writeVectorFile(data.features, format, { layerName: `${layer.replaceAll("-", "_")}_${code}`, fields: data.fields });
    const out = resolve(o.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, file.bytes);
    const target = { targetType: scope.type === "all" ? "county" : scope.type, targetId: scope.type === "all" ? null : scope.id };
    const detail = `cli ${layer} ${format} ${data.features.length} features`;
    appendAudit(db, { actor: null, action: "export", ...target, detail });
    if (data.unitValues) appendAudit(db, { actor: null, action: "units.export", ...target, detail });
    const size = file.bytes.length >= 1e6 ? `${(file.bytes.length / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(file.bytes.length / 1e3))} KB`;
    console.log(`Exported ${data.features.length} ${layer} features of ${code === "all" ? "the whole database" : code} as ${format} to ${out} (${size}).`);
    return 0;
  } finally {
    db.$client.close();
  }
}
