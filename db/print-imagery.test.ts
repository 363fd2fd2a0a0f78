import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadImage } from "@napi-rs/canvas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bbox } from "@/lib/geo/bbox";
import { openDatabase, type Db } from "./client";
import { closeAllMbtiles } from "./imagery/mbtiles";
import { imageryFor } from "./print-imagery";
import { insertTownship } from "./seed/insert-township";
import { renderImagery } from "./seed/render-imagery";
import { tinyAt, tinyTownship } from "./seed/tiny-township-fixture";

const dir = mkdtempSync(join(tmpdir(), "tessera-print-imagery-"));
let db: Db;
const frame: Bbox = [...tinyAt(100, 100), ...tinyAt(500, 500)] as Bbox;

beforeAll(async () => {
  await renderImagery(tinyTownship(), join(dir, "imagery", "tiny.mbtiles"), { minZoom: 16, maxZoom: 18 });
  db = openDatabase(join(dir, "print.db"));
  insertTownship(db, tinyTownship(), "imagery/tiny.mbtiles");
}, 60_000);
afterAll(() => {
  closeAllMbtiles();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("imageryFor", () => {
  it("composes the default source's tiles over the frame into one JPEG at 150–200 dpi", async () => {
    const imagery = (await imageryFor(db, frame, 100, 100))!;
    expect(imagery.bbox).toEqual(frame);
    expect(imagery.attribution).toBe("Tessera synthetic imagery");
    expect(imagery.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    const image = await loadImage(Buffer.from(imagery.dataUrl.split(",")[1], "base64"));
    const dpi = image.width / (100 / 25.4);
    expect(dpi).toBeGreaterThanOrEqual(149);
    expect(dpi).toBeLessThanOrEqual(201);
    // 400 m × 400 m: square
    expect(image.height / image.width).toBeCloseTo(1, 1);
  });

  it("stops at the source's highest zoom for a large-scale frame", async () => {
    const small: Bbox = [...tinyAt(200, 200), ...tinyAt(240, 240)] as Bbox;
    const image = await loadImage(Buffer.from((await imageryFor(db, small, 150, 150))!.dataUrl.split(",")[1], "base64"));
    // 40 m at zoom 18 (~0.55 m per pixel) is about 73 pixels, not the ~1,180 of 200 dpi
    expect(image.width).toBeLessThan(80);
  });

  it("is null outside the source's bounds and without a source", async () => {
    expect(await imageryFor(db, [10, 10, 10.01, 10.01], 100, 100)).toBeNull();
    const bare = openDatabase(":memory:");
    expect(await imageryFor(bare, frame, 100, 100)).toBeNull();
  });
});
