import { expect, test } from "@playwright/test";
import type { Polygon } from "geojson";
import { labelPoint } from "../lib/geo/label-point";
import { openE2eDb, waitForMapIdle } from "./helpers";

/** Two small areas of the demo and a CSV (GBK-free UTF-8 with Chinese headers) of buildings at their label points. */
function fixture(): { areas: Array<{ id: number }>; csv: string; bad: string } {
  const db = openE2eDb();
  const rows = db.prepare("SELECT id, geometry FROM small_areas WHERE geometry IS NOT NULL ORDER BY id LIMIT 2").all() as Array<{ id: number; geometry: string }>;
  db.close();
  const points = rows.map((r) => labelPoint(JSON.parse(r.geometry) as Polygon));
  const csv = ["经度,纬度,用途,单元数,户数,人数,名称", ...points.map(([x, y], i) => `${x},${y},住宅,${i + 2},${i + 3},${i + 9},`)].join("\n");
  const bad = `${csv}\n120.1,30.3,住宅,two,1,1,\n`;
  return { areas: rows, csv, bad };
}

const count = (sql: string) => {
  const db = openE2eDb();
  const row = db.prepare(sql).get() as { n: number };
  db.close();
  return row.n;
};

// the refused upload answers 422 on purpose, so this spec keeps its own error watch (the shared fixture fails on any 4xx)
test("import buildings from a CSV: a bad row stops the import and names its line; skipping it imports the rest", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => msg.type() === "error" && !msg.text().includes("422") && errors.push(msg.text()));
  page.on("response", (res) => res.status() >= 400 && !(res.status() === 422 && res.url().includes("/api/import/")) && errors.push(`HTTP ${res.status()} ${res.url()}`));
  const { csv, bad } = fixture();
  const before = count("SELECT COUNT(*) AS n FROM buildings");
  await page.goto("/zh");
  await waitForMapIdle(page);
  const panel = page.getByTestId("import-buildings");

  await panel.getByTestId("import-file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await panel.getByTestId("import-submit").click();
  await expect(panel.getByTestId("import-problems")).toContainText("4");
  expect(count("SELECT COUNT(*) AS n FROM buildings")).toBe(before);

  await panel.getByTestId("import-skip-bad").check();
  await panel.getByTestId("import-submit").click();
  await expect(panel.getByTestId("import-report")).toBeVisible();
  await expect(panel).toHaveAttribute("data-state", "done");
  expect(count("SELECT COUNT(*) AS n FROM buildings")).toBe(before + 2);
  expect(count("SELECT COUNT(*) AS n FROM buildings WHERE id > (SELECT MAX(id) - 2 FROM buildings) AND small_area_id IS NOT NULL")).toBe(2);
  expect(count("SELECT SUM(households) AS n FROM housing_units WHERE building_id > (SELECT MAX(id) - 2 FROM buildings)")).toBe(3 + 4);
  expect(csv).toContain("经度");
  expect(errors).toEqual([]);
});
