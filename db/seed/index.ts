import { existsSync } from "node:fs";
import type { Db } from "../client";
import { generateDemoTownship } from "./generate-township";
import { DEMO_IMAGERY_LOCATION, resolveImageryLocation } from "./imagery-location";
import { insertTownship } from "./insert-township";
import { renderImagery } from "./render-imagery";


export interface SeedReport {
  seeded: boolean;
  ms: number;
  imageryTiles?: number;
}

/** True when the database holds no census yet. */
export function isEmpty(db: Db): boolean {
  const row = db.$client.prepare("SELECT count(*) AS n FROM censuses").get() as { n: number };
  return row.n === 0;
}

/**
 * Used by `npm start` and `tessera seed`: when the database is empty, generates the demo township, renders its
 * imagery next to the database (`dbPath` ':memory:' skips imagery) and writes everything in one transaction.
 * `force` seeds even a non-empty database (the CLI refuses that unless asked).
 */
export async function seedDemo(db: Db, dbPath: string, options: { force?: boolean; imagery?: boolean } = {}): Promise<SeedReport> {
  const start = performance.now();
  if (!options.force && !isEmpty(db)) return { seeded: false, ms: 0 };
  const town = generateDemoTownship(1);
  const withImagery = options.imagery ?? dbPath !== ":memory:";
  let imageryTiles: number | undefined;
  if (withImagery) {
    const imageryPath = resolveImageryLocation(dbPath, DEMO_IMAGERY_LOCATION);
    imageryTiles = (await renderImagery(town, imageryPath)).tiles;
  }
  insertTownship(db, town, withImagery ? DEMO_IMAGERY_LOCATION : null);
  return { seeded: true, ms: performance.now() - start, imageryTiles };
}

/** Used at start: re-renders the demo imagery when the database points at a demo file that is missing. */
export async function ensureDemoImagery(db: Db, dbPath: string): Promise<boolean> {
  const row = db.$client.prepare("SELECT location FROM imagery_sources WHERE location = ?").get(DEMO_IMAGERY_LOCATION) as
    | { location: string }
    | undefined;
  if (!row) return false;
  const path = resolveImageryLocation(dbPath, row.location);
  if (existsSync(path)) return false;
  await renderImagery(generateDemoTownship(1), path);
  return true;
}

