/**
 * `npx tsx bin/bench-read-formats.ts`: how long `readVectorFile` takes on a 100 000-point GeoJSON and a
 * 10 000-polygon zipped Shapefile in Gauss-Krüger zone 39 with GBK attributes (issue #8, read speed).
 */
import proj4 from "proj4";
import { epsgDefinition } from "@/lib/io/crs-defs";
import { readVectorFile } from "@/lib/io/formats/read";
import { PRJ_4527 } from "./make-format-fixtures";
import { writeDbf, writeShp, zipFiles } from "./format-fixture-writers";

async function time(label: string, bytes: Uint8Array, name: string): Promise<void> {
  const start = performance.now();
  const result = await readVectorFile(bytes, name);
  const ms = performance.now() - start;
  console.log(`${label}: ${(bytes.length / 2 ** 20).toFixed(1)} MB, ${result.features.length} features in ${ms.toFixed(0)} ms`);
}

const points = {
  type: "FeatureCollection",
  features: Array.from({ length: 100_000 }, (_, i) => ({
    type: "Feature",
    properties: { code: String(i).padStart(6, "0"), name: `点${i}`, households: i % 50 },
    geometry: { type: "Point", coordinates: [116 + (i % 400) / 1000, 39.5 + Math.floor(i / 400) / 1000] },
  })),
};
const to4527 = proj4("EPSG:4326", epsgDefinition(4527) as string);
const polygons = Array.from({ length: 10_000 }, (_, i) => {
  const lon = 116.8 + (i % 100) * 0.004, lat = 36.5 + Math.floor(i / 100) * 0.004;
  const ring = [[lon, lat], [lon, lat + 0.003], [lon + 0.0015, lat + 0.0035], [lon + 0.003, lat + 0.003], [lon + 0.003, lat], [lon, lat]];
  return { rings: [ring.map((p) => to4527.forward(p))] };
});
const { shp, shx } = writeShp(polygons);
const dbf = writeDbf(
  [{ name: "CODE", type: "C", length: 12 }, { name: "名称", type: "C", length: 30 }, { name: "HH", type: "N", length: 6 }],
  polygons.map((_, i) => ({ CODE: `3701020${String(i).padStart(5, "0")}`, 名称: `第${i}普查小区`, HH: i % 200 })),
  "gbk",
);
const zip = zipFiles({ "areas.shp": shp, "areas.shx": shx, "areas.dbf": dbf, "areas.prj": PRJ_4527, "areas.cpg": "GBK" });

await time("GeoJSON, 100 000 points", new TextEncoder().encode(JSON.stringify(points)), "points.geojson");
await time("Shapefile (zip, EPSG:4527, GBK), 10 000 polygons", zip, "areas.zip");
