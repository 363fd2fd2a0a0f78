/**
 * The one SQLite connection of a process: opened with the pragmas DESIGN.md asks for and migrated on open.
 * SQLite specifics stay inside `db/`.
 */
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Where the database file lives: `TESSERA_DB`, else `data/tessera.db` under the working directory. */
export function databasePath(): string {
  return resolve(/*turbopackIgnore: true*/ process.env.TESSERA_DB || "data/tessera.db");
}

/** Folder of the committed drizzle-kit migrations. */
export function migrationsFolder(): string {
  return process.env.TESSERA_MIGRATIONS
    ? resolve(/*turbopackIgnore: true*/ process.env.TESSERA_MIGRATIONS)
    : join(process.cwd(), "db", "migrations");
}

/**
 * Used by the CLI, the start script and tests: opens (creating if needed) a database file or `:memory:`,
 * sets WAL, synchronous=FULL, foreign keys and a busy timeout, and applies pending migrations.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  if (path !== ":memory:" && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema }) as Db;
  if (!options.readonly) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

const globalForDb = globalThis as unknown as { tesseraDb?: { path: string; db: Db } };

/** Used by server code (routes, server actions): the process's single connection to `TESSERA_DB`. */
export function getDb(): Db {
  const path = databasePath();
  if (!globalForDb.tesseraDb || globalForDb.tesseraDb.path !== path) {
    globalForDb.tesseraDb = { path, db: openDatabase(path) };
  }
  return globalForDb.tesseraDb.db;
}

/**
 * Used by every write in `db/mutations.ts`: runs `fn` in one `BEGIN IMMEDIATE` transaction, so the
 * version checks and the writes see and take the same snapshot; a thrown error rolls everything back.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

export { schema };
