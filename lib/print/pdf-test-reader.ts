/**
 * Test helper (not used by the app): reads a PDF with pdfjs-dist the way a viewer does, for the print tests
 * that check page sizes and the text layer (what search and copy see).
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** One run of text on a page: its string, position (PDF points from the bottom left) and width. */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
}

/** One page: its size in points and its text runs. */
export interface PdfPageText {
  width: number;
  height: number;
  items: PdfTextItem[];
  text: string;
}

/** Used by the print tests: every page of `pdf` with its size and text. */
export async function readPdf(pdf: Uint8Array): Promise<PdfPageText[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPageText[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!("str" in item) || item.str === "") continue;
        items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width });
      }
      pages.push({ width: x1 - x0, height: y1 - y0, items, text: items.map((i) => i.str).join(" ") });
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}
