import { expect, type Download, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { batchFrontPageCount } from "../lib/print/batch-front";
import { openE2eDb, test, waitForMapIdle } from "./helpers";

test.describe.configure({ mode: "serial", timeout: 300_000 });

interface District {
  id: number;
  code: string;
  areas: Array<{ id: number; code: string; isVirtual: number }>;
}

/** The district with the fewest small areas (at least two, one drawn), to keep the batch short. */
function smallestDistrict(): District {
  const db = openE2eDb();
  try {
    const d = db
      .prepare(
        `SELECT d.id, d.code FROM districts d JOIN small_areas sa ON sa.district_id = d.id
         GROUP BY d.id HAVING COUNT(*) >= 2 AND SUM(sa.geometry IS NOT NULL) >= 1 ORDER BY COUNT(*), d.code LIMIT 1`,
      )
      .get() as { id: number; code: string };
    const areas = db.prepare("SELECT id, code, is_virtual AS isVirtual FROM small_areas WHERE district_id = ? ORDER BY code").all(d.id) as District["areas"];
    return { ...d, areas };
  } finally {
    db.close();
  }
}

function printAuditRows(smallAreaId: number): number {
  const db = openE2eDb();
  try {
    return (
      db
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'print' AND target_type = 'small_area' AND target_id = ? AND outcome = 'ok'")
        .get(String(smallAreaId)) as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

async function pdfOf(download: Download): Promise<{ bytes: Buffer; pages: number }> {
  const path = await download.path();
  const bytes = readFileSync(path);
  return { bytes, pages: (await PDFDocument.load(bytes)).getPageCount() };
}

/** Pages of one small area's sheet as the server prints it alone (A4 portrait, Chinese). */
async function sheetPages(page: Page, smallAreaId: number): Promise<number> {
  const response = await page.request.get(`/api/print/small-areas/${smallAreaId}?paper=A4&orientation=portrait&locale=zh`);
  expect(response.status()).toBe(200);
  return (await PDFDocument.load(await response.body())).getPageCount();
}

test("print a small-area sheet from the map, then every sheet of its district with a progress bar", async ({ page }) => {
  const district = smallestDistrict();
  const area = district.areas.find((a) => !a.isVirtual)!;
  await page.goto(`/zh?area=${area.id}`);
  await waitForMapIdle(page);
  await expect(page.getByTestId("side-panel")).toHaveAttribute("data-small-area-id", String(area.id));

  // one sheet: a small vector PDF, and the audit row the dashboard counts
  const before = printAuditRows(area.id);
  await expect(page.getByTestId("print-paper")).toHaveValue("A4");
  await expect(page.getByTestId("print-orientation")).toHaveValue("portrait");
  await expect(page.getByTestId("print-imagery")).not.toBeChecked();
  const sheetLink = page.getByTestId("print-small-area");
  await expect(sheetLink).toHaveAttribute("href", `/api/print/small-areas/${area.id}?paper=A4&orientation=portrait&locale=zh`);
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), sheetLink.click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const sheet = await pdfOf(download);
  expect(sheet.bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
  expect(sheet.bytes.length).toBeLessThan(1024 * 1024);
  expect(sheet.pages).toBeGreaterThanOrEqual(1);
  await expect.poll(() => printAuditRows(area.id)).toBe(before + 1);

  // the options change the links
  await page.getByTestId("print-paper").selectOption("A3");
  await page.getByTestId("print-orientation").selectOption("landscape");
  await expect(sheetLink).toHaveAttribute("href", /paper=A3&orientation=landscape/);
  await page.getByTestId("print-paper").selectOption("A4");
  await page.getByTestId("print-orientation").selectOption("portrait");

  // its district: the district sheet link, and the batch with its progress bar
  await page.getByTestId("print-open-district").click();
  const panel = page.getByTestId("district-panel");
  await expect(panel).toHaveAttribute("data-district-id", String(district.id));
  await expect(panel.getByTestId("district-code")).toHaveText(district.code);
  await expect(panel.getByTestId("print-district")).toHaveAttribute("href", `/api/print/districts/${district.id}?paper=A4&orientation=portrait&locale=zh`);
  await expect(panel.getByTestId("print-batch-township")).toBeVisible();
  const rowsBefore = district.areas.map((a) => printAuditRows(a.id));
  const batchDownload = page.waitForEvent("download", { timeout: 240_000 });
  await panel.getByTestId("print-batch-district").click();
  const progress = panel.getByTestId("print-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("data-total", String(district.areas.length));
  await expect(progress).toHaveAttribute("data-done", String(district.areas.length), { timeout: 240_000 });
  await expect(panel.getByTestId("print-progress-count")).toHaveText(`${district.areas.length} / ${district.areas.length}`);
  await expect(panel.getByTestId("print-download")).toBeVisible();
  const batch = await pdfOf(await batchDownload);
  expect(batch.bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
  // one audit row per small area printed
  for (const [i, a] of district.areas.entries()) await expect.poll(() => printAuditRows(a.id), `audit of ${a.code}`).toBe(rowsBefore[i] + 1);

  // cover and index, then every small area's sheet (a sheet may run on to building-list pages)
  let sheets = 0;
  for (const a of district.areas) sheets += await sheetPages(page, a.id);
  const front = batchFrontPageCount(district.areas.length, { paper: "A4", orientation: "portrait", imagery: false, locale: "zh", printedAt: "2030-01-01" });
  expect(front).toBeGreaterThanOrEqual(2);
  expect(sheets).toBeGreaterThanOrEqual(district.areas.length);
  expect(batch.pages, `${front} front pages + ${sheets} sheet pages`).toBe(front + sheets);
});
