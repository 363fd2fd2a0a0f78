/**
 * The print pipeline (issue #7, ADR 0010): data from `db/print-queries.ts` (and imagery when asked), laid out
 * as SVG pages by `lib/print`, printed to PDF by Chromium, merged and repaired. Used by the print routes, the
 * batch jobs and `tessera print`; audit rows are the caller's (one per small area printed).
 */
import { batchFrontPageCount, batchFrontPages } from "@/lib/print/batch-front";
import { districtSheetPages } from "@/lib/print/district-sheet";
import { printDocumentHtml } from "@/lib/print/document";
import { mergePdfs } from "@/lib/print/merge-pdf";
import { renderPdf } from "@/lib/print/render-pdf";
import { planDistrictMap, planSmallAreaMap } from "@/lib/print/map-plan";
import { smallAreaSheetPages } from "@/lib/print/small-area-sheet";
import type { BatchFront, PrintOptions, SheetPage, SmallAreaSheetData } from "@/lib/print/types";
import type { Db } from "./client";
import { imageryFor } from "./print-imagery";
import { loadDistrictSheet, loadSmallAreaSheet } from "./print-queries";

/** A printed PDF: its bytes, the name to download it as, its page count and the small areas it holds. */
export interface PrintResult {
  pdf: Uint8Array;
  fileName: string;
  pages: number;
  smallAreaIds: number[];
}

/** How many small-area sheets go into one Chromium print of a batch (progress steps, bounded memory). */
export const BATCH_CHUNK_SHEETS = 15;

type SheetData = Omit<SmallAreaSheetData, "imagery">;

function loadArea(db: Db, id: number, options: PrintOptions): SheetData {
  const data = loadSmallAreaSheet(db, id, options.locale);
  if (!data) throw new Error(`small area ${id} does not exist`);
  return data;
}

/** The sheet's data with imagery over its map frame when the print asks for it. */
async function withImagery(db: Db, data: SheetData, options: PrintOptions): Promise<SmallAreaSheetData> {
  if (!options.imagery) return { ...data, imagery: null };
  const plan = planSmallAreaMap(data, options);
  return { ...data, imagery: await imageryFor(db, plan.bbox, plan.frame.width, plan.frame.height) };
}

async function renderPages(pages: SheetPage[], options: PrintOptions): Promise<Uint8Array> {
  return renderPdf(printDocumentHtml(pages, options));
}

const sheetFileName = (data: SheetData) => `${data.area.districtCode}-${data.area.code}.pdf`;

/**
 * Used by GET /api/print/small-areas/{id}: the small-area sheet (普查小区图) as a PDF, map page first, then
 * building-list pages when the list does not fit beside the map. Throws when the small area does not exist
 * or Chromium is missing.
 */
export async function printSmallArea(db: Db, smallAreaId: number, options: PrintOptions): Promise<PrintResult> {
  const data = loadArea(db, smallAreaId, options);
  const sheet = await withImagery(db, data, options);
  const raw = await renderPages(smallAreaSheetPages(sheet, options), options);
  const { pdf, pages } = await mergePdfs([raw], `${data.area.fullCode} ${data.place.district.name}`);
  return { pdf, fileName: sheetFileName(data), pages, smallAreaIds: [smallAreaId] };
}

/** Used by GET /api/print/districts/{id}: the district sheet (普查区图) as a PDF. Throws when the district does not exist. */
export async function printDistrict(db: Db, districtId: number, options: PrintOptions): Promise<PrintResult> {
  const data = loadDistrictSheet(db, districtId, options.locale);
  if (!data) throw new Error(`district ${districtId} does not exist`);
  let imagery = null;
  if (options.imagery) {
    const plan = planDistrictMap(data, options);
    imagery = await imageryFor(db, plan.bbox, plan.frame.width, plan.frame.height);
  }
  const raw = await renderPages(districtSheetPages({ ...data, imagery }, options), options);
  const { pdf, pages } = await mergePdfs([raw], `${data.place.district.code} ${data.place.district.name}`);
  return { pdf, fileName: `${data.place.district.code}-district.pdf`, pages, smallAreaIds: [] };
}

/**
 * Used by the batch jobs (POST /api/print/jobs) and `tessera print`: a cover and an index, then the sheet of
 * every small area of `smallAreaIds` (in that order; the caller takes them from `smallAreasOf` and drops what
 * the person may not print), numbered through. Renders BATCH_CHUNK_SHEETS sheets per Chromium print and calls
 * `onProgress(done, total)` (sheets) before the first and after every chunk. Throws when an id does not exist.
 */
export async function printBatch(
  db: Db,
  scope: { type: "district" | "township"; id: number },
  smallAreaIds: number[],
  options: PrintOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<PrintResult> {
  if (smallAreaIds.length === 0) throw new Error(`no small areas to print in ${scope.type} ${scope.id}`);
  const sheets = smallAreaIds.map((id) => loadArea(db, id, options));
  const total = sheets.length;
  onProgress?.(0, total);

  // page numbers: the front pages, then every sheet's pages (a layout without imagery has the same pages)
  const frontPages = batchFrontPageCount(total, options);
  const firstPages: number[] = [];
  let next = frontPages + 1;
  for (const data of sheets) {
    firstPages.push(next);
    next += smallAreaSheetPages({ ...data, imagery: null }, options).length;
  }
  const totalPages = next - 1;
  const { place } = sheets[0];
  const unit = scope.type === "township" ? place.township : place.district;
  const front: BatchFront = {
    censusName: place.censusName,
    title: `${unit.name} (${unit.code})`,
    scope: scope.type,
    totalPages,
    entries: sheets.map((s, i) => ({
      fullCode: s.area.fullCode, name: s.area.name, districtName: s.place.district.name, state: s.area.state, households: s.area.households, page: firstPages[i],
    })),
  };

  const chunks: Uint8Array[] = [];
  for (let start = 0; start < total; start += BATCH_CHUNK_SHEETS) {
    const pages: SheetPage[] = start === 0 ? batchFrontPages(front, options) : [];
    for (let i = start; i < Math.min(total, start + BATCH_CHUNK_SHEETS); i++) {
      const sheet = await withImagery(db, sheets[i], options);
      pages.push(...smallAreaSheetPages(sheet, options, { first: firstPages[i], total: totalPages }));
    }
    chunks.push(await renderPages(pages, options));
    onProgress?.(Math.min(total, start + BATCH_CHUNK_SHEETS), total);
  }
  const { pdf, pages } = await mergePdfs(chunks, `${front.censusName} ${front.title}`);
  if (pages !== totalPages) throw new Error(`batch print: ${pages} pages printed, ${totalPages} laid out (a sheet overflowed its page)`);
  return { pdf, fileName: `${unit.code}-sheets.pdf`, pages, smallAreaIds: [...smallAreaIds] };
}
