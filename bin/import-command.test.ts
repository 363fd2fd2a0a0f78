import { spawnSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { setUpCommandDatabase } from "@/db/edit-test-fixture";
import { tinyAt } from "@/db/seed/tiny-township-fixture";
import { runImport, type ImportCommandOptions } from "./import-command";

const { dir, dbPath } = setUpCommandDatabase("import");

const at = (e: number, n: number) => tinyAt(e, n).join(",");
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const good = file("good.csv", ["lon,lat,use,units,households,persons", `${at(100, 50)},residential,2,3,8`, `${at(300, 50)},shop,,,`].join("\n"));
const bad = file("bad.csv", ["lon,lat,use,households", `${at(100, 60)},residential,4`, `${at(110, 60)},residential,2.5`, `${at(120, 60)},castle,1`, `${at(130, 60)},residential,7`].join("\n"));

function run(options: Partial<ImportCommandOptions>): { code: number; stdout: string } {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  const code = runImport({ layer: "buildings", skipBad: false, json: false, dbPath, ...options });
  return { code, stdout: lines.join("\n") };
}
const buildings = () => {
  const db = openDatabase(dbPath);
  try {
    return db.$client.prepare("SELECT count(*) FROM buildings").pluck().get() as number;
  } finally {
    db.$client.close();
  }
};

describe("tessera import", () => {
  it("imports a good file and says how much (exit 0)", () => {
    const before = buildings();
    const { code, stdout } = run({ file: good });
    expect(code).toBe(0);
    expect(stdout).toBe(`Imported 2 buildings with 2 housing units from ${good}.`);
    expect(buildings()).toBe(before + 2);
  });

  it("prints warnings and imports the rows they are about", () => {
    const far = file("far.csv", `lon,lat\n${at(100, 70)}\n10.5,20.5\n`);
    const { code, stdout } = run({ file: far });
    expect(code).toBe(0);
    expect(stdout.split("\n")).toEqual([
      "warning: line 3: coordinates: outside every township (imported, but check the coordinates)",
      `Imported 2 buildings with 0 housing units from ${far}.`,
    ]);
  });

  it("prints each bad row with its line, field and rule, imports nothing and exits 1; --skip-bad imports the rest", () => {
    const before = buildings();
    const refused = run({ file: bad });
    expect(refused.code).toBe(1);
    expect(refused.stdout.split("\n")).toEqual([
      "line 3: households: not a whole number",
      "line 4: use: unknown use",
      "2 bad rows of 4: nothing imported. Fix them, or run again with --skip-bad to import the 2 good rows and skip the bad ones.",
    ]);
    expect(buildings()).toBe(before);
    const skipped = run({ file: bad, skipBad: true, json: true });
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ status: "imported", rows: 4, goodRows: 2, badRows: 2, inserted: 2, skipped: 2, units: 2, problemCount: 2, changeId: expect.any(String) });
    expect(buildings()).toBe(before + 2);
  });

  it("never prints a household count or a value", () => {
    const { stdout } = run({ file: bad, json: true });
    // The temporary folder's random name may hold any digit, so the path is left out of the search.
    const printed = stdout.split(bad).join("<file>");
    for (const secret of ["2.5", "castle", '"households": 4', "7"]) expect(printed).not.toContain(secret);
  });

  it("reads a GBK file, says so, and honours --encoding", () => {
    const gbk = join(dir, "gbk.csv");
    copyFileSync(join(__dirname, "..", "lib", "io", "fixtures", "buildings-gbk.csv"), gbk);
    const { code, stdout } = run({ file: gbk, json: false });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Read .*gbk\.csv as GBK \(it is not valid UTF-8\)\./);
    expect(stdout).toMatch(/Imported 2 buildings with 1 housing unit from .*gbk\.csv\.$/);
    expect(() => run({ file: gbk, encoding: "utf-8" })).toThrow(/gbk\.csv: file: the file is not valid UTF-8 text \[rule encoding\]/);
  });

  it("throws (exit 2) for bad use and unreadable files", () => {
    expect(() => run({ layer: "roads", file: good })).toThrow(/--layer buildings/);
    expect(() => run({ file: undefined })).toThrow(/--file/);
    expect(() => run({ file: good, encoding: "latin1" })).toThrow(/--encoding must be utf-8 or gbk/);
    expect(() => run({ file: join(dir, "missing.csv") })).toThrow(/cannot read .*missing\.csv \(ENOENT\)/);
    expect(() => run({ file: file("noheader.csv", "113.2,23.05\n") })).toThrow(/header: the header \(line 1\) must name a lon and a lat column .*\[rule missing_column\]/);
    expect(() => run({ file: good, dbPath: join(dir, "none.db") })).toThrow(/no database at/);
  });

  it("exits 1 and 2 through bin/tessera.ts", () => {
    const tessera = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "bin/tessera.ts", ...args], { encoding: "utf8", env: { ...process.env, TESSERA_DB: "" } });
    const refused = tessera("import", "--layer", "buildings", "--file", bad, "--db", dbPath);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/^line 3: households: not a whole number$/m);
    const unreadable = tessera("import", "--layer", "buildings", "--file", file("broken.geojson", "{"), "--db", dbPath);
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toMatch(/^tessera: .*broken\.geojson: file: the file is not valid JSON \[rule json\]/);
  }, 30_000);
});
