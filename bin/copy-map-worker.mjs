// Copies MapLibre's worker script to public/ so the map never depends on how the bundler rewrites
// import.meta.url; lib/map/worker.ts points MapLibre at it. Runs before `next build` and `next dev`.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const pkgPath = require.resolve("maplibre-gl/package.json");
const { version } = JSON.parse(readFileSync(pkgPath, "utf8"));
const target = join("public", "maplibre");
mkdirSync(target, { recursive: true });
copyFileSync(join(dirname(pkgPath), "dist", "maplibre-gl-worker.mjs"), join(target, `maplibre-gl-worker-${version}.mjs`));
console.log(`copied maplibre-gl worker ${version} to ${target}`);
