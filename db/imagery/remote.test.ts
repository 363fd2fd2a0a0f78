import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expandTemplate, fetchUpstreamTile, keyOf, maskKey, templatesOf, tileBbox3857, UpstreamError } from "./remote";

describe("URL templates", () => {
  it("puts z/x/y in an XYZ template, flips y for TMS and for {-y}", () => {
    expect(expandTemplate("https://a.test/{z}/{x}/{y}.png", "xyz", 3, 2, 1, null)).toBe("https://a.test/3/2/1.png");
    expect(expandTemplate("https://a.test/{z}/{x}/{y}.png", "tms", 3, 2, 1, null)).toBe("https://a.test/3/2/6.png");
    expect(expandTemplate("https://a.test/{z}/{x}/{-y}.png", "xyz", 3, 2, 1, null)).toBe("https://a.test/3/2/6.png");
  });

  it("chooses a server from {0-7} and {s} by the tile, always the same for the same tile", () => {
    const url = (x: number, y: number) => expandTemplate("https://t{0-7}.tianditu.gov.cn/img_w/wmts?TILECOL={x}&TILEROW={y}&TILEMATRIX={z}", "xyz", 10, x, y, null);
    expect(url(3, 2)).toBe("https://t5.tianditu.gov.cn/img_w/wmts?TILECOL=3&TILEROW=2&TILEMATRIX=10");
    expect(url(7, 9)).toBe("https://t0.tianditu.gov.cn/img_w/wmts?TILECOL=7&TILEROW=9&TILEMATRIX=10");
    expect(expandTemplate("https://{s}.tile.test/{z}/{x}/{y}", "xyz", 1, 1, 0, null)).toBe("https://b.tile.test/1/1/0");
  });

  it("gives a WMS GetMap the tile's EPSG:3857 box", () => {
    expect(tileBbox3857(0, 0, 0)).toBe("-20037508.342789,-20037508.342789,20037508.342789,20037508.342789");
    expect(tileBbox3857(1, 1, 0)).toBe("0,0,20037508.342789,20037508.342789");
    expect(expandTemplate("https://w.test/wms?SERVICE=WMS&BBOX={bbox-epsg-3857}&WIDTH=256", "wms", 1, 1, 0, null)).toBe("https://w.test/wms?SERVICE=WMS&BBOX=0,0,20037508.342789,20037508.342789&WIDTH=256");
  });

  it("substitutes the key from the environment variable the source names, and masks it in messages", () => {
    const env = { TIANDITU_KEY: "s3cr3t-k3y" };
    const key = keyOf("TIANDITU_KEY", env);
    const url = expandTemplate("https://t{0-7}.tianditu.gov.cn/x?tk={key}", "xyz", 1, 0, 0, key);
    expect(url).toBe("https://t0.tianditu.gov.cn/x?tk=s3cr3t-k3y");
    expect(maskKey(url, key)).toBe("https://t0.tianditu.gov.cn/x?tk=***");
    expect(keyOf(null, env)).toBeNull();
    expect(() => keyOf("MISSING_KEY", env)).toThrow(UpstreamError);
  });

  it("splits stacked templates by line", () => {
    expect(templatesOf(" https://a/{z}/{x}/{y}\n\nhttps://b/{z}/{x}/{y} \n")).toEqual(["https://a/{z}/{x}/{y}", "https://b/{z}/{x}/{y}"]);
  });
});

describe("fetchUpstreamTile", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? "";
      if (path.startsWith("/ok")) return res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      if (path.startsWith("/missing")) return res.writeHead(404).end();
      if (path.startsWith("/broken")) return res.writeHead(500).end("oops");
      if (path.startsWith("/html")) return res.writeHead(200, { "content-type": "text/html" }).end("<html>");
      if (path.startsWith("/huge")) return res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(2048));
      if (path.startsWith("/slow")) return setTimeout(() => res.writeHead(200, { "content-type": "image/png" }).end("x"), 1500);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("returns an image, and no data for a tile the upstream lacks", async () => {
    expect(await fetchUpstreamTile(`${base}/ok`, null)).toMatchObject({ contentType: "image/png", data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) });
    expect((await fetchUpstreamTile(`${base}/missing`, null)).data).toBeNull();
  });

  it("fails clearly on an error status, a non-image, a tile over the size cap and a timeout, never naming the key", async () => {
    const fail = (path: string, options = {}) => fetchUpstreamTile(`${base}${path}?tk=k3y-k3y`, "k3y-k3y", options).then(() => "served", (e: UpstreamError) => `${e.rule}: ${e.message}`);
    expect(await fail("/broken")).toBe(`upstream_failed: ${base.slice(7)} answered 500 for ${base}/broken?tk=***`);
    expect(await fail("/html")).toMatch(/^upstream_failed: .* answered text\/html, not an image$/);
    expect(await fail("/huge", { maxBytes: 1024 })).toMatch(/^upstream_failed: .* larger than 1 KB$/);
    expect(await fail("/slow", { timeoutMs: 200 })).toMatch(/^upstream_failed: .* did not answer in time$/);
    expect(await fail("/ok")).toBe("served");
  });
});
