import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { databasePath, getDb } from "@/db/client";
import { setUpEditTownshipDatabase } from "@/db/edit-test-fixture";
import { createImagerySource, setImageryOffset } from "@/db/imagery-sources";
import { writePmtiles } from "@/db/imagery/pmtiles-fixture";
import { pixelOf, solidPng, writeMbtiles, writeTileGeoTiff } from "@/db/imagery/test-tiles";
import type { ImageryInput } from "@/db/imagery/validate";
import { metersPerPixel, worldYToLat } from "@/lib/geo/web-mercator";
import { GET } from "./route";

setUpEditTownshipDatabase("tile-proxy");

const KEY = "proxy-test-key-123";
let server: Server;
let upstream: string;
const seen: string[] = [];
let admin: TestSession;
let red: Uint8Array;
let blue: Uint8Array;
beforeAll(async () => {
  admin = await signedInAs(getDb(), "admin");
  [red, blue] = [await solidPng("#ff0000"), await solidPng("#0000ff")];
  server = createServer((req, res) => {
    seen.push(req.url ?? "");
    if (req.url?.startsWith("/fail")) return res.writeHead(503).end("down");
    if (req.url?.startsWith("/empty")) return res.writeHead(404).end();
    const x = Number(new URL(req.url ?? "/", "http://h").searchParams.get("x"));
    res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from(x % 2 ? blue : red));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  upstream = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.TEST_TILE_KEY = KEY;
});
afterAll(() => {
  delete process.env.TEST_TILE_KEY;
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const by = () => ({ actor: admin.user, ip: null });
const source = (input: Partial<ImageryInput>) => createImagerySource(getDb(), by(), { name: "t", kind: "xyz", location: `${upstream}/ok?z={z}&x={x}&y={y}`, attribution: null, minZoom: 0, maxZoom: 20, keyEnv: null, ...input });
const tile = (id: number | string, z: number, x: number, y: number, session: TestSession | null = admin) =>
  GET(new Request(`http://localhost/api/tiles/${id}/${z}/${x}/${y}`, { headers: session ? { cookie: session.cookie } : {} }), {
    params: Promise.resolve({ source: String(id), z: String(z), x: String(x), y: String(y) }),
  });

describe("GET /api/tiles/{source}/{z}/{x}/{y} as a proxy of remote tile services", () => {
  it("fetches the configured upstream with the key from the environment; the key is in neither the response nor the database", async () => {
    const s = source({ location: `${upstream}/ok?z={z}&x={x}&y={y}&tk={key}`, keyEnv: "TEST_TILE_KEY" });
    const response = await tile(s.id, 5, 2, 3);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("private, max-age=3600");
    expect(seen.at(-1)).toBe(`/ok?z=5&x=2&y=3&tk=${KEY}`);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.includes(Buffer.from(KEY))).toBe(false);
    expect(JSON.stringify(getDb().$client.prepare("SELECT * FROM imagery_sources").all())).not.toContain(KEY);
  });

  it("flips y for TMS and answers 204 where the upstream has no tile", async () => {
    const tms = source({ kind: "tms" });
    expect((await tile(tms.id, 3, 1, 1)).status).toBe(200);
    expect(seen.at(-1)).toBe("/ok?z=3&x=1&y=6");
    const empty = source({ location: `${upstream}/empty/{z}/{x}/{y}` });
    expect((await tile(empty.id, 3, 1, 1)).status).toBe(204);
  });

  it("answers 502 naming the host (not the key) when the upstream fails, 503 when the key is not set", async () => {
    const failing = source({ location: `${upstream}/fail/{z}/{x}/{y}?tk={key}`, keyEnv: "TEST_TILE_KEY" });
    const response = await tile(failing.id, 3, 1, 1);
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text).error).toMatchObject({ rule: "upstream_failed", place: `imagery_sources/${failing.id}` });
    expect(text).toContain("127.0.0.1");
    expect(text).not.toContain(KEY);
    const unset = source({ location: `${upstream}/ok/{z}/{x}/{y}?tk={key}`, keyEnv: "NOT_SET_ANYWHERE" });
    expect(await (await tile(unset.id, 3, 1, 1)).json()).toMatchObject({ error: { rule: "key_missing" } });
  });

  it("is no open proxy: only configured sources, by id; unknown ids 404, bad addresses 400, nobody signed in 401", async () => {
    const before = seen.length;
    expect((await tile(98765, 3, 1, 1)).status).toBe(404);
    expect((await tile("http%3A%2F%2Fevil.test", 3, 1, 1)).status).toBe(400);
    expect((await tile(1, 3, 1, 1, null)).status).toBe(401);
    expect(seen.length).toBe(before);
  });

  it("applies the stored offset: moved east by half a tile, the left half shows the western tile", async () => {
    const s = source({});
    const [z, x, y] = [16, 54800, 26800];
    const mpp = metersPerPixel(worldYToLat((y + 0.5) / 2 ** z), z);
    setImageryOffset(getDb(), by(), s.id, s.version, 128 * mpp, 0);
    const body = new Uint8Array(await (await tile(s.id, z, x, y)).arrayBuffer());
    expect(await pixelOf(body, 10, 100)).toEqual([0, 0, 255, 255]);
    expect(await pixelOf(body, 250, 100)).toEqual([255, 0, 0, 255]);
  });
});

describe("GET /api/tiles for files: MBTiles, PMTiles, GeoTIFF", () => {
  it("serves each kind, and 404 names a missing file", async () => {
    const folder = dirname(databasePath());
    writeMbtiles(join(folder, "a.mbtiles"), [{ z: 14, x: 100, y: 200, data: red }]);
    writeFileSync(join(folder, "a.pmtiles"), writePmtiles([{ z: 14, x: 100, y: 200, data: blue }], [0, 0, 1, 1]));
    writeFileSync(join(folder, "a.tif"), new Uint8Array(writeTileGeoTiff(15, 27400, 13400, 64)));
    const mb = source({ kind: "mbtiles", location: "a.mbtiles" });
    const pm = source({ kind: "pmtiles", location: "a.pmtiles" });
    const cog = source({ kind: "cog", location: "a.tif" });
    expect(await pixelOf(new Uint8Array(await (await tile(mb.id, 14, 100, 200)).arrayBuffer()), 1, 1)).toEqual([255, 0, 0, 255]);
    expect(await pixelOf(new Uint8Array(await (await tile(pm.id, 14, 100, 200)).arrayBuffer()), 1, 1)).toEqual([0, 0, 255, 255]);
    expect(await pixelOf(new Uint8Array(await (await tile(cog.id, 15, 27400, 13400)).arrayBuffer()), 10, 10)).toEqual([220, 20, 20, 255]);
    expect((await tile(pm.id, 14, 101, 200)).status).toBe(204);
    const gone = source({ kind: "mbtiles", location: "gone.mbtiles" });
    expect(await (await tile(gone.id, 14, 100, 200)).json()).toMatchObject({ error: { rule: "missing_file" } });
  });
});
