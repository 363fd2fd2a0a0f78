/**
 * Writes the demo township as one GeoJSON FeatureCollection (every feature has a `layer` property: county,
 * township, district, small_area, building, road, river, water, farmland, landmark) for inspection in any GIS,
 * and prints a few totals. Usage: npx tsx db/seed/preview-township.ts out.geojson [seed]
 */
import { writeFileSync } from "node:fs";
import type { Feature, FeatureCollection } from "geojson";
import { generateDemoTownship } from "./generate-township";

const [outPath, seedArg] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: npx tsx db/seed/preview-township.ts out.geojson [seed]");
  process.exit(2);
}
const seed = seedArg ? Number(seedArg) : 1;
const started = performance.now();
const demo = generateDemoTownship(seed);
const elapsed = performance.now() - started;

const features: Feature[] = [];
const { geometry: countyGeometry, ...county } = demo.county;
features.push({ type: "Feature", properties: { layer: "county", ...county }, geometry: countyGeometry });
const { geometry: townshipGeometry, ...township } = demo.township;
features.push({ type: "Feature", properties: { layer: "township", ...township }, geometry: townshipGeometry });
for (const { geometry, ...d } of demo.districts) features.push({ type: "Feature", properties: { layer: "district", ...d }, geometry });
for (const { geometry, ...sa } of demo.smallAreas) {
  features.push({ type: "Feature", properties: { layer: "small_area", fullCode: `${sa.districtCode}${sa.code}`, ...sa }, geometry });
}
for (const { geometry, units, ...b } of demo.buildings) {
  const households = units.reduce((s, u) => s + u.households, 0);
  const persons = units.reduce((s, u) => s + u.persons, 0);
  features.push({ type: "Feature", properties: { layer: "building", ...b, units: units.length, households, persons }, geometry });
}
for (const { geometry, ...r } of demo.referenceFeatures) features.push({ type: "Feature", properties: { layer: r.kind, ...r }, geometry });

const collection: FeatureCollection = { type: "FeatureCollection", features };
writeFileSync(outPath, JSON.stringify(collection));

const units = demo.buildings.flatMap((b) => b.units);
const households = units.reduce((s, u) => s + u.households, 0);
const persons = units.reduce((s, u) => s + u.persons, 0);
const byKind = new Map<string, number>();
for (const r of demo.referenceFeatures) byKind.set(`${r.kind}/${r.subkind}`, (byKind.get(`${r.kind}/${r.subkind}`) ?? 0) + 1);
console.log(`seed ${seed}: generated in ${elapsed.toFixed(0)} ms, wrote ${features.length} features to ${outPath}`);
console.log(
  `districts ${demo.districts.length}, small areas ${demo.smallAreas.length}, buildings ${demo.buildings.length}, ` +
    `units ${units.length}, households ${households}, persons ${persons}`,
);
console.log(`reference features: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ")}`);
