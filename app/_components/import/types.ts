/**
 * What the import page (issue #8) receives from POST /api/import/preview and POST /api/import/commit, as plain
 * types for the client components.
 */
import type { FeatureCollection } from "geojson";
import type { CoverageAfterImport, LayerImportReport } from "@/app/_lib/layer-import-report";
import type { Bbox } from "@/lib/geo/bbox";
import type { FieldInfo, VectorFormat } from "@/lib/io/formats/types";
import type { FieldMapping, ImportLayer } from "@/lib/io/import-mapping";

/** The preview route's answer. */
export interface PreviewResponse {
  stagingId: string;
  fileName: string;
  format: VectorFormat;
  sourceCrs: string | null;
  encoding: "utf-8" | "gbk" | null;
  featureCount: number;
  fields: FieldInfo[];
  warnings: Array<{ rule: string; where: string; message: string }>;
  layers: string[] | null;
  bbox: Bbox | null;
  geometryTypes: Record<string, number>;
  outside: number;
  preview: FeatureCollection;
  capped: boolean;
  guesses: Record<ImportLayer, FieldMapping>;
}

/** The commit route's answer (200), or the report of a refused commit (422). */
export interface CommitResponse {
  report: LayerImportReport;
  coverage: CoverageAfterImport | null;
}

/** A route's error body. */
export interface ErrorBody {
  error?: { rule: string; where: string; message: string };
  report?: LayerImportReport;
}
