/**
 * The last step of every print: the PDFs Chromium rendered (one per chunk of sheets) become one document
 * whose text layer is repaired (`pdf-unicode.ts`).
 */
import { PDFDocument } from "pdf-lib";
import { repairToUnicode } from "./pdf-unicode";

/** A finished PDF and its page count. */
export interface MergedPdf {
  pdf: Uint8Array;
  pages: number;
}

/**
 * Used by `db/print.ts` for single sheets (one chunk) and batches (many): copies the pages of `chunks` in order
 * into one document (pdf-lib), repairs its ToUnicode CMaps, sets the title, and saves it.
 */
export async function mergePdfs(chunks: Uint8Array[], title?: string): Promise<MergedPdf> {
  if (chunks.length === 0) throw new Error("mergePdfs: nothing to merge");
  let out: PDFDocument;
  if (chunks.length === 1) {
    out = await PDFDocument.load(chunks[0], { updateMetadata: false });
  } else {
    out = await PDFDocument.create({ updateMetadata: false });
    for (const chunk of chunks) {
      const part = await PDFDocument.load(chunk, { updateMetadata: false });
      const pages = await out.copyPages(part, part.getPageIndices());
      for (const page of pages) out.addPage(page);
    }
  }
  repairToUnicode(out);
  if (title) out.setTitle(title, { showInWindowTitleBar: true });
  out.setProducer("Tessera");
  out.setCreator("Tessera");
  const pdf = await out.save({ useObjectStreams: true });
  return { pdf, pages: out.getPageCount() };
}
