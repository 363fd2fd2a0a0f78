import { expect, type Page } from "@playwright/test";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { checkDistrict } from "../lib/coverage/check";
import type { CoverageIssue } from "../lib/coverage/types";
import { openE2eDb } from "./helpers";

/** Screen position (page pixels) of a lon/lat on the map canvas. */
export async function pixelOf(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(([x, y]) => window.__tessera!.project(x, y), [lon, lat] as const);
  const box = await page.locator(".map canvas").first().boundingBox();
  if (!box) throw new Error("map canvas not found");
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Clicks each lon/lat in turn (as a user drawing), then presses Enter to finish the shape. */
export async function drawThrough(page: Page, points: Position[]): Promise<void> {
  for (const [lon, lat] of points) {
    const p = await pixelOf(page, lon, lat);
    await page.mouse.move(p.x, p.y, { steps: 2 });
    await page.mouse.click(p.x, p.y);
  }
  await page.keyboard.press("Enter");
}

/**
 * Drags the map from one lon/lat to another with the mouse (a vertex drag while reshaping); `midway` runs
 * with the button still down, halfway (to look at what the app shows during the drag).
 */
export async function dragOnMap(page: Page, from: Position, to: Position, midway?: () => Promise<void>): Promise<void> {
  const a = await pixelOf(page, from[0], from[1]);
  const b = await pixelOf(page, to[0], to[1]);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  if (midway) await midway();
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
}

/** A district and its small areas as stored. */
export interface StoredDistrict {
  id: number;
  code: string;
  version: number;
  geometry: Polygon | MultiPolygon;
  smallAreas: Array<{ id: number; code: string; version: number; geometry: Polygon | MultiPolygon }>;
}

/** Reads a district and its small areas straight from the e2e database. */
export function readDistrict(code: string): StoredDistrict | null {
  const db = openE2eDb();
  try {
    const d = db.prepare("SELECT id, code, version, geometry FROM districts WHERE code = ?").get(code) as { id: number; code: string; version: number; geometry: string } | undefined;
    if (!d) return null;
    const areas = db.prepare("SELECT id, code, version, geometry FROM small_areas WHERE district_id = ? AND geometry IS NOT NULL ORDER BY code").all(d.id) as Array<{ id: number; code: string; version: number; geometry: string }>;
    return {
      ...d,
      geometry: JSON.parse(d.geometry),
      smallAreas: areas.map((a) => ({ ...a, geometry: JSON.parse(a.geometry) })),
    };
  } finally {
    db.close();
  }
}

/** The partition issues (gap, overlap, outside, invalid) of one district, checked on what the database holds. */
export function partitionIssues(district: StoredDistrict): CoverageIssue[] {
  const report = checkDistrict(
    {
      districts: [{ code: district.code, geometry: district.geometry }],
      smallAreas: district.smallAreas.map((a) => ({ code: a.code, district: district.code, isVirtual: false, geometry: a.geometry })),
    },
    district.code,
  );
  return report.issues.filter((i) => ["gap", "overlap", "outside_district", "invalid_geometry"].includes(i.kind));
}

/** Waits until the editor has no write on its way. */
export async function waitForSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("edit-toolbar")).not.toHaveAttribute("data-busy", /.*/);
}

/**
 * Waits until the drawing library has rendered a vertex handle at a lon/lat: a press there then grabs the
 * vertex (before that, under load, it lands on the map and pans it instead).
 */
export async function waitForVertexAt(page: Page, at: Position): Promise<void> {
  await expect.poll(() => page.evaluate(([x, y]) => window.__tessera!.renderedCountAt("gl-draw-vertex", x, y, 3), [at[0], at[1]] as const)).toBeGreaterThan(0);
}

/** Waits until the drawing library shows the vertices of the area being reshaped (they render asynchronously). */
export async function waitForVertices(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => window.__tessera!.renderedCount("gl-draw-vertex"))).toBeGreaterThan(0);
}
