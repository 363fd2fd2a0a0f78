import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { signIn, validateSession } from "@/db/auth";
import { auditLog, users } from "@/db/schema";
import { runUser } from "./user-command";

const dir = mkdtempSync(join(tmpdir(), "tessera-user-"));
const dbPath = join(dir, "users.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());
beforeAll(() => openDatabase(dbPath).$client.close());

const PASSWORD = "Qingshi-2020-census";
const NEW_PASSWORD = "another long secret";

/** The CLI as a child process, with `stdin` piped in (the end-to-end path: bin/tessera.ts, exit codes). */
function tessera(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/tessera.ts", "user", ...args, "--db", dbPath], {
    encoding: "utf8",
    input: stdin,
    env: { ...process.env, TESSERA_DB: "" },
  });
  // a password must never be printed, whatever happened
  for (const secret of [PASSWORD, NEW_PASSWORD, "short"]) expect(result.stdout + result.stderr).not.toContain(secret);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same in this process (much faster): what it printed on stdout and stderr, and the exit code; bad use throws. */
async function user(args: string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  const code = await runUser([...args, "--db", dbPath], Readable.from([stdin]));
  vi.restoreAllMocks();
  const result = { code, stdout: out.map((l) => `${l}\n`).join(""), stderr: err.map((l) => `${l}\n`).join("") };
  for (const secret of [PASSWORD, NEW_PASSWORD, "short"]) expect(result.stdout + result.stderr).not.toContain(secret);
  return result;
}

/** Runs `fn` on a fresh connection to the test database (the CLI writes it from another process). */
function withDb<T>(fn: (db: Db) => T): Promise<T> {
  const db = openDatabase(dbPath);
  return Promise.resolve(fn(db)).finally(() => db.$client.close());
}
const account = (name: string) => withDb((db) => db.select().from(users).all().find((u) => u.username === name));
const audits = () => withDb((db) => db.select().from(auditLog).orderBy(auditLog.id).all());
const session = (name: string, password: string) => withDb((db) => signIn(db, name, password, { ip: "10.0.0.1" }));
const alive = (token: string) => withDb((db) => validateSession(db, token) !== null);

