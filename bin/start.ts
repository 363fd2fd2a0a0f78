/**
 * `npm start`: builds the app when the build is missing or older than the sources, creates/migrates the
 * database (TESSERA_DB), seeds the demo township when it is empty, creates the first admin account when there
 * is none (TESSERA_ADMIN_PASSWORD, else a random password printed once), then serves on PORT (default 3000).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { databasePath, openDatabase } from "@/db/client";
import { ensureDemoImagery, seedDemo } from "@/db/seed";
import { ensureFirstAdmin } from "@/db/auth";

const SOURCES = ["app", "lib", "db", "proxy.ts", "next.config.ts", "package-lock.json", "tsconfig.json"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "migrations" || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when `.next` has no production build or a source file changed after it was made. */
function buildNeeded(): boolean {
  const buildId = join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`tessera: "${command} ${args.join(" ")}" failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const started = performance.now();
  if (buildNeeded() && process.env.TESSERA_SKIP_BUILD !== "1") {
    console.log("tessera: building the app (first start or sources changed)…");
    run(process.execPath, ["bin/copy-map-worker.mjs"]);
    run(process.execPath, [resolve("node_modules/next/dist/bin/next"), "build"]);
  }
  const dbPath = databasePath();
  const db = openDatabase(dbPath);
  const seeded = await seedDemo(db, dbPath);
  if (seeded.seeded) console.log(`tessera: seeded the demo township into ${dbPath} in ${(seeded.ms / 1000).toFixed(1)} s`);
  else if (await ensureDemoImagery(db, dbPath)) console.log("tessera: re-rendered the missing demo imagery");
  const admin = await ensureFirstAdmin(db);
  if (admin?.generated) {
    console.log(`tessera: created the first account "${admin.username}" with the password\n\n    ${admin.password}\n\n  It is shown only this once: sign in and change it, or set TESSERA_ADMIN_PASSWORD before the first start.`);
  } else if (admin) console.log(`tessera: created the first account "${admin.username}" with the password from TESSERA_ADMIN_PASSWORD`);
  db.$client.close();

  const port = process.env.PORT || "3000";
  console.log(`tessera: database ${dbPath}; serving on http://localhost:${port} (prepared in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const server = spawn(process.execPath, [resolve("node_modules/next/dist/bin/next"), "start", "-p", port], {
    stdio: "inherit",
    env: { ...process.env, TESSERA_DB: dbPath, PORT: port },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((error: unknown) => {
  console.error(`tessera: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
