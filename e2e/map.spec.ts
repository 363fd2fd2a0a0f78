import { expect } from "@playwright/test";
import type { Polygon } from "geojson";
import { labelPoint } from "../lib/geo/label-point";
import { canvasStats, clickAt, jumpTo, openE2eDb, test, waitForMapIdle, waitForRepaint } from "./helpers";

interface AreaRow {
  id: number;
  code: string;
  district_code: string;
  geometry: string;
  households: number;
  persons: number;
}

/** A small area picked from the database, with totals summed here in SQL (not through the app's queries). */
function pickSmallArea(index: number): AreaRow {
  const db = openE2eDb();
  try {
    return db
      .prepare(
        `SELECT sa.id, sa.code, d.code AS district_code, sa.geometry,
                (SELECT COALESCE(SUM(hu.households),0) FROM housing_units hu JOIN buildings b ON b.id = hu.building_id WHERE b.small_area_id = sa.id) AS households,
                (SELECT COALESCE(SUM(hu.persons),0) FROM housing_units hu JOIN buildings b ON b.id = hu.building_id WHERE b.small_area_id = sa.id) AS persons
         FROM small_areas sa JOIN districts d ON d.id = sa.district_id ORDER BY d.code, sa.code LIMIT 1 OFFSET ?`,
      )
      .get(index) as AreaRow;
  } finally {
    db.close();
  }
}

for (const locale of ["zh", "en"] as const) {
  test(`map page in ${locale}: imagery and vectors render, layers panel works`, async ({ page }) => {
    await page.goto(`/${locale}`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale === "zh" ? "zh-CN" : "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(locale === "zh" ? "Tessera 普查区划" : "Tessera enumeration areas");
    await expect(page.getByRole("heading", { name: locale === "zh" ? "图层" : "Layers" })).toBeVisible();
    // numbers and dates formatted per locale
    await expect(page.getByTestId("census")).toContainText(locale === "zh" ? "2030年11月1日" : "November 1, 2030");
    await expect(page.getByTestId("overview-buildings")).toHaveText(/^\d{1,3},\d{3}$/);
    await waitForMapIdle(page);

    // vectors: small areas, districts and buildings are rendered features at this view
    const ids = await page.evaluate(() => ({
      areas: window.__tessera!.renderedIds("small-area-fill").length,
      districts: window.__tessera!.renderedIds("district-line").length,
    }));
    expect(ids.areas).toBeGreaterThan(20);
    expect(ids.districts).toBeGreaterThanOrEqual(6);

    // pixels: imagery makes a varied picture; switching it off changes the canvas markedly
    const withImagery = await canvasStats(page);
    expect(withImagery.colors).toBeGreaterThan(200);
    await page.locator('input[data-layer="imagery"]').uncheck();
    await waitForRepaint(page);
    const withoutImagery = await canvasStats(page);
    let changed = 0;
    for (let i = 0; i < withImagery.pixels.length; i += 3) {
      const d = Math.abs(withImagery.pixels[i] - withoutImagery.pixels[i]) + Math.abs(withImagery.pixels[i + 1] - withoutImagery.pixels[i + 1]) + Math.abs(withImagery.pixels[i + 2] - withoutImagery.pixels[i + 2]);
      if (d > 30) changed++;
    }
    expect(changed / (withImagery.pixels.length / 3)).toBeGreaterThan(0.3);
    // without imagery the vectors alone still draw more than a flat background
    expect(withoutImagery.colors).toBeGreaterThan(10);

    // small areas can be switched off too
    await page.locator('input[data-layer="smallAreas"]').uncheck();
    await waitForRepaint(page);
    expect(await page.evaluate(() => window.__tessera!.renderedIds("small-area-fill").length)).toBe(0);
  });
}

test("clicking a small area shows its code and household total from the database", async ({ page }) => {
  const area = pickSmallArea(5);
  const [lon, lat] = labelPoint(JSON.parse(area.geometry) as Polygon);
  await page.goto("/zh");
  await waitForMapIdle(page);
  await jumpTo(page, lon, lat, 16);
  await clickAt(page, lon, lat);
  const panel = page.getByTestId("side-panel");
  await expect(panel.getByTestId("full-code")).toHaveText(`${area.district_code}${area.code}`);
  await expect(panel.getByTestId("area-code")).toHaveText(area.code);
  await expect(panel.getByTestId("households")).toHaveText(new Intl.NumberFormat("zh").format(area.households));
  await expect(panel.getByTestId("persons")).toHaveText(new Intl.NumberFormat("zh").format(area.persons));
  await expect(panel.getByTestId("status")).toHaveText("草稿");

  // the URL keeps the view and the selection; a reload restores both
  await expect.poll(() => new URL(page.url()).searchParams.get("area")).toBe(String(area.id));
  const map = new URL(page.url()).searchParams.get("map");
  expect(map).toMatch(/^16\.00\/30\.\d+\/120\.\d+$/);
  await page.reload();
  await expect(page.getByTestId("full-code")).toHaveText(`${area.district_code}${area.code}`);
  await waitForMapIdle(page);
  const view = await page.evaluate(() => window.__tessera!.view());
  expect(view.zoom).toBeCloseTo(16, 1);
  expect(view.center[0]).toBeCloseTo(lon, 3);
  expect(view.center[1]).toBeCloseTo(lat, 3);
});

test("the side panel in English and the language switch keep the selection", async ({ page }) => {
  const area = pickSmallArea(12);
  const [lon, lat] = labelPoint(JSON.parse(area.geometry) as Polygon);
  await page.goto(`/zh?map=16/${lat}/${lon}&area=${area.id}`);
  await expect(page.getByTestId("full-code")).toHaveText(`${area.district_code}${area.code}`);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/en\?/);
  await expect(page.getByTestId("status")).toHaveText("Draft");
  await expect(page.getByTestId("households")).toHaveText(new Intl.NumberFormat("en").format(area.households));
  await waitForMapIdle(page);
});

