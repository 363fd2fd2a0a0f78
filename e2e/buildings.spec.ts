import { expect } from "@playwright/test";
import type { Polygon } from "geojson";
import { labelPoint } from "../lib/geo/label-point";
import { waitForSaved } from "./draw";
import { clickAt, jumpTo, openE2eDb, test, waitForMapIdle } from "./helpers";

interface AreaRow {
  id: number;
  code: string;
  geometry: string;
}

/** A small area of the first district with its household total summed here in SQL. */
function areaWithTotals(offset: number): AreaRow & { households: number } {
  const db = openE2eDb();
  try {
    return db
      .prepare(
        `SELECT sa.id, sa.code, sa.geometry,
                (SELECT COALESCE(SUM(hu.households),0) FROM housing_units hu JOIN buildings b ON b.id = hu.building_id
                  WHERE COALESCE(hu.small_area_id, b.small_area_id) = sa.id) AS households
         FROM small_areas sa JOIN districts d ON d.id = sa.district_id WHERE sa.geometry IS NOT NULL ORDER BY d.code, sa.code LIMIT 1 OFFSET ?`,
      )
      .get(offset) as AreaRow & { households: number };
  } finally {
    db.close();
  }
}

test.describe.configure({ timeout: 120_000 });

test("mark a building on the imagery, list 12 units, and see the small area's total and band change", async ({ page }) => {
  const area = areaWithTotals(4);
  const [lon, lat] = labelPoint(JSON.parse(area.geometry) as Polygon);
  await page.goto(`/zh?area=${area.id}`);
  await waitForMapIdle(page);
  await jumpTo(page, lon, lat, 17.5);
  await expect(page.getByTestId("households")).toHaveText(String(area.households));

  // mark: the B key, then a click on the imagery a little off the label point
  const at: [number, number] = [lon + 0.00008, lat + 0.00006];
  await page.keyboard.press("b");
  await clickAt(page, at[0], at[1]);
  const panel = page.getByTestId("building-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("building-small-area")).toHaveText(area.code);
  const id = Number(await panel.getAttribute("data-building-id"));
  expect(id).toBeGreaterThan(0);

  // name it as a landmark and list 12 occupied units of 1 household and 3 persons each
  await panel.getByLabel("用途").selectOption("mixed");
  await panel.getByLabel("名称（标志性建筑）").fill("供销社");
  await panel.getByRole("button", { name: "保存" }).first().click();
  await waitForSaved(page);
  const quick = panel.getByTestId("quick-entry");
  await quick.getByLabel("单元数").fill("12");
  await quick.getByLabel("每单元户数").fill("1");
  await quick.getByLabel("每单元人数").fill("3");
  await quick.getByTestId("quick-add").click();
  await waitForSaved(page);
  await expect(panel.getByTestId("unit-row")).toHaveCount(12);
  await expect(panel.getByTestId("building-totals")).toContainText("12 户");

  // collective quarters: a virtual small area (900+) in the building's district takes the first unit
  await page.keyboard.press("v");
  await waitForSaved(page);
  const virtual = openE2eDb();
  const added = virtual
    .prepare("SELECT sa.id, sa.code FROM small_areas sa JOIN buildings b ON b.district_id = sa.district_id WHERE b.id = ? AND sa.is_virtual = 1 ORDER BY sa.id DESC LIMIT 1")
    .get(id) as { id: number; code: string };
  virtual.close();
  expect(Number(added.code)).toBeGreaterThanOrEqual(900);
  const firstUnit = panel.getByTestId("unit-row").first();
  await firstUnit.getByLabel("状态").selectOption("collective");
  await firstUnit.getByLabel("计入").selectOption(String(added.id));
  await firstUnit.getByRole("button", { name: "保存" }).click();
  await waitForSaved(page);
  await expect.poll(() => {
    const check = openE2eDb();
    const unit = check.prepare("SELECT status, small_area_id FROM housing_units WHERE building_id = ? ORDER BY id LIMIT 1").get(id);
    check.close();
    return unit;
  }).toEqual({ status: "collective", small_area_id: added.id });

  const db = openE2eDb();
  const stored = db.prepare("SELECT use, name, small_area_id FROM buildings WHERE id = ?").get(id);
  const units = db.prepare("SELECT COUNT(*) AS n, SUM(households) AS households, SUM(persons) AS persons FROM housing_units WHERE building_id = ?").get(id);
  db.close();
  expect(stored).toEqual({ use: "mixed", name: "供销社", small_area_id: area.id });
  expect(units).toEqual({ n: 12, households: 12, persons: 36 });
  // one unit now counts in the virtual small area: the building's own small area gains 11 households
  expect(areaWithTotals(4).households).toBe(area.households + 11);

  // the small area's panel (after a reload) counts the new units in its total and band
  await page.goto(`/zh?area=${area.id}`);
  await waitForMapIdle(page);
  await expect(page.getByTestId("households")).toHaveText(String(area.households + 11));
  await expect(page.getByTestId("size-class")).toBeVisible();

  // undo (kept across the reload): the unit's assignment, the virtual area, then the units themselves
  await page.getByTestId("tool-undo").click();
  await waitForSaved(page);
  await expect(page.getByTestId("households")).toHaveText(String(area.households + 12));
  await page.getByTestId("tool-undo").click();
  await waitForSaved(page);
  await page.getByTestId("tool-undo").click();
  await waitForSaved(page);
  await expect(page.getByTestId("households")).toHaveText(String(area.households));

  // the new building has no number yet: renumbering the district previews it, then applies exactly that
  await page.keyboard.press("n");
  const dialog = page.getByTestId("renumber-dialog");
  await expect(dialog.getByTestId("renumber-buildings")).toBeVisible();
  const unnumbered = openE2eDb();
  expect(unnumbered.prepare("SELECT number FROM buildings WHERE id = ?").get(id)).toEqual({ number: null });
  unnumbered.close();
  await dialog.getByTestId("renumber-apply").click();
  await expect(dialog).toBeHidden();
  const numbered = openE2eDb();
  const row = numbered.prepare("SELECT number FROM buildings WHERE id = ?").get(id) as { number: number | null };
  const log = numbered.prepare("SELECT COUNT(*) AS n FROM change_log WHERE label = 'renumber' AND entity_type = 'building' AND entity_id = ?").get(id);
  numbered.close();
  expect(row.number).toBeGreaterThan(0);
  expect(log).toEqual({ n: 1 });
});
