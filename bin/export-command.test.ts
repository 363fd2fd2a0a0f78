import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { listAudit } from "@/db/audit";
import { openDatabase } from "@/db/client";
import { W, setUpCommandDatabase } from "@/db/edit-test-fixture";
import { readVectorFile } from "@/lib/io/formats/read";
import { runExport, type ExportCommandOptions } from "./export-command";

const { dir, dbPath } = setUpCommandDatabase("export");

async function run(options: Partial<ExportCommandOptions>): Promise<string> {
  const out: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void out.push(args.join(" ")));
  expect(await runExport({ dbPath, ...options })).toBe(0);
  return out.join("\n");
}
async function errorOf(options: Partial<ExportCommandOptions>): Promise<string> {
  try {
    await runExport({ dbPath, ...options });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}
const audit = (action: string) => {
  const db = openDatabase(dbPath);
  try {
    return listAudit(db, { action });
  } finally {
    db.$client.close();
  }
};

describe("tessera export", () => {
  it("writes the layer of a district, says what it wrote, and audits it as cli", async () => {
    const out = join(dir, "nested", "areas.gpkg");
    const said = await run({ layer: "small-areas", format: "geopackage", out, district: W });
    expect(said).toMatch(new RegExp(`^Exported 2 small-areas features of ${W} as geopackage to .*areas\\.gpkg \\(\\d+ KB\\)\\.$`));
    const read = await readVectorFile(new Uint8Array(readFileSync(out)), "areas.gpkg");
    expect(read.features.map((f) => f.properties.code)).toEqual(["001", "002"]);
    expect(audit("export").at(0)).toMatchObject({ userId: null, targetType: "district", detail: "cli small-areas geopackage 2 features" });
  });

  it("audits household values of buildings as units.export", async () => {
    await run({ layer: "buildings", format: "csv", out: join(dir, "b.csv"), township: "440101001" });
    expect(audit("units.export").at(0)).toMatchObject({ userId: null, targetType: "township", detail: "cli buildings csv 6 features" });
  });

  it.each([
    [{ format: "csv", out: "x" }, /^--layer must be one of districts, small-areas/],
    [{ layer: "roads", format: "csv", out: "x" }, /^--layer must be .*, not "roads"$/],
    [{ layer: "districts", format: "dxf", out: "x" }, /^--format must be one of geojson, shapefile, .*, not "dxf"$/],
    [{ layer: "districts", format: "csv" }, /--out PATH/],
    [{ layer: "districts", format: "csv", out: "x", district: W, township: "440101001" }, /--district CODE or --township CODE, not both/],
    [{ layer: "districts", format: "csv", out: "x", district: "12" }, /^--district must be a 12-digit/],
    [{ layer: "districts", format: "csv", out: "x", township: "440101009" }, /^--township: no township 440101009/],
  ] as Array<[Partial<ExportCommandOptions>, RegExp]>)("refuses bad use, naming the flag (%o)", async (options, message) => {
    expect(await errorOf(options)).toMatch(message);
  });
});
