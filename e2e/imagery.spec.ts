import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { expect } from "@playwright/test";
import { canvasStats, openE2eDb, test, waitForMapIdle, waitForRepaint } from "./helpers";

/**
 * Imagery sources (issue #8): the admin adds an XYZ source on the settings page — a tile server started here,
 * serving the demo MBTiles's tiles, which the app fetches through its tile route as a proxy — switches the map
 * to it in the layers panel, nudges its offset, reloads, and finds the offset kept (in the database and on
 * the page) and the map drawing the new imagery.
 */
let server: Server;
let upstream: string;
let requests = 0;

test.beforeAll(async () => {
  const mbtiles = new Database(resolve(".e2e/imagery/demo.mbtiles"), { readonly: true, fileMustExist: true });
  const tile = mbtiles.prepare("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?");
  server = createServer((req, res) => {
    const m = /^\/(\d+)\/(\d+)\/(\d+)\.jpg$/.exec(req.url ?? "");
    if (!m) return res.writeHead(400).end();
    requests++;
    const [z, x, y] = m.slice(1).map(Number);
    const row = tile.get(z, x, 2 ** z - 1 - y) as { tile_data: Buffer } | undefined;
    if (!row) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "image/jpeg" }).end(row.tile_data);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  upstream = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

const offsetOf = (id: number) => {
  const db = openE2eDb();
  try {
    return db.prepare("SELECT offset_x x, offset_y y, version FROM imagery_sources WHERE id = ?").get(id) as { x: number; y: number; version: number };
  } finally {
    db.close();
  }
};

test("the admin adds an XYZ source, switches the map to it, nudges it, and the offset persists", async ({ page }) => {
  await page.goto("/zh/imagery");
  await expect(page.getByRole("heading", { level: 1, name: "影像来源", exact: true })).toBeVisible();
  // a bad template is refused naming the field
  await page.getByTestId("imagery-add-name").fill("本机 XYZ 影像");
  await page.getByTestId("imagery-add-location").fill(`${upstream}/{z}/{x}.jpg`);
  await page.getByTestId("imagery-add-submit").click();
  await expect(page.getByTestId("imagery-add-message")).toHaveText("地址：模板必须含 {z}、{x} 和 {y}。");
  await page.getByTestId("imagery-add-location").fill(`${upstream}/{z}/{x}/{y}.jpg`);
  await page.getByTestId("imagery-add-minzoom").fill("13");
  await page.getByTestId("imagery-add-maxzoom").fill("18");
  await page.getByTestId("imagery-add-submit").click();
  await expect(page.getByTestId("imagery-add-message")).toHaveText("已添加 本机 XYZ 影像。");
  const db = openE2eDb();
  const { id } = db.prepare("SELECT id FROM imagery_sources WHERE name = ?").get("本机 XYZ 影像") as { id: number };
  db.close();
  await expect(page.getByTestId(`imagery-row-${id}`)).toContainText("XYZ 瓦片");

  // the map: switch to the new source in the layers panel
  await page.goto("/zh");
  await waitForMapIdle(page);
  const before = requests;
  await page.getByTestId(`imagery-source-${id}`).check();
  await expect.poll(() => page.evaluate(() => window.__tessera!.imageryTiles())).toEqual([`/api/tiles/${id}/{z}/{x}/{y}`]);
  await waitForMapIdle(page);
  expect(requests).toBeGreaterThan(before);
  const shown = await canvasStats(page);
  expect(shown.colors).toBeGreaterThan(200);

  // nudge: 1 m east twice, then 10 m north
  await expect(page.getByTestId("imagery-offset")).toHaveText("偏移：东 0 米，北 0 米");
  await page.getByTestId("imagery-nudge-east").click();
  await expect(page.getByTestId("imagery-offset")).toHaveText("偏移：东 1 米，北 0 米");
  await page.getByTestId("imagery-nudge-east").click();
  await expect(page.getByTestId("imagery-offset")).toHaveText("偏移：东 2 米，北 0 米");
  await page.getByTestId("imagery-nudge-step").selectOption("10");
  await page.getByTestId("imagery-nudge-north").click();
  await expect(page.getByTestId("imagery-offset")).toHaveText("偏移：东 2 米，北 10 米");
  await expect.poll(() => page.evaluate(() => window.__tessera!.imageryTiles())).toEqual([`/api/tiles/${id}/{z}/{x}/{y}?o=2,10`]);
  await waitForMapIdle(page);
  const moved = await canvasStats(page);
  expect(moved.colors).toBeGreaterThan(200);
  let changed = 0;
  for (let i = 0; i < shown.pixels.length; i += 3) if (Math.abs(shown.pixels[i] - moved.pixels[i]) + Math.abs(shown.pixels[i + 1] - moved.pixels[i + 1]) > 30) changed++;
  expect(changed, "the shifted imagery differs from the unshifted").toBeGreaterThan(0);
  expect(offsetOf(id)).toMatchObject({ x: 2, y: 10 });

  // reload: the offset is kept (database and panel), and the map shows the moved imagery again
  await page.reload();
  await waitForMapIdle(page);
  await page.getByTestId(`imagery-source-${id}`).check();
  await expect(page.getByTestId("imagery-offset")).toHaveText("偏移：东 2 米，北 10 米");
  await expect.poll(() => page.evaluate(() => window.__tessera!.imageryTiles())).toEqual([`/api/tiles/${id}/{z}/{x}/{y}?o=2,10`]);
  await waitForMapIdle(page);
  await waitForRepaint(page);
  expect((await canvasStats(page)).colors).toBeGreaterThan(200);

  // reset puts it back
  await page.getByTestId("imagery-nudge-reset").click();
  await expect(page.getByTestId("imagery-offset")).toHaveText("偏移：东 0 米，北 0 米");
  expect(offsetOf(id)).toMatchObject({ x: 0, y: 0 });
  const audit = openE2eDb();
  expect(audit.prepare("SELECT count(*) FROM audit_log WHERE action = 'imagery.offset' AND target_id = ?").pluck().get(String(id))).toBe(4);
  audit.close();
});
