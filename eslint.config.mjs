import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The pure layers must not reach UI, map or storage code (DESIGN.md "Architecture").
const pureLayerBans = {
  patterns: [
    { group: ["react", "react-dom", "react/*", "next", "next/*", "next-intl", "next-intl/*"], message: "lib/{domain,geo,edits,coverage,io} are pure: no React or Next here." },
    { group: ["maplibre-gl", "maplibre-gl/*", "@mapbox/mapbox-gl-draw", "@mapbox/mapbox-gl-draw/*"], message: "Only lib/map imports the map and drawing libraries." },
    { group: ["@/db", "@/db/*", "**/db/*", "better-sqlite3", "drizzle-orm", "drizzle-orm/*"], message: "lib/{domain,geo,edits,coverage,io} must not import db/: data flows one way." },
    { group: ["@/lib/map", "@/lib/map/*", "@/app/*"], message: "The pure layers must not depend on lib/map or app/." },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "data/**", "public/maplibre/**", "test-results/**", "playwright-report/**", ".e2e/**", "next-env.d.ts"]),
  {
    // lib/map is the only place that imports maplibre-gl and the drawing library
    files: ["app/**", "db/**", "bin/**", "e2e/**", "lib/i18n/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["maplibre-gl", "maplibre-gl/*", "@mapbox/mapbox-gl-draw", "@mapbox/mapbox-gl-draw/*"], message: "Only lib/map imports the map and drawing libraries." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/domain/**", "lib/geo/**", "lib/edits/**", "lib/coverage/**", "lib/io/**"],
    rules: { "no-restricted-imports": ["error", pureLayerBans] },
  },
  {
    // a GeoPackage is an SQLite file to read or write (not Tessera's database): better-sqlite3 is its library
    files: ["lib/io/formats/*geopackage*.ts", "lib/io/formats/write.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: pureLayerBans.patterns.map((p) => ({ ...p, group: p.group.filter((g) => g !== "better-sqlite3") })) }] },
  },
]);