test("saving a small area's name writes it with a new version; a stale save is refused", async ({ page, context }) => {
  const area = pickSmallArea(3);
  // a second user has the same small area open, at the same version
  const other = await context.newPage();
  await other.goto(`/zh?area=${area.id}`);
  await expect(other.getByTestId("full-code")).toHaveText(`${area.district_code}${area.code}`);

  await page.goto(`/en?area=${area.id}`);
  await expect(page.getByTestId("full-code")).toHaveText(`${area.district_code}${area.code}`);
  await page.getByLabel("Name").fill("East of the canal");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Saved");
  const db = openE2eDb();
  const row = db.prepare("SELECT name, version FROM small_areas WHERE id = ?").get(area.id) as { name: string; version: number };
  const log = db.prepare("SELECT label, base_version FROM change_log WHERE entity_id = ? AND entity_type = 'small_area'").all(area.id);
  db.close();
  expect(row).toEqual({ name: "East of the canal", version: 2 });
  expect(log).toEqual([{ label: "edit_attributes", base_version: 1 }]);

  // the other page still holds version 1: its save is refused, nothing is written, and it shows the stored name
  await other.getByLabel("名称").fill("河西片");
  await other.getByRole("button", { name: "保存" }).click();
  await expect(other.getByTestId("notice")).toContainText("已被他人修改");
  await expect(other.getByLabel("名称")).toHaveValue("East of the canal");
  const after = openE2eDb();
  expect(after.prepare("SELECT name, version FROM small_areas WHERE id = ?").get(area.id)).toEqual({ name: "East of the canal", version: 2 });
  after.close();
  await other.close();
  await waitForMapIdle(page);
});

test("bad requests get a clear 4xx naming the rule and the place", async ({ request }) => {
  const unknown = await request.get("/api/layers/parcels");
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toMatchObject({ rule: "unknown_layer", place: "layer=parcels" });
  const badBbox = await request.get("/api/layers/buildings?bbox=120,30,north");
  expect(badBbox.status()).toBe(400);
  expect((await badBbox.json()).error.rule).toBe("bad_bbox");
  const missing = await request.get("/api/small-areas/999999");
  expect(missing.status()).toBe(404);
  const tile = await request.get("/api/tiles/1/x/1/1");
  expect(tile.status()).toBe(400);
});
