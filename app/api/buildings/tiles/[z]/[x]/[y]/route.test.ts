import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VectorTile } from "@mapbox/vector-tile";
import type { Point, Polygon } from "geojson";
import { PbfReader } from "pbf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInAs } from "@/db/auth-test-fixture";
import { databasePath, getDb } from "@/db/client";
import { getExtent } from "@/db/queries";
import { seedDemo } from "@/db/seed";
import { ringCentroid } from "@/lib/geo/ring-centroid";
import { bufferedTileBounds, lonLatToTile, tileBounds } from "@/lib/geo/web-mercator";
import { GET } from "./route";

const folder = mkdtempSync(join(tmpdir(), "tessera-building-tiles-"));
const previous = process.env.TESSERA_DB;
/** every role may read the map: the tests ask as an enumerator, the role with the least */
let cookie = "";

beforeAll(async () => {
  process.env.TESSERA_DB = join(folder, "tiles.db");
  await seedDemo(getDb(), databasePath(), { imagery: false });
  cookie = (await signedInAs(getDb(), "enumerator")).cookie;
});

afterAll(() => {
  getDb().$client.close();
  if (previous === undefined) delete process.env.TESSERA_DB;
  else process.env.TESSERA_DB = previous;
  rmSync(folder, { recursive: true, force: true });
});

const get = (z: string | number, x: string | number, y: string | number, headers: Record<string, string> = {}, signedIn = true) =>
  GET(new Request(`http://localhost/api/buildings/tiles/${z}/${x}/${y}`, { headers: signedIn ? { cookie, ...headers } : headers }), {
    params: Promise.resolve({ z: String(z), x: String(x), y: String(y) }),
  });

interface BuildingRow { id: number; number: number | null; use: string; small_area_id: number | null; geometry: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }
const allBuildings = () => getDb().$client.prepare("SELECT id, number, use, small_area_id, geometry, min_lon, min_lat, max_lon, max_lat FROM buildings").all() as BuildingRow[];

function pointOf(b: BuildingRow): [number, number] {
  const g = JSON.parse(b.geometry) as Point | Polygon;
  return g.type === "Point" ? [g.coordinates[0], g.coordinates[1]] : ringCentroid(g.coordinates[0]);
}

/** the z14 tile under the middle of the demo township */
function townTile(z: number) {
  const [w, s, e, n] = getExtent(getDb())!;
  const { x, y } = lonLatToTile((w + e) / 2, (s + n) / 2, z);
  return { z, x, y };
}

describe("GET /api/buildings/tiles/{z}/{x}/{y}", () => {
  it("answers 401 to nobody signed in, before looking at the address", async () => {
    const { z, x, y } = townTile(14);
    for (const [zz, xx, yy] of [[z, x, y], ["abc", "1", "1"]]) {
      const response = await get(zz, xx, yy, {}, false);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { rule: "unauthenticated", place: "session" } });
    }
  });

  it("answers 400 naming the part of a bad address, never 500", async () => {
    const cases: Array<[string, string, string, string]> = [
      ["abc", "1", "1", "z"],
      ["30", "0", "0", "z"],
      ["14", "99999", "0", "x"],
      ["14", "0", "-3", "y"],
      ["14", "0", "1.png", "y"],
    ];
    for (const [z, x, y, place] of cases) {
      const response = await get(z, x, y);
      expect(response.status, `${z}/${x}/${y}`).toBe(400);
      const body = (await response.json()) as { error: { rule: string; place: string; message: string } };
      expect(body.error).toMatchObject({ rule: "bad_tile_address", place });
      expect(body.error.message).toContain("/api/buildings/tiles/{z}/{x}/{y}");
    }
  });

  it("answers 204 for a tile with no buildings and below zoom 13", async () => {
    expect((await get(14, 0, 0)).status).toBe(204);
    const low = townTile(12);
    expect((await get(low.z, low.x, low.y)).status).toBe(204);
  });

  it("serves a tile over the demo township with every building whose point lies in it", async () => {
    const { z, x, y } = townTile(14);
    const response = await get(z, x, y);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.mapbox-vector-tile");
    expect(response.headers.get("etag")).toMatch(/^".+"$/);
    expect(response.headers.get("cache-control")).toContain("no-cache");
    const tile = new VectorTile(new PbfReader(new Uint8Array(await response.arrayBuffer())));
    const layer = tile.layers.buildings;
    const decoded = new Map(Array.from({ length: layer.length }, (_, i) => layer.feature(i)).map((f) => [f.id!, f]));

    const [w, s, e, n] = tileBounds(x, y, z);
    const rows = allBuildings();
    const inside = rows.filter((b) => {
      const [px, py] = pointOf(b);
      return px >= w && px < e && py > s && py <= n;
    });
    expect(inside.length).toBeGreaterThan(50);
    for (const b of inside) expect(decoded.has(b.id), `building ${b.id}`).toBe(true);
    // nothing beyond the tile's buffer
    const [bw, bs, be, bn] = bufferedTileBounds(x, y, z, 64 / 4096);
    const byId = new Map(rows.map((b) => [b.id, b]));
    for (const id of decoded.keys()) {
      const b = byId.get(id)!;
      expect(b.max_lon >= bw && b.min_lon <= be && b.max_lat >= bs && b.min_lat <= bn, `building ${id}`).toBe(true);
    }
    // properties as the map styles them
    const sample = inside.find((b) => b.number !== null && b.small_area_id !== null)!;
    expect(decoded.get(sample.id)!.properties).toMatchObject({ number: sample.number, use: sample.use, smallAreaId: sample.small_area_id });
  });

  it("answers 304 to a request that already holds the tile, and a new tag once a building changed", async () => {
    const { z, x, y } = townTile(15);
    const first = await get(z, x, y);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect((await get(z, x, y, { "if-none-match": etag })).status).toBe(304);
    expect((await get(z, x, y, { "if-none-match": `"other", W/${etag}` })).status).toBe(304);

    const [w, s, e, n] = tileBounds(x, y, z);
    const b = allBuildings().find((r) => {
      const [px, py] = pointOf(r);
      return px > w && px < e && py > s && py < n;
    })!;
    getDb().$client.prepare("UPDATE buildings SET number = ? WHERE id = ?").run((b.number ?? 0) + 1000, b.id);
    const changed = await get(z, x, y, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });
});
