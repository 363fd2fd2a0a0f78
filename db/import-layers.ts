/**
 * The write of a layer import (issue #8: `tessera import --layer …`, POST /api/import/commit): the features of a
 * file read by `readVectorFile`, checked by `validateLayer` (lib/io/layer-features.ts) and — only when every
 * feature is good, or when the caller asks to skip the bad ones — written in ONE `BEGIN IMMEDIATE` transaction
 * with their change-log rows and the audit row `import`. Districts and small areas whose code already exists are replaced (geometry and names, version + 1)
 * or skipped, as the caller chooses; buildings go through the building import's own write
 * (`import-buildings.ts`); buildings under replaced or new areas are placed again by the edit write's rule.
 */
import { randomUUID } from "node:crypto";
import type { Feature, Geometry } from "geojson";
import type { FieldMapping, ImportLayer } from "@/lib/io/import-mapping";
import { validateLayer, type LayerContext, type ValidatedLayer } from "@/lib/io/layer-features";
import type { ReferenceKind } from "@/lib/domain/types";
import { appendAudit, type AuditActor } from "./audit";
import { writeTransaction, type Db } from "./client";
import { getTownshipBboxes, importBuildings } from "./import-buildings";
import { writeAreaRows, writeReferenceRows, type AreaWriteCounts } from "./import-layer-rows";

/** What to do with a district or small area whose code is already in the database. */
export type ExistingChoice = "replace" | "skip";

/** How the import runs. */
export interface LayerImportOptions {
  existing?: ExistingChoice;
  /** write the good features and leave out the bad ones (reported all the same); default: all or nothing */
  skipBad?: boolean;
  /** reference features: the kind of those whose kind is blank or not mapped */
  defaultKind?: ReferenceKind | null;
  /** who imports (the audit row and the change log); null for the command line */
  actor?: AuditActor | null;
  ip?: string | null;
  /** for the change log and the audit detail */
  fileName?: string;
  format?: string;
  encoding?: string | null;
}

/** What was written. */
export interface LayerWriteCounts extends AreaWriteCounts {
  /** buildings: housing units made */
  units: number;
  changeId: string | null;
}

/** The outcome: the checks, and what was written (null: nothing — some feature is bad, or none is good). */
export interface LayerImportResult {
  validated: ValidatedLayer;
  written: LayerWriteCounts | null;
}

/** Used before validating: what the rules need from the database (township and district codes, township bboxes). */
export function getLayerContext(db: Db, defaultKind: ReferenceKind | null = null): LayerContext {
  const c = db.$client;
  const townshipCodes = c.prepare("SELECT code FROM admin_units WHERE level = 'township'").pluck().all() as string[];
  const districtCodes = new Set(c.prepare("SELECT code FROM districts").pluck().all() as string[]);
  return { townshipCodes, districtCodes, townshipBboxes: getTownshipBboxes(db), defaultKind };
}

function auditDetail(layer: ImportLayer, o: LayerImportOptions, w: LayerWriteCounts, bad: number): string {
  const parts = [`${w.inserted} inserted`, `${w.replaced} replaced`, `${w.skipped} skipped`];
  if (layer === "buildings") parts.push(`${w.units} units`);
  if (bad) parts.push(`${bad} bad features left out`);
  return `${layer} from ${o.fileName ?? "file"}: ${parts.join(", ")}`;
}

/**
 * Used by the commit route and `tessera import` for every layer: validates every feature, and when none is
 * bad writes them all (districts, small areas, reference features, or buildings with their housing units),
 * their change-log rows and the audit row `import` in one transaction. A bad feature writes nothing, unless
 * `skipBad`: then the good ones are written and the bad ones only reported. A failed write rolls everything
 * back and throws.
 */
export function importLayer(
  db: Db,
  layer: ImportLayer,
  features: ReadonlyArray<Feature<Geometry | null, Record<string, unknown> | null>>,
  mapping: FieldMapping,
  options: LayerImportOptions = {},
): LayerImportResult {
  return writeTransaction(db, () => {
    const validated = validateLayer(layer, features, mapping, getLayerContext(db, options.defaultKind ?? null));
    if (validated.problems.length && !options.skipBad) return { validated, written: null };
    if (!validated.rows.length) return { validated, written: null };
    const bad = validated.badFeatures;
    const changeId = randomUUID();
    const userId = options.actor?.id ?? null;
    let written: LayerWriteCounts;
    if (validated.layer === "buildings") {
      const parsed = { rows: validated.rows, badRows: bad, format: options.format ?? "file", encoding: options.encoding ?? null };
      const b = importBuildings(db, parsed, { userId, skipBad: bad > 0 });
      written = { inserted: b.inserted, replaced: 0, skipped: 0, units: b.units, changeId: b.changeId, districtCodes: [] };
    } else if (validated.layer === "reference") {
      written = { ...writeReferenceRows(db, validated.rows, changeId, userId), units: 0, changeId };
    } else {
      const counts = writeAreaRows(db, validated, options.existing ?? "skip", changeId, userId);
      for (const s of counts.skippedFeatures) validated.warnings.push({ feature: s, field: "code", rule: "exists_skipped" });
      for (const r of counts.replacedFeatures) validated.warnings.push({ feature: r, field: "code", rule: "exists_replaced" });
      written = { ...counts, units: 0, changeId: counts.inserted + counts.replaced ? changeId : null };
    }
    if (options.actor !== undefined) {
      appendAudit(db, { actor: options.actor, action: "import", targetType: "change", targetId: written.changeId, detail: auditDetail(layer, options, written, bad), ip: options.ip ?? null });
    }
    return { validated, written };
  });
}
