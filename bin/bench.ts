/**
 * `npm run bench`: measures the foundation's budgets on this machine — demo generation, imagery rendering,
 * database seeding, database and imagery sizes, and the reads the map page makes. A benchmark, not a test.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@/db/client";
import { getAreaLabels, getLayerFeatures, getSmallAreaDetail, MAP_LAYERS } from "@/db/queries";
import { generateDemoTownship } from "@/db/seed/generate-township";
import { insertTownship } from "@/db/seed/insert-township";
import { renderImagery } from "@/db/seed/render-imagery";
import { benchEdits } from "./bench-edits";

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "tessera-bench-"));
  const rows: Array<[string, string]> = [];
  try {
    const [town, generateMs] = time(() => generateDemoTownship(1));
    rows.push(["generate demo township", `${generateMs.toFixed(0)} ms (${town.districts.length} districts, ${town.smallAreas.length} small areas, ${town.buildings.length} buildings)`]);

    const imageryPath = join(dir, "imagery", "demo.mbtiles");
    const imagery = await renderImagery(town, imageryPath);
    rows.push(["render imagery z13–18", `${imagery.ms.toFixed(0)} ms, ${imagery.tiles} tiles, ${(imagery.bytes / 1e6).toFixed(1)} MB`]);

    const dbPath = join(dir, "tessera.db");
    const [db, migrateMs] = time(() => openDatabase(dbPath));
    rows.push(["open + migrate empty database", `${migrateMs.toFixed(0)} ms`]);
    const [, insertMs] = time(() => insertTownship(db, town, "imagery/demo.mbtiles"));
    rows.push(["insert township (one transaction)", `${insertMs.toFixed(0)} ms`]);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    rows.push(["database size", `${(statSync(dbPath).size / 1e6).toFixed(2)} MB`]);

    for (const layer of MAP_LAYERS) {
      const [fc, ms] = time(() => JSON.stringify(getLayerFeatures(db, layer)));
      rows.push([`read layer ${layer} (GeoJSON)`, `${ms.toFixed(1)} ms, ${(fc.length / 1e6).toFixed(2)} MB`]);
    }
    const [, labelsMs] = time(() => getAreaLabels(db));
    rows.push(["read label points", `${labelsMs.toFixed(1)} ms`]);
    const [, detailMs] = time(() => {
      for (let id = 1; id <= 50; id++) getSmallAreaDetail(db, id);
    });
    rows.push(["small-area panel read", `${(detailMs / 50).toFixed(2)} ms each`]);
    rows.push(...benchEdits(db));
    db.$client.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log("Tessera bench (foundation)\n");
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
