/**
 * `npx tsx bin/bench-buildings.ts [--seed 1] [--tiles 50] [--turf-sample 30000]`: the building scale bench
 * (issue #5), run by `npm run bench`. On the synthetic county of the coverage bench (400 districts, ~3,500 small
 * areas, 300,000 buildings): assignment of every building to its small area (lib/coverage/buildings.ts against
 * Turf's booleanPointInPolygon behind a bbox grid, on a sample, extrapolated), a bulk insert of the buildings as
 * footprints into a temporary SQLite file (one transaction), building vector tiles per zoom (median and p95 of
 * random tiles under buildings, sizes), the small-area labels that summarise buildings below the tiles, and the
 * one-GeoJSON read the tiles replace. A benchmark, not a test: budgets live in DESIGN.md.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { getBuildingTile } from "@/db/building-tiles";
import { openDatabase, type Db } from "@/db/client";
import { insertBuildings, type NewBuilding } from "@/db/insert-buildings";
import { getAreaLabels, getLayerFeatures } from "@/db/queries";
import { insertCountyAreas } from "@/db/seed/insert-county-areas";
import { assignBuildings, type IndexedArea } from "@/lib/coverage/buildings";
import { evenSample, runTurfAssignment } from "@/lib/coverage/bench/turf-assignment";
import { generateSyntheticCounty, type SyntheticCounty } from "@/lib/coverage/bench/synthetic-county";
import { syntheticFootprint } from "@/lib/coverage/bench/synthetic-footprints";
import { flattenArea } from "@/lib/coverage/flat-geometry";
import type { CheckBuilding } from "@/lib/coverage/types";
import { createRandom } from "@/lib/domain/random";
import { BUILDING_TILES } from "@/lib/io/building-tiles";
import { lonLatToTile } from "@/lib/geo/web-mercator";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const TOLERANCE_M = 0.05;
const rows: string[][] = [["step", "time", "notes"]];
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1e6, 1)} MB`;

function arg(name: string, fallback: number): number {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && process.argv[k + 1] !== undefined ? Number(process.argv[k + 1]) : fallback;
}

function measure<T>(fn: () => T): { value: T; ms: number; heapDeltaMB: number; rssMB: number } {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t = performance.now();
  const value = fn();
  const ms = performance.now() - t;
  const mem = process.memoryUsage();
  return { value, ms, heapDeltaMB: (mem.heapUsed - heap0) / 1e6, rssMB: mem.rss / 1e6 };
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function indexAreas(county: SyntheticCounty): IndexedArea[] {
  const indexed: IndexedArea[] = [];
  for (const a of county.input.smallAreas) {
    const flat = a.geometry ? flattenArea(a.geometry) : null;
    if (flat) indexed.push({ key: `${a.district}${a.code}`, flat });
  }
  return indexed;
}

/** Times the assignment; returns each building's area as a key (null: none) for the rows the database gets. */
function benchAssignment(county: SyntheticCounty, turfSample: number): Array<string | null> {
  const buildings = county.input.buildings!;
  const warm = generateSyntheticCounty({ seed: 99, districts: 16, buildings: 2000 });
  assignBuildings(indexAreas(warm), warm.input.buildings!, TOLERANCE_M);
  const flatten = measure(() => indexAreas(county));
  const indexed = flatten.value;
  const ours = measure(() => assignBuildings(indexed, buildings, TOLERANCE_M));
  const warmRuns = [0, 1, 2].map(() => measure(() => assignBuildings(indexed, buildings, TOLERANCE_M)).ms).sort((a, b) => a - b);
  const assigned = ours.value.areaOf.reduce((n, i) => n + (i >= 0 ? 1 : 0), 0);
  rows.push(["flatten 3,500 small areas", `${fmt(flatten.ms, 1)} ms`, `${fmt(indexed.length)} territorial areas`]);
  rows.push([
    `assign ${fmt(buildings.length)} buildings (ours)`,
    `${fmt(ours.ms, 1)} ms`,
    `warm median ${fmt(warmRuns[1], 1)} ms; ${fmt(assigned)} assigned, ${ours.value.unassigned.length} unassigned, ${ours.value.ambiguous.length} ambiguous; heap Δ ${fmt(ours.heapDeltaMB)} MB`,
  ]);

  const areas = county.input.smallAreas.filter((a) => a.geometry).map((a) => ({ key: `${a.district}${a.code}`, geometry: a.geometry! }));
  const sample: CheckBuilding[] = evenSample(buildings, turfSample);
  runTurfAssignment(areas.slice(0, 50), sample.slice(0, 2000));
  const turf = runTurfAssignment(areas, sample, { total: buildings.length });
  const oursOnSample = assignBuildings(indexed, sample, TOLERANCE_M);
  let agree = 0;
  for (const [key, n] of turf.counts) agree += Math.min(n, oursOnSample.totals.get(key)?.buildings ?? 0);
  rows.push([
    `assign ${fmt(buildings.length)} buildings (Turf)`,
    `${fmt(turf.extrapolatedMs)} ms`,
    `EXTRAPOLATED from ${fmt(turf.sampled)} (${fmt(turf.ms)} ms measured); bbox grid + booleanPointInPolygon; Turf/ours = ${fmt(turf.extrapolatedMs / warmRuns[1], 1)} (warm); agree on ${fmt(agree)}/${fmt(turf.sampled)}${turf.errors ? `; ${turf.errors} tests threw (invalid rings)` : ""}`,
  ]);
  return Array.from(ours.value.areaOf, (i) => (i >= 0 ? indexed[i].key : null));
}

