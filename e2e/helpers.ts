import { expect, test as base, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { resolve } from "node:path";

/** Read-only handle on the e2e database that `npm start` seeded (WAL lets us read while the app writes). */
export function openE2eDb(): Database.Database {
  return new Database(resolve(".e2e/tessera.db"), { readonly: true, fileMustExist: true });
}

/** A test whose page fails the test on any console error or uncaught exception. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(`${msg.text()} (${msg.location().url})`);
      });
      page.on("pageerror", (err) => errors.push(err.message));
      page.on("response", (res) => {
        if (res.status() >= 400) errors.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
      });
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Used by a test that provokes an error on purpose (a refused commit answering 422): takes the entries matching
 * `pattern` out of the fixture's list, so that only unexpected errors fail the test.
 */
export function expectErrors(errors: string[], pattern: RegExp): void {
  const expected = errors.filter((e) => pattern.test(e));
  expect(expected.length, `an error matching ${pattern}`).toBeGreaterThan(0);
  errors.splice(0, errors.length, ...errors.filter((e) => !pattern.test(e)));
}

/** Waits until the map has loaded its style, sources and visible tiles. */
export async function waitForMapIdle(page: Page): Promise<void> {
  // generous: after an edit every layer and building tile reloads, and software WebGL on 2 cores is slow
  await page.waitForFunction(() => window.__tessera?.isIdle() === true, undefined, { timeout: 60_000 });
}

/** Waits until the map has re-rendered after a change that does not move it (a layer switched on or off). */
export async function waitForRepaint(page: Page): Promise<void> {
  await page.evaluate(() => window.__tessera!.settle());
}

/** Jumps the map to a lon/lat and zoom through the test hook and waits until it is idle. */
export async function jumpTo(page: Page, lon: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(([x, y, z]) => window.__tessera!.jumpTo(x, y, z), [lon, lat, zoom] as const);
  await waitForMapIdle(page);
}

/** Clicks the map canvas at a lon/lat. */
export async function clickAt(page: Page, lon: number, lat: number): Promise<void> {
  const p = await page.evaluate(([x, y]) => window.__tessera!.project(x, y), [lon, lat] as const);
  const box = await page.locator(".map canvas").boundingBox();
  if (!box) throw new Error("map canvas not found");
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

/** Statistics of the map canvas, sampled evenly over all of it: distinct colours (quantised), mean brightness, the samples. */
export async function canvasStats(page: Page): Promise<{ colors: number; mean: number; width: number; height: number; pixels: number[] }> {
  return page.evaluate(async () => {
    const url = window.__tessera!.snapshot();
    const img = new Image();
    img.src = url;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    let sum = 0;
    const sample: number[] = [];
    const count = data.length / 4;
    const every = Math.max(1, Math.floor(count / 5000));
    for (let p = 0; p < count; p += every) {
      const i = p * 4;
      seen.add(((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3));
      sum += data[i] + data[i + 1] + data[i + 2];
      sample.push(data[i], data[i + 1], data[i + 2]);
    }
    return { colors: seen.size, mean: sum / (3 * (sample.length / 3)), width: c.width, height: c.height, pixels: sample };
  });
}
