import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadImage } from "@napi-rs/canvas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bbox } from "@/lib/geo/bbox";
import { openDatabase, type Db } from "./client";
import { closeAllMbtiles } from "./imagery/mbtiles";
import { solidPng } from "./imagery/test-tiles";
import { createImagerySource, setDefaultImagerySource } from "./imagery-sources";
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

  describe("from a remote tile service", () => {
    let server: Server;
    let base: string;
    let requests = 0;
    let inFlight = 0;
    let mostInFlight = 0;
    const by = { actor: { id: 1, username: "chief", role: "admin" }, ip: "10.0.0.1" };
    let remote: ReturnType<typeof openDatabase>;

    beforeAll(async () => {
      const green = await solidPng("#00c000");
      server = createServer((req, res) => {
        requests++;
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        const done = () => inFlight--;
        res.on("finish", done);
        const [, kind, , x] = (req.url ?? "").split("/");
        // every other column fails upstream: those tiles stay grey, the rest are drawn
        if (kind === "down" || (kind === "half" && Number(x) % 2 === 1)) return setTimeout(() => res.writeHead(500).end("oops"), 5);
        setTimeout(() => res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(green)), 5);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      remote = openDatabase(join(dir, "remote.db"));
    });
    afterAll(async () => {
      remote.$client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const colourAt = async (dataUrl: string, fx: number, fy: number) => {
      const image = await loadImage(Buffer.from(dataUrl.split(",")[1], "base64"));
      const { createCanvas } = await import("@napi-rs/canvas");
      const canvas = createCanvas(image.width, image.height);
      const ctx = canvas.getContext("2d");
      ctx.drawImage(image, 0, 0);
      return [...ctx.getImageData(Math.floor(image.width * fx), Math.floor(image.height * fy), 1, 1).data].slice(0, 3);
    };

    it("prints the default source's tiles whatever its kind, a few requests at a time", async () => {
      const source = createImagerySource(remote, by, { name: "Remote", kind: "xyz", location: `${base}/ok/{z}/{x}/{y}.png`, attribution: "© remote", minZoom: 10, maxZoom: 18, keyEnv: null });
      expect(source.isDefault).toBe(true);
      requests = 0;
      const imagery = (await imageryFor(remote, frame, 100, 100))!;
      expect(imagery.attribution).toBe("© remote");
      expect(requests).toBeGreaterThan(1);
      expect(mostInFlight).toBeLessThanOrEqual(6);
      const [r, g, b] = await colourAt(imagery.dataUrl, 0.5, 0.5);
      expect(g).toBeGreaterThan(150);
      expect(r).toBeLessThan(60);
      expect(b).toBeLessThan(60);
    });

    it("leaves tiles the service fails on grey, and gives no imagery when every tile fails", async () => {
      const half = createImagerySource(remote, by, { name: "Half", kind: "xyz", location: `${base}/half/{z}/{x}/{y}.png`, attribution: null, minZoom: 10, maxZoom: 18, keyEnv: null });
      setDefaultImagerySource(remote, by, half.id, half.version);
      const imagery = (await imageryFor(remote, frame, 100, 100))!;
      const colours = await Promise.all([0.05, 0.25, 0.45, 0.65, 0.85].map((fx) => colourAt(imagery.dataUrl, fx, 0.5)));
      expect(colours.some(([r, g]) => g > 150 && r < 60)).toBe(true);
      expect(colours.some(([r, g, b]) => Math.abs(r - 0xd9) < 12 && Math.abs(g - 0xd9) < 12 && Math.abs(b - 0xd9) < 12)).toBe(true);

      const down = createImagerySource(remote, by, { name: "Down", kind: "xyz", location: `${base}/down/{z}/{x}/{y}.png`, attribution: null, minZoom: 10, maxZoom: 18, keyEnv: null });
      setDefaultImagerySource(remote, by, down.id, down.version);
      expect(await imageryFor(remote, frame, 100, 100)).toBeNull();
    });
  });
});
