import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection, Position } from "geojson";
import proj4 from "proj4";
import { describe, expect, it } from "vitest";
import { epsgDefinition } from "@/lib/io/crs-defs";
import { readVectorFile } from "@/lib/io/formats/read";

/** GDAL (Debian gdal-bin) is the outside referee; these checks run only where `ogrinfo` is installed. */
const hasGdal = (() => {
  try {
    execFileSync("ogrinfo", ["--version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
})();
if (!hasGdal) console.warn("read-gdal.test.ts: ogrinfo is not installed; the GDAL checks of the reader fixtures are skipped");

const DIR = join(__dirname, "..", "fixtures", "formats");
const gdal = (tool: string, args: string[], input?: string) => execFileSync(tool, args, { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });

describe.skipIf(!hasGdal)("GDAL reads the reader fixtures with the right CRS", () => {
  it("opens the GBK Shapefile as EPSG:4527 with its Chinese attributes", () => {
    const info = gdal("ogrinfo", ["-ro", "-al", `/vsizip/${join(DIR, "districts-gbk-gk39.zip")}`]);
    expect(info).toContain("Feature Count: 3");
    expect(info).toContain("Geometry: Polygon");
    expect(info).toMatch(/ID\["EPSG",4527\]\]\s*\nData axis/);
    expect(info).toContain("名称 (String) = 历下区第一普查区");
  });

  it("opens the GeoPackage as EPSG:4547 with its fields", () => {
    const info = gdal("ogrinfo", ["-ro", "-al", "-so", join(DIR, "areas-4547.gpkg")]);
    expect(info).toContain("Feature Count: 2");
    expect(info).toMatch(/ID\["EPSG",4547\]\]\s*\nData axis/);
    expect(info).toMatch(/code: String[\s\S]*name: String[\s\S]*households: Real/);
  });

  it("gives the same lon/lat as readVectorFile for the Shapefile and the GeoPackage (1e-7°)", async () => {
    for (const [file, source] of [["districts-gbk-gk39.zip", `/vsizip/${join(DIR, "districts-gbk-gk39.zip")}`], ["areas-4547.gpkg", join(DIR, "areas-4547.gpkg")]]) {
      const theirs = JSON.parse(gdal("ogr2ogr", ["-f", "GeoJSON", "-t_srs", "EPSG:4490", "-lco", "COORDINATE_PRECISION=12", "/vsistdout/", source])) as FeatureCollection;
      const ours = await readVectorFile(new Uint8Array(readFileSync(join(DIR, file))), file);
      const flat = (fc: { features: Array<{ geometry: unknown }> }) => fc.features.flatMap((f) => (f.geometry as { coordinates: Position[][] }).coordinates.flat());
      const [a, b] = [flat(ours), flat(theirs)];
      expect(a.length).toBe(b.length);
      a.forEach((p, i) => expect(Math.max(Math.abs(p[0] - b[i][0]), Math.abs(p[1] - b[i][1]))).toBeLessThan(1e-7));
    }
  });

  it("agrees with gdaltransform on Gauss-Krüger zones across China (1 mm)", () => {
    for (const code of [4491, 4501, 4502, 4513, 4527, 4533, 4534, 4547, 4554]) {
      const def = epsgDefinition(code) as string;
      const cm = Number(/\+lon_0=(\d+)/.exec(def)?.[1]);
      const lonLat = [cm + 0.7, 31.3];
      const [x, y] = gdal("gdaltransform", ["-s_srs", "EPSG:4490", "-t_srs", `EPSG:${code}`, "-output_xy"], `${lonLat.join(" ")}\n`).trim().split(/\s+/).map(Number);
      const [ox, oy] = proj4("EPSG:4326", def).forward(lonLat);
      expect(Math.hypot(ox - x, oy - y), `EPSG:${code}`).toBeLessThan(1e-3);
    }
  });
});
