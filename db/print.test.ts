/**
 * The print pipeline end to end in real Chromium (issue #7): page sizes, the searchable text layer, the scale
 * bar and the coordinate ticks measured on the PDF, batches. Chromium must be installed (CI installs it):
 * these tests fail, never skip, without it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distance } from "@turf/turf";
import { readPdf, type PdfPageText, type PdfTextItem } from "@/lib/print/pdf-test-reader";
import { closePrintBrowser, renderPdf } from "@/lib/print/render-pdf";
import type { PrintOptions } from "@/lib/print/types";
import { openDatabase, type Db } from "./client";
import { printBatch, printDistrict, printSmallArea } from "./print";
import { smallAreasOf } from "./print-queries";
import { seedDemo } from "./seed";

const D = "330199101201";
const A4: PrintOptions = { paper: "A4", orientation: "portrait", imagery: false, locale: "zh", printedAt: "2030-10-15" };
const PT_TO_MM = 25.4 / 72;
let db: Db;
let areaId: number;
let districtId: number;
let sheet: PdfPageText[];
let sheetBytes: number;

beforeAll(async () => {
  db = openDatabase(":memory:");
  await seedDemo(db, ":memory:", { imagery: false });
  // a district name with 小, the ideograph Chromium's text layer names ⼩ (U+2F29) unless repaired
  db.$client.prepare("UPDATE districts SET name_zh = '小西岭村' WHERE code = ?").run(D);
  districtId = db.$client.prepare("SELECT id FROM districts WHERE code = ?").pluck().get(D) as number;
  areaId = db.$client.prepare("SELECT id FROM small_areas WHERE district_id = ? AND code = '005'").pluck().get(districtId) as number;
  const result = await printSmallArea(db, areaId, A4);
  sheet = await readPdf(result.pdf);
  sheetBytes = result.pdf.length;
  expect(result).toMatchObject({ fileName: `${D}-005.pdf`, smallAreaIds: [areaId], pages: sheet.length });
}, 30_000);
afterAll(() => closePrintBrowser());

const squash = (text: string) => text.replace(/\s+/g, "");
const centre = (item: PdfTextItem) => item.x + item.width / 2;
/** N of the "1:N" printed on a page. */
function scaleOf(page: PdfPageText): number {
  const m = squash(page.text).match(/1:(\d[\d,]*)/);
  if (!m) throw new Error("no 1:N on the page");
  return Number(m[1].replace(/,/g, ""));
}
const dmsToDegrees = (label: string) => {
  const [, d, m, s] = label.match(/^(\d+)°(\d\d)′(\d\d)″$/)!;
  return Number(d) + Number(m) / 60 + Number(s) / 3600;
};

