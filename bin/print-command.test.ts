import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { E, W, setUpCommandDatabase } from "@/db/edit-test-fixture";
import { readPdf } from "@/lib/print/pdf-test-reader";
import { runPrint, type PrintCommandOptions } from "./print-command";

const { dir, dbPath } = setUpCommandDatabase("print");

/** Runs the command and returns what it printed to stdout and stderr. */
async function run(options: Partial<PrintCommandOptions>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void out.push(args.join(" ")));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  const code = await runPrint({ landscape: false, imagery: false, dbPath, ...options });
  return { code, stdout: out.join("\n"), stderr: err.join("") };
}
async function errorOf(options: Partial<PrintCommandOptions>): Promise<string> {
  try {
    await runPrint({ landscape: false, imagery: false, dbPath, ...options });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}
const audit = () => {
  const db = openDatabase(dbPath);
  try {
    return db.$client.prepare("SELECT action, target_type AS targetType, target_id AS targetId, detail, user_id AS userId FROM audit_log ORDER BY id").all();
  } finally {
    db.$client.close();
  }
};

describe("tessera print", () => {
  it("prints a district's sheets as a batch with progress on stderr, one audit row per small area", async () => {
    const file = join(dir, "sub", "batch.pdf");
    const { stdout, stderr } = await run({ district: W, out: file, paper: "A3", landscape: true, lang: "en" });
    expect(stderr).toBe("0/2 sheets\n2/2 sheets\n");
    expect(stdout).toMatch(new RegExp(`^Printed 2 small-area sheets of ${W} to .*batch\\.pdf: \\d+ pages, \\d+ KB`));
    expect(existsSync(file)).toBe(true);
    const pages = await readPdf(new Uint8Array(readFileSync(file)));
    expect(pages.map((p) => p.text.replace(/\s+/g, "")).join(" ")).toContain(`${W}002`);
    expect(audit()).toEqual([
      { action: "print", targetType: "small_area", targetId: "1", detail: "cli A3 landscape", userId: null },
      { action: "print", targetType: "small_area", targetId: "2", detail: "cli A3 landscape", userId: null },
    ]);
  }, 30_000);

  it("names the flag and the rule of bad use", async () => {
    expect(await errorOf({ smallArea: `${W}001` })).toBe("print needs --out F.pdf (the PDF file to write)");
    const out = join(dir, "x.pdf");
    expect(await errorOf({ out })).toMatch(/^print needs exactly one of --township CODE, --district CODE or --small-area FULLCODE$/);
    expect(await errorOf({ out, township: "440101001", district: W })).toMatch(/exactly one of .*\(got --township and --district\)/);
    expect(await errorOf({ out, township: "44" })).toBe('--township must be a 9-digit township code, not "44"');
    expect(await errorOf({ out, township: "440101009" })).toBe(`--township: no township 440101009 in ${dbPath}`);
    expect(await errorOf({ out, district: "440101001099" })).toBe(`--district: no district 440101001099 in ${dbPath}`);
    expect(await errorOf({ out, smallArea: `${E}002` })).toBe(`--small-area: no small area ${E}002 in ${dbPath}`);
    expect(await errorOf({ out, smallArea: "123" })).toMatch(/--small-area must be a 15-digit code/);
    expect(await errorOf({ out, township: "440101001", sheet: "district" })).toMatch(/--sheet district goes with --district CODE/);
    expect(await errorOf({ out, smallArea: `${W}001`, paper: "A5" })).toBe('--paper must be A4 or A3, not "A5"');
    expect(await errorOf({ out, smallArea: `${W}001`, lang: "fr" })).toBe('--lang must be zh or en, not "fr"');
    expect(await errorOf({ out, smallArea: `${W}001`, dbPath: join(dir, "none.db") })).toMatch(/no database at/);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 through the command line, with the message on stderr", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "bin/tessera.ts", "print", "--district", "4401", "--out", join(dir, "y.pdf"), "--db", dbPath], {
      encoding: "utf8",
      env: { ...process.env, TESSERA_DB: "" },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('tessera: --district must be a 12-digit district code, not "4401"');
  }, 30_000);
});