function buildingRows(county: SyntheticCounty, areaOf: ReadonlyArray<string | null>, ids: ReturnType<typeof insertCountyAreas>, seed: number): NewBuilding[] {
  const { input, buildingDistricts } = county;
  const numbers = new Map<number, number>();
  return input.buildings!.map((b, k) => {
    const [lon, lat] = (b.geometry as { coordinates: number[] }).coordinates;
    const f = syntheticFootprint(seed, k, lon, lat);
    const key = areaOf[k];
    const smallAreaId = key === null ? null : (ids.smallAreaIds.get(key) ?? null);
    const number = smallAreaId === null ? null : (numbers.set(smallAreaId, (numbers.get(smallAreaId) ?? 0) + 1), numbers.get(smallAreaId)!);
    return { districtId: ids.districtIds.get(input.districts[buildingDistricts[k]]?.code) ?? null, smallAreaId, number, ...f };
  });
}

function benchTiles(db: Db, points: Float64Array, perZoom: number, seed: number): void {
  const rnd = createRandom(seed + 7);
  const randomTile = (z: number) => {
    const k = rnd.int(0, points.length / 2 - 1);
    const { x, y } = lonLatToTile(points[2 * k], points[2 * k + 1], z);
    return { z, x, y };
  };
  for (let k = 0; k < 30; k++) getBuildingTile(db, randomTile(14));
  for (let z = BUILDING_TILES.minZoom; z <= BUILDING_TILES.maxZoom; z++) {
    gc();
    const times: number[] = [];
    let bytes = 0, gzipped = 0, empty = 0, largest = 0;
    for (let k = 0; k < perZoom; k++) {
      const address = randomTile(z);
      const t = performance.now();
      const tile = getBuildingTile(db, address);
      times.push(performance.now() - t);
      if (!tile) empty++;
      else {
        bytes += tile.byteLength;
        largest = Math.max(largest, tile.byteLength);
        gzipped += gzipSync(tile).byteLength;
      }
    }
    times.sort((a, b) => a - b);
    const full = Math.max(1, perZoom - empty);
    rows.push([
      `building tile z${z}`,
      `median ${fmt(quantile(times, 0.5), 2)} ms, p95 ${fmt(quantile(times, 0.95), 2)} ms`,
      `${perZoom} random tiles under buildings; mean ${fmt(bytes / full / 1e3, 1)} kB (gzip ${fmt(gzipped / full / 1e3, 1)} kB), largest ${fmt(largest / 1e3, 1)} kB${empty ? `; ${empty} empty` : ""}`,
    ]);
  }
  const away = measure(() => getBuildingTile(db, { z: 14, x: 0, y: 0 }));
  rows.push(["empty tile (204)", `${fmt(away.ms, 2)} ms`, "no building in the R*Tree window"]);
  const low = measure(() => getBuildingTile(db, { z: 12, x: 0, y: 0 }));
  rows.push(["tile below z13 (204)", `${fmt(low.ms, 3)} ms`, "the small-area fill is the summary there"]);
}

/** Generates the county, times the assignment and the bulk insert; returns the database and the building points
 *  (lon, lat pairs), so that the county's 300,000 objects can be collected before tiles are timed. */
function buildCountyDatabase(path: string, seed: number, turfSample: number): { db: Db; points: Float64Array } {
  const generate = measure(() => generateSyntheticCounty({ seed }));
  const county = generate.value;
  const s = county.stats;
  rows.push(["generate synthetic county", `${fmt(generate.ms)} ms`, `${fmt(s.districts)} districts, ${fmt(s.smallAreas)} small areas, ${fmt(s.buildings)} buildings`]);
  const areaOf = benchAssignment(county, turfSample);
  const db = openDatabase(path);
  const ids = insertCountyAreas(db, county.input);
  const data = buildingRows(county, areaOf, ids, seed);
  const insert = measure(() => insertBuildings(db, data));
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  rows.push([
    `bulk insert ${fmt(insert.value.inserted)} buildings`,
    `${fmt(insert.ms)} ms`,
    `one transaction, footprints, R*Tree filled by one INSERT … SELECT; ${fmt(insert.value.inserted / (insert.ms / 1000))} rows/s; heap Δ ${fmt(insert.heapDeltaMB)} MB, rss ${fmt(insert.rssMB)} MB; db ${mb(statSync(path).size)}`,
  ]);
  const buildings = county.input.buildings!;
  const points = new Float64Array(buildings.length * 2);
  buildings.forEach((b, k) => points.set((b.geometry as { coordinates: number[] }).coordinates.slice(0, 2), 2 * k));
  return { db, points };
}

function benchReads(db: Db): void {
  const labels = measure(() => getAreaLabels(db));
  rows.push(["small-area labels with building counts", `${fmt(labels.ms)} ms`, `${fmt(labels.value.features.length)} label points (districts + small areas); the summary below z13`]);
  const whole = measure(() => JSON.stringify(getLayerFeatures(db, "buildings")));
  rows.push(["one GeoJSON of all buildings (before)", `${fmt(whole.ms)} ms`, `${mb(whole.value.length)} uncompressed — what the tiles replace`]);
}

function main() {
  const seed = arg("seed", 1);
  const dir = mkdtempSync(join(tmpdir(), "tessera-bench-buildings-"));
  try {
    const { db, points } = buildCountyDatabase(join(dir, "county.db"), seed, arg("turf-sample", 30_000));
    benchTiles(db, points, arg("tiles", 50), seed);
    benchReads(db);
    db.$client.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log("\nTessera bench (buildings at county scale)\n");
  for (const r of rows) console.log(r.map((v, c) => (c === 2 ? v : v.padEnd(widths[c]))).join("  "));
}

main();
