import { expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import type { Polygon, Position } from "geojson";
import { resolve } from "node:path";
import { labelPoint } from "../lib/geo/label-point";
import { openE2eDb, test, waitForMapIdle } from "./helpers";

interface Report {
  summary: { issues: number; byKind: Record<string, number> };
  issues: Array<{ kind: string; district: string | null; smallAreas: string[]; geometry: { type: string; coordinates: unknown } | null }>;
}

interface Injected {
  id: number;
  code: string;
  district: string;
  original: string;
}

const PARTITION_KINDS = ["gap", "overlap", "outside_district", "district_gap", "district_overlap", "outside_township", "invalid_geometry"];
const key = (p: Position) => `${p[0]},${p[1]}`;

/**
 * Opens a gap in the demo data the way a careless edit would: one vertex of a small area that it shares with a
 * neighbour (not a vertex of the district boundary) moves about 12 m into the area, in that area only.
 */
function injectGap(): Injected {
  const db = new Database(resolve(".e2e/tessera.db"), { fileMustExist: true });
  try {
    const rows = db
      .prepare(`SELECT sa.id, sa.code, d.code AS district, sa.geometry, d.geometry AS outline FROM small_areas sa JOIN districts d ON d.id = sa.district_id ORDER BY d.code, sa.code`)
      .all() as Array<{ id: number; code: string; district: string; geometry: string; outline: string }>;
    for (const row of rows.slice(10)) {
      const polygon = JSON.parse(row.geometry) as Polygon;
      const outline = new Set((JSON.parse(row.outline) as Polygon).coordinates.flat().map(key));
      const neighbours = new Set(rows.filter((r) => r.district === row.district && r.id !== row.id).flatMap((r) => (JSON.parse(r.geometry) as Polygon).coordinates.flat().map(key)));
      const ring = polygon.coordinates[0];
      const k = ring.findIndex((p, i) => i > 0 && i < ring.length - 1 && !outline.has(key(p)) && neighbours.has(key(p)));
      if (k < 0) continue;
      const [cx, cy] = labelPoint(polygon);
      const [x, y] = ring[k];
      const length = Math.hypot(cx - x, cy - y);
      const step = Math.min(1.2e-4, length / 3);
      ring[k] = [x + ((cx - x) / length) * step, y + ((cy - y) / length) * step];
      db.prepare("UPDATE small_areas SET geometry = ?, version = version + 1 WHERE id = ?").run(JSON.stringify(polygon), row.id);
      return { id: row.id, code: row.code, district: row.district, original: row.geometry };
    }
    throw new Error("no small area with a vertex shared only with neighbours");
  } finally {
    db.close();
  }
}

function restore(injected: Injected): void {
  const db = new Database(resolve(".e2e/tessera.db"), { fileMustExist: true });
  try {
    db.prepare("UPDATE small_areas SET geometry = ?, version = version + 1 WHERE id = ?").run(injected.original, injected.id);
  } finally {
    db.close();
  }
}

async function getReport(page: Page): Promise<Report> {
  const res = await page.request.get("/api/coverage");
  expect(res.status()).toBe(200);
  return (await res.json()) as Report;
}

test("the clean demo has no gaps or overlaps; bad requests get a 4xx naming the rule", async ({ page, request }) => {
  const report = await getReport(page);
  for (const kind of PARTITION_KINDS) expect(report.summary.byKind[kind] ?? 0, kind).toBe(0);
  const db = openE2eDb();
  const district = (db.prepare("SELECT code FROM districts ORDER BY code LIMIT 1").get() as { code: string }).code;
  db.close();
  const one = await request.get(`/api/coverage?district=${district}`);
  expect(one.status()).toBe(200);
  expect((await one.json()).issues.every((i: { district: string | null }) => i.district === district)).toBe(true);
  const bad = await request.get("/api/coverage?district=12ab");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ rule: "bad_district", place: "district" });
  const missing = await request.get("/api/coverage?district=330199101999");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.rule).toBe("not_found");
});