describe("tessera user", () => {
  it("adds an account with the password from stdin, audited without an actor", async () => {
    const { code, stdout } = tessera(["add", "--name", "chief", "--role", "admin", "--display", "王主任"], `${PASSWORD}\n`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Added chief \(admin\) with id \d+\.$/m);
    expect(await account("chief")).toMatchObject({ displayName: "王主任", role: "admin", disabled: false });
    expect((await session("chief", PASSWORD)).ok).toBe(true);
    const created = (await audits()).find((a) => a.action === "user.create")!;
    expect(created).toMatchObject({ userId: null, username: null, outcome: "ok", targetType: "user", targetId: String((await account("chief"))!.id), detail: "cli" });
    // only the first line is the password, without its line break
    expect((await user(["add", "--name", "wang.fang", "--role", "mapper"], `${PASSWORD}\r\nignored\n`)).code).toBe(0);
    expect((await session("wang.fang", PASSWORD)).ok).toBe(true);
    expect(await account("wang.fang")).toMatchObject({ displayName: "wang.fang", role: "mapper" });
  }, 60_000);

  it("refuses short or missing passwords, taken names and unknown roles with exit 1 and a clear reason", async () => {
    const short = tessera(["add", "--name", "li.lei", "--role", "guide"], "short\n");
    expect(short.code).toBe(1);
    expect(short.stderr).toBe("tessera: refused: the password must be at least 8 characters [rule weak_password]\n");
    expect((await user(["add", "--name", "li.lei", "--role", "guide"])).stderr).toMatch(/at least 8 characters \[rule weak_password\]/);
    const taken = await user(["add", "--name", "chief", "--role", "guide"], `${PASSWORD}\n`);
    expect(taken).toMatchObject({ code: 1, stderr: 'tessera: refused: the user name "chief" is taken [rule username_taken]\n' });
    const role = await user(["add", "--name", "li.lei", "--role", "emperor"], `${PASSWORD}\n`);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/--role must be one of admin, office, mapper, guide, enumerator, auditor \[rule bad_role\]/);
    expect(await user(["add", "--name", "li lei", "--role", "guide"], `${PASSWORD}\n`)).toMatchObject({ code: 1, stderr: expect.stringMatching(/\[rule bad_username\]/) });
    expect(await account("li.lei")).toBeUndefined();
    expect((await audits()).filter((a) => a.action === "user.create")).toHaveLength(2);
  }, 60_000);

  it("exits 2 for bad use", async () => {
    expect(tessera(["add", "--role", "guide"])).toMatchObject({ code: 2, stderr: "tessera: user add needs --name N\n" });
    await expect(user(["role", "--name", "chief"])).rejects.toThrow(/user role needs --role R/);
    await expect(user(["rename", "--name", "chief"])).rejects.toThrow(/unknown user subcommand "rename"/);
    await expect(user(["list", "--colour"])).rejects.toThrow(/--colour/);
    await expect(runUser(["list", "--db", join(dir, "none", "x.db")])).rejects.toThrow(/no database at/);
    const help = await user(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/user add --name N --role R/);
  }, 60_000);

  it("resets a password from stdin: old sessions end, the new password works", async () => {
    const before = await session("wang.fang", PASSWORD);
    expect(before.ok).toBe(true);
    const { code, stdout } = await user(["reset", "--name", "wang.fang"], `${NEW_PASSWORD}\n`);
    expect(code).toBe(0);
    expect(stdout).toBe("Reset the password of wang.fang; their sessions have ended.\n");
    expect(await alive(before.ok ? before.token : "")).toBe(false);
    expect((await session("wang.fang", PASSWORD)).ok).toBe(false);
    expect((await session("wang.fang", NEW_PASSWORD)).ok).toBe(true);
    expect((await audits()).filter((a) => a.action === "user.reset_password")).toMatchObject([{ userId: null, detail: "cli", targetId: String((await account("wang.fang"))!.id) }]);
    expect((await user(["reset", "--name", "wang.fang"], "short\n")).code).toBe(1);
    expect(await user(["reset", "--name", "nobody"], `${NEW_PASSWORD}\n`)).toMatchObject({ code: 1, stderr: 'tessera: refused: there is no user "nobody" [rule no_such_user]\n' });
  }, 60_000);

  it("disables (ending sessions) and enables accounts, changes roles, and keeps the last admin", async () => {
    const open = await session("wang.fang", NEW_PASSWORD);
    expect(await user(["disable", "--name", "wang.fang"])).toMatchObject({ code: 0, stdout: "Disabled wang.fang; their sessions have ended.\n" });
    expect(await alive(open.ok ? open.token : "")).toBe(false);
    expect((await session("wang.fang", NEW_PASSWORD)).ok).toBe(false);
    expect(await user(["enable", "--name", "wang.fang"])).toMatchObject({ code: 0, stdout: "Enabled wang.fang.\n" });
    expect((await session("wang.fang", NEW_PASSWORD)).ok).toBe(true);
    expect(await user(["role", "--name", "wang.fang", "--role", "office"])).toMatchObject({ code: 0, stdout: "wang.fang is now office; their sessions have ended.\n" });
    expect((await account("wang.fang"))!.role).toBe("office");
    const last = await user(["disable", "--name", "chief"]);
    expect(last).toMatchObject({ code: 1, stderr: expect.stringMatching(/"chief" is the last enabled admin.*\[rule last_admin\]/) });
    expect((await user(["role", "--name", "chief", "--role", "auditor"])).code).toBe(1);
    expect(await account("chief")).toMatchObject({ role: "admin", disabled: false });
    const actions = (await audits()).filter((a) => a.action.startsWith("user.")).map((a) => [a.action, a.detail, a.userId]);
    expect(actions.slice(-3)).toEqual([
      ["user.disable", "cli", null],
      ["user.enable", "cli", null],
      ["user.role", "cli", null],
    ]);
  }, 60_000);

  it("lists the accounts as a table and as JSON, without password hashes", async () => {
    const text = await user(["list"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^user name +display name +role +status +created \(UTC\)$/m);
    expect(text.stdout).toMatch(/^chief +王主任 +admin +active +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/m);
    const json = await user(["list", "--json"]);
    const rows = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.username, r.role, r.disabled])).toEqual([
      ["chief", "admin", false],
      ["wang.fang", "office", false],
    ]);
    expect(json.stdout).not.toMatch(/argon2|password/i);
  }, 60_000);
});
