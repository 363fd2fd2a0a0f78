import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed";
import { generateDemoTownship } from "@/db/seed/generate-township";

const dir = mkdtempSync(join(tmpdir(), "tessera-cli-"));
const dbPath = join(dir, "cli.db");

function tessera(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/tessera.ts", ...args], { encoding: "utf8", env: { ...process.env, TESSERA_DB: "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  const db = openDatabase(dbPath);
  await seedDemo(db, dbPath, { imagery: false });
  db.$client.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tessera CLI", () => {
  it("lists the hierarchy as JSON with codes and counts", () => {
    const { code, stdout } = tessera("list", "--json", "--db", dbPath);
    expect(code).toBe(0);
    const [county] = JSON.parse(stdout);
    const town = generateDemoTownship(1);
    expect(county.code).toBe("330199");
    expect(county.children[0].children).toHaveLength(town.districts.length);
    expect(county.counts.smallAreas).toBe(town.smallAreas.length);
    expect(county.counts.buildings).toBe(town.buildings.length);
  }, 30_000);

  it("prints a readable tree", () => {
    const { code, stdout } = tessera("list", "--db", dbPath);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^330199 {2}示范县 Shifan County/m);
    expect(stdout).toMatch(/^ {4}330199101001 {2}\S+ .+small areas/m);
  }, 30_000);

  it("refuses to seed a database that holds data, unless forced", () => {
    const { code, stdout } = tessera("seed", "--db", dbPath);
    expect(code).toBe(0);
    expect(stdout).toMatch(/already holds data/);
  }, 30_000);

  it("exits 2 with a message on stderr for bad use", () => {
    const unknown = tessera("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const missing = tessera("list", "--db", join(dir, "nope", "none.db"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no database at/);
    const badFlag = tessera("list", "--colour");
    expect(badFlag.code).toBe(2);
  }, 30_000);
});