describe("a small-area sheet", () => {
  it("is an A4 portrait page with its code, district and township searchable, and the building numbers", () => {
    expect(sheet[0].width).toBeCloseTo(595.3, 0);
    expect(Math.abs(sheet[0].height - 841.9)).toBeLessThan(1);
    const text = squash(sheet[0].text);
    expect(text).toContain(`${D}005`);
    expect(text).toContain("小西岭村");
    expect(text).toContain("青石镇");
    expect(text).toContain("普查小区图");
    expect(text).not.toMatch(/[\u2e80-\u2fdf]/u);
    const numbers = new Set(sheet.flatMap((p) => p.items.map((i) => i.str.trim())));
    for (const n of ["1", "2", "10", "42"]) expect(numbers).toContain(n);
  });

  it("stays well under 1 MB without imagery", () => {
    expect(sheetBytes).toBeLessThan(1_000_000);
  });

  it("has a scale bar whose labels are as far apart as the ground length at 1:N", () => {
    const page = sheet[0];
    const scale = scaleOf(page);
    const end = page.items.find((i) => /^\d+ m$/.test(i.str.trim()))!;
    const zero = page.items
      .filter((i) => i.str.trim() === "0" && Math.abs(i.y - end.y) < 1 && i.x < end.x)
      .sort((a, b) => b.x - a.x)[0];
    const metres = Number(end.str.trim().replace(" m", ""));
    const drawnMm = (centre(end) - centre(zero)) * PT_TO_MM;
    expect(drawnMm / ((metres * 1000) / scale)).toBeCloseTo(1, 2);
  });

  it("has longitude ticks on the top edge as far apart as their ground distance at 1:N", () => {
    const page = sheet[0];
    const dms = page.items.filter((i) => /^\d+°\d\d′\d\d″$/.test(i.str.trim()));
    const topY = Math.max(...dms.map((i) => i.y));
    const top = dms.filter((i) => Math.abs(i.y - topY) < 1).sort((a, b) => a.x - b.x);
    expect(top.length).toBeGreaterThanOrEqual(2);
    const [a, b] = [top[0], top[top.length - 1]];
    const lat = db.$client.prepare("SELECT (min_lat + max_lat) / 2 FROM small_areas WHERE id = ?").pluck().get(areaId) as number;
    // the ground distance is measured independently of the layout's projection (great circle, Turf)
    const groundM = distance([dmsToDegrees(a.str.trim()), lat], [dmsToDegrees(b.str.trim()), lat], { units: "meters" });
    const drawnMm = (centre(b) - centre(a)) * PT_TO_MM;
    expect(drawnMm / ((groundM * 1000) / scaleOf(page))).toBeCloseTo(1, 2);
  });

  it("prints on A3 landscape at the paper's size, in English when asked", async () => {
    const pages = await readPdf((await printSmallArea(db, areaId, { ...A4, paper: "A3", orientation: "landscape", locale: "en" })).pdf);
    // A3 is 842 × 1191 pt; landscape turns it
    expect(Math.abs(pages[0].width - 1190.6)).toBeLessThan(1);
    expect(Math.abs(pages[0].height - 841.9)).toBeLessThan(1);
    expect(squash(pages[0].text)).toContain("QingshiTown");
    expect(squash(pages[0].text)).toContain(`${D}005`);
  }, 20_000);
});

describe("a district", () => {
  it("prints its district sheet", async () => {
    const result = await printDistrict(db, districtId, A4);
    expect(result).toMatchObject({ fileName: `${D}-district.pdf`, smallAreaIds: [] });
    const pages = await readPdf(result.pdf);
    expect(squash(pages[0].text)).toContain("普查区图");
    expect(squash(pages[0].text)).toContain(`${D}小西岭村`);
  }, 20_000);

  it("prints a batch: front pages, then every sheet, with progress per chunk", async () => {
    const ids = smallAreasOf(db, { type: "district", id: districtId });
    const progress: Array<[number, number]> = [];
    const result = await printBatch(db, { type: "district", id: districtId }, ids, A4, (done, total) => progress.push([done, total]));
    const pages = await readPdf(result.pdf);
    expect(result.pages).toBe(pages.length);
    expect(result.smallAreaIds).toEqual(ids);
    expect(result.fileName).toBe(`${D}-sheets.pdf`);
    expect(progress).toEqual([[0, ids.length], [ids.length, ids.length]]);
    // the index gives the page each sheet starts on, and the sheet is there
    const codes = db.$client.prepare(`SELECT '${D}' || code FROM small_areas WHERE district_id = ? ORDER BY code`).pluck().all(districtId) as string[];
    const firstSheet = pages.findIndex((p) => /普查小区图\d{15}/.test(squash(p.text)));
    expect(firstSheet).toBeGreaterThanOrEqual(2); // cover and index
    const front = pages.slice(0, firstSheet).flatMap((p) => p.items);
    const starts = codes.map((code) => {
      const entry = front.find((i) => i.str.trim() === code)!;
      const row = front.filter((i) => Math.abs(i.y - entry.y) < 0.5 && i.x > entry.x).sort((a, b) => b.x - a.x);
      return Number(row[0].str.trim());
    });
    expect(starts[0]).toBe(firstSheet + 1);
    codes.forEach((code, k) => expect(squash(pages[starts[k] - 1].text)).toContain(`普查小区图${code}`));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  }, 30_000);
});

describe("without Chromium", () => {
  it("says what to install", async () => {
    await closePrintBrowser();
    const previous = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      await expect(renderPdf("<p>x</p>")).rejects.toThrow(/install the `chromium` and `fonts-noto-cjk` packages.*CHROMIUM_PATH/);
    } finally {
      if (previous === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = previous;
    }
  });
});
