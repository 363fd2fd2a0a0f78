import { dirname, isAbsolute, resolve } from "node:path";

/** Location (relative to the database's folder) of the demo imagery file. */
export const DEMO_IMAGERY_LOCATION = "imagery/demo.mbtiles";

/** Used by the tile route and the seed: an imagery file location resolved against the database's folder. */
export function resolveImageryLocation(dbPath: string, location: string): string {
  return isAbsolute(location) ? location : resolve(dirname(dbPath), location);
}
