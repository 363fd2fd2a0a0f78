import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import Database from "better-sqlite3";
import { flipY } from "@/lib/geo/web-mercator";

/** An MBTiles 1.3 file being written; nothing appears at the final path until `finish`. */
export interface MbtilesWriter {
  /** XYZ addressing; stored with the TMS row flip. */
  put(z: number, x: number, y: number, data: Buffer): void;
  /** Writes the metadata, closes the file, flushes it to disk and renames it onto the final path. */
  finish(metadata: Record<string, string>): void;
  /** Drops the temporary file (after an error). */
  abort(): void;
}

/** Used by `renderImagery`: starts a new MBTiles file as a temporary sibling of `outPath`. */
export function createMbtilesWriter(outPath: string): MbtilesWriter {
  mkdirSync(dirname(outPath), { recursive: true });
  const tmp = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.${Date.now()}.tmp`);
  const db = new Database(tmp);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("page_size = 4096");
  db.exec(`
    CREATE TABLE metadata (name TEXT NOT NULL, value TEXT);
    CREATE UNIQUE INDEX metadata_name ON metadata (name);
    CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL, tile_data BLOB NOT NULL);
    CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
  `);
  const insert = db.prepare("INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)");
  db.exec("BEGIN");
  let done = false;
  return {
    put(z, x, y, data) {
      insert.run(z, x, flipY(y, z), data);
    },
    finish(metadata) {
      const meta = db.prepare("INSERT INTO metadata (name, value) VALUES (?, ?)");
      for (const [name, value] of Object.entries(metadata)) meta.run(name, value);
      db.exec("COMMIT");
      db.close();
      const fd = openSync(tmp, "r+");
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, outPath);
      done = true;
    },
    abort() {
      if (done) return;
      if (db.open) db.close();
      rmSync(tmp, { force: true });
    },
  };
}
