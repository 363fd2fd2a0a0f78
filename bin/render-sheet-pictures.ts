/**
 * `npx tsx bin/render-sheet-pictures.ts [--small-area FULLCODE] [--district CODE] [--lang zh|en]`: renders
 * the pictures of the printed sheets in docs/ (issue #7) from a fresh in-memory demo township: the first page
 * of a small-area sheet (docs/sheet-small-area.png) and of a district sheet (docs/sheet-district.png), A4
 * portrait, at twice the screen resolution. Needs Chromium, like printing.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { loadDistrictSheet, loadSmallAreaSheet } from "@/db/print-queries";
import { seedDemo } from "@/db/seed";
import { districtSheetPages } from "@/lib/print/district-sheet";
import { printDocumentHtml } from "@/lib/print/document";
import { closePrintBrowser, renderPng } from "@/lib/print/render-pdf";
import { smallAreaSheetPages } from "@/lib/print/small-area-sheet";
import type { PrintOptions } from "@/lib/print/types";

const { values } = parseArgs({
  options: { "small-area": { type: "string", default: "330199101201005" }, district: { type: "string", default: "330199101201" }, lang: { type: "string", default: "zh" } },
});
const options: PrintOptions = { paper: "A4", orientation: "portrait", imagery: false, locale: values.lang === "en" ? "en" : "zh", printedAt: "2030-10-15" };

const db = openDatabase(":memory:");
await seedDemo(db, ":memory:", { imagery: false });
const one = (sql: string, ...params: string[]) => db.$client.prepare(sql).pluck().get(...params) as number | undefined;
const fullCode = values["small-area"];
const smallAreaId = one("SELECT sa.id FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE d.code = ? AND sa.code = ?", fullCode.slice(0, 12), fullCode.slice(12));
const districtId = one("SELECT id FROM districts WHERE code = ?", values.district);
if (smallAreaId === undefined || districtId === undefined) throw new Error(`no small area ${fullCode} or district ${values.district} in the demo`);

try {
  const area = loadSmallAreaSheet(db, smallAreaId, options.locale)!;
  const district = loadDistrictSheet(db, districtId, options.locale)!;
  const pictures = [
    { file: "docs/sheet-small-area.png", html: printDocumentHtml(smallAreaSheetPages({ ...area, imagery: null }, options).slice(0, 1), options) },
    { file: "docs/sheet-district.png", html: printDocumentHtml(districtSheetPages({ ...district, imagery: null }, options).slice(0, 1), options) },
  ];
  for (const { file, html } of pictures) {
    const png = await renderPng(html, 2);
    writeFileSync(join(process.cwd(), file), png);
    console.log(`wrote ${file} (${Math.round(png.length / 1024)} KB)`);
  }
} finally {
  await closePrintBrowser();
}