test.describe("an injected gap", () => {
  let injected: Injected;
  test.beforeAll(() => {
    injected = injectGap();
  });
  test.afterAll(() => restore(injected));

  test("is listed in the panel, shown on the map, and zoomed to on click", async ({ page }) => {
    const report = await getReport(page);
    const index = report.issues.findIndex((i) => i.kind === "gap" && i.district === injected.district && i.smallAreas.includes(injected.code));
    expect(index, "the API reports the gap").toBeGreaterThanOrEqual(0);
    expect(report.summary.byKind.gap).toBe(1);

    await page.goto("/zh");
    const panel = page.getByTestId("coverage-panel");
    await expect(panel).toHaveAttribute("data-state", "done");
    await expect(panel.locator('[data-kind="gap"] summary')).toContainText("小区间空隙（漏）");
    await expect(panel.getByTestId("coverage-count-gap")).toHaveText("1");
    const issue = panel.locator('[data-testid="coverage-issue"][data-kind="gap"]');
    await expect(issue).toHaveAttribute("data-district", injected.district);
    await expect(issue).toHaveAttribute("data-small-areas", new RegExp(`(^|,)${injected.code}(,|$)`));
    await expect(issue).toContainText(`普查区 ${injected.district}：`);
    await expect(issue).toContainText(injected.code);
    await waitForMapIdle(page);
    // at township scale the defect shows as a marker
    expect(await page.evaluate(() => window.__tessera!.renderedIds("defect-marker"))).toContain(index);

    await issue.click();
    await expect(issue).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => page.evaluate(() => window.__tessera!.view().zoom)).toBeGreaterThan(16);
    await waitForMapIdle(page);
    const view = await page.evaluate(() => window.__tessera!.view());
    const ring = (report.issues[index].geometry as Polygon).coordinates[0];
    const lons = ring.map((p) => p[0]), lats = ring.map((p) => p[1]);
    expect(view.center[0]).toBeCloseTo((Math.min(...lons) + Math.max(...lons)) / 2, 4);
    expect(view.center[1]).toBeCloseTo((Math.min(...lats) + Math.max(...lats)) / 2, 4);
    const rendered = await page.evaluate(() => ({ fill: window.__tessera!.renderedIds("defect-fill"), selected: window.__tessera!.renderedIds("defect-selected-line") }));
    expect(rendered.fill).toContain(index);
    expect(rendered.selected).toContain(index);
  });

  test("reads the same in English, and goes once the geometry is mended", async ({ page }) => {
    await page.goto(`/en?area=${injected.id}`);
    const panel = page.getByTestId("coverage-panel");
    const issue = panel.locator('[data-testid="coverage-issue"][data-kind="gap"]');
    await expect(panel.locator('[data-kind="gap"] summary')).toContainText("Gaps between small areas");
    await expect(issue).toContainText(`District ${injected.district}:`);
    await expect(issue).toContainText("covered by no small area");
    await waitForMapIdle(page);

    // mended (as every write does, with a new version), the gap goes at the next check
    restore(injected);
    await panel.getByRole("button", { name: "Check again" }).click();
    await expect(panel).toHaveAttribute("data-state", "done");
    await expect(issue).toHaveCount(0);
    await waitForMapIdle(page);
    expect(await page.evaluate(() => window.__tessera!.renderedIds("defect-marker").length)).toBe(0);
  });
});

test("an issue without geometry (a small area out of the size band) opens its small area", async ({ page }) => {
  const report = await getReport(page);
  const sized = report.issues.find((i) => i.kind === "too_large" || i.kind === "too_small");
  test.skip(!sized, "the demo has no small area outside the size band");
  await page.goto("/zh");
  await waitForMapIdle(page);
  const issue = page.locator(`[data-testid="coverage-issue"][data-kind="${sized!.kind}"][data-district="${sized!.district}"][data-small-areas="${sized!.smallAreas[0]}"]`);
  await issue.click();
  await expect(page.getByTestId("full-code")).toHaveText(`${sized!.district}${sized!.smallAreas[0]}`);
  await expect.poll(() => page.evaluate(() => window.__tessera!.view().zoom)).toBeGreaterThan(14);
  await waitForMapIdle(page);
});
