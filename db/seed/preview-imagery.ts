/**
 * Developer tool, run by hand: `npx tsx db/seed/preview-imagery.ts [out.mbtiles]`. Renders the demo township
 * (or the tiny fixture while `generate-township.ts` does not exist) to /tmp/demo.mbtiles and stitches some
 * z16 and z18 tiles into PNGs under /tmp, to look at the imagery as a user would.
 */
import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { bbox as turfBbox } from "@turf/turf";
import { closeAllMbtiles, openMbtiles } from "@/db/imagery/mbtiles";
import { TILE_SIZE, lonLatToTile, tileRangeForBbox, type LonLatBbox } from "@/lib/geo/web-mercator";
import { renderImagery } from "./render-imagery";
import { tinyTownship } from "./tiny-township-fixture";
import type { DemoTownship } from "./types";

async function loadTownship(): Promise<{ town: DemoTownship; real: boolean }> {
  const generator = fileURLToPath(new URL("./generate-township.ts", import.meta.url));
  if (!existsSync(generator)) return { town: tinyTownship(), real: false };
  // A computed specifier, so that this file type-checks before the generator exists.
  const mod = (await import(pathToFileURL(generator).href)) as { generateDemoTownship: (seed: number) => DemoTownship };
  return { town: mod.generateDemoTownship(1), real: true };
}

/** Stitches cols × rows tiles around a lon/lat at zoom z into one PNG; used for the previews only. */
async function stitch(file: string, z: number, lonLat: [number, number], cols: number, rows: number, out: string): Promise<string> {
  const reader = openMbtiles(file);
  // keep the window inside the rendered tiles
  const range = tileRangeForBbox(reader.metadata().bounds.split(",").map(Number) as LonLatBbox, z);
  cols = Math.min(cols, range.maxX - range.minX + 1);
  rows = Math.min(rows, range.maxY - range.minY + 1);
  const centre = lonLatToTile(lonLat[0], lonLat[1], z);
  const x0 = Math.max(range.minX, Math.min(range.maxX - cols + 1, centre.x - Math.floor(cols / 2)));
  const y0 = Math.max(range.minY, Math.min(range.maxY - rows + 1, centre.y - Math.floor(rows / 2)));
  const canvas = createCanvas(cols * TILE_SIZE, rows * TILE_SIZE);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#f0f";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (let dy = 0; dy < rows; dy++) {
    for (let dx = 0; dx < cols; dx++) {
      const tile = reader.getTile(z, x0 + dx, y0 + dy);
      if (tile) ctx.drawImage(await loadImage(tile.data), dx * TILE_SIZE, dy * TILE_SIZE);
    }
  }
  writeFileSync(out, await canvas.encode("png"));
  return out;
}

/** Centre of the densest 200 m cell of buildings: where a preview shows the most roofs. */
function busiestPlace(town: DemoTownship): [number, number] {
  const counts = new Map<string, { n: number; lon: number; lat: number }>();
  for (const b of town.buildings) {
    const [lon, lat] = b.geometry.coordinates[0][0];
    const key = `${Math.floor(lon / 0.002)},${Math.floor(lat / 0.002)}`;
    const cell = counts.get(key) ?? { n: 0, lon: 0, lat: 0 };
    counts.set(key, { n: cell.n + 1, lon: cell.lon + lon, lat: cell.lat + lat });
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return best ? [best.lon / best.n, best.lat / best.n] : centreOf(town);
}

function centreOf(town: DemoTownship): [number, number] {
  const [w, s, e, n] = turfBbox(town.township.geometry);
  return [(w + e) / 2, (s + n) / 2];
}

function firstOfKind(town: DemoTownship, kind: string): [number, number] | null {
  const f = town.referenceFeatures.find((r) => r.kind === kind && r.geometry.type === "Polygon");
  if (!f || f.geometry.type !== "Polygon") return null;
  const [w, s, e, n] = turfBbox(f.geometry);
  return [(w + e) / 2, (s + n) / 2];
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? "/tmp/demo.mbtiles";
  const { town, real } = await loadTownship();
  console.log(real ? "demo township from generate-township.ts" : "generate-township.ts missing: using the tiny fixture");
  console.log(`${town.districts.length} districts, ${town.smallAreas.length} small areas, ${town.buildings.length} buildings, ${town.referenceFeatures.length} reference features`);
  const result = await renderImagery(town, out);
  console.log(`rendered ${result.tiles} tiles, ${(result.bytes / 1e6).toFixed(2)} MB in ${(result.ms / 1000).toFixed(2)} s`);
  const centre = centreOf(town);
  const busy = busiestPlace(town);
  const pngs = [
    await stitch(out, 14, centre, 4, 4, "/tmp/preview-z14-centre.png"),
    await stitch(out, 16, centre, 4, 4, "/tmp/preview-z16-centre.png"),
    await stitch(out, 16, busy, 4, 3, "/tmp/preview-z16-village.png"),
    await stitch(out, 18, busy, 4, 3, "/tmp/preview-z18-village.png"),
  ];
  const farm = firstOfKind(town, "farmland");
  if (farm) pngs.push(await stitch(out, 18, farm, 4, 3, "/tmp/preview-z18-farmland.png"));
  const pond = firstOfKind(town, "water");
  if (pond) pngs.push(await stitch(out, 18, pond, 3, 3, "/tmp/preview-z18-pond.png"));
  closeAllMbtiles();
  console.log(pngs.join("\n"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
