import { describe, expect, it } from "vitest";
import { printDocumentHtml } from "./document";
import { smallAreaSheetPages } from "./small-area-sheet";
import { sampleOptions, sampleSmallAreaSheet } from "./test-fixtures";

describe("printDocumentHtml", () => {
  it("wraps every page in one section with the paper's @page size and a page break", () => {
    const options = sampleOptions({ paper: "A3", orientation: "landscape" });
    const pages = smallAreaSheetPages(sampleSmallAreaSheet({ buildings: 500 }), options);
    const html = printDocumentHtml(pages, options);
    expect(html.startsWith('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">')).toBe(true);
    expect(html).toContain("@page { size: 420mm 297mm; margin: 0 }");
    expect(html).toContain(".sheet{width:420mm;height:297mm;overflow:hidden;break-after:page;page-break-after:always}");
    expect(html).toContain('"Noto Sans CJK SC"');
    expect(html.match(/<section class="sheet">/g)).toHaveLength(pages.length);
    expect(html.match(/<svg /g)).toHaveLength(pages.length);
    expect(html.endsWith("</body></html>")).toBe(true);
  });

  it("says the language", () => {
    expect(printDocumentHtml([], sampleOptions({ locale: "en" }))).toContain('<html lang="en">');
  });
});
