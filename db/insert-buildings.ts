/**
 * Bulk writes of buildings: many rows in one `BEGIN IMMEDIATE` transaction through one prepared statement, the
 * bbox columns computed here. The building import builds on it.
 *
 * The R*Tree insert trigger costs ~40 µs a row when it fires once per INSERT (300,000 rows: ~15 s instead of ~4 s),
 * so inside the transaction the trigger is set aside, the new rows are indexed with one INSERT … SELECT, and the
 * trigger is put back from its own stored SQL. Other connections never see it missing (the schema change commits
 * with the rows), and a failure rolls all of it back.
 */
import type { Point, Polygon } from "geojson";
import { writeTransaction, type Db } from "./client";
import type { buildings } from "./schema";

/** The uses a building can have (the schema's enum). */
export type BuildingUse = NonNullable<(typeof buildings.$inferInsert)["use"]>;

/** A building as a bulk load writes it; the database assigns the id. */
export interface NewBuilding {
  districtId: number | null;
  smallAreaId: number | null;
  number: number | null;
  use: BuildingUse;
  name?: string | null;
  nameEn?: string | null;
  floors?: number;
  geometry: Point | Polygon;
}

const INSERT = `INSERT INTO buildings (district_id, small_area_id, number, use, name, name_en, floors, geometry, min_lon, min_lat, max_lon, max_lat)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function bboxOf(geometry: Point | Polygon): [number, number, number, number] {
  if (geometry.type === "Point") {
    const [x, y] = geometry.coordinates;
    return [x, y, x, y];
  }
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const ring of geometry.coordinates) {
    for (const [x, y] of ring) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return [x0, y0, x1, y1];
}

/**
 * Used by bulk loads of buildings (the import, `bin/bench-buildings.ts`): inserts every row in one transaction —
 * all or nothing (a row with non-finite coordinates or an unknown district or small area throws and writes
 * nothing) — calling `onProgress(done)` every `progressEvery` rows (for a progress bar). Returns how many
 * rows were written and the id of the first (ids are consecutive within the transaction).
 */
export function insertBuildings(
  db: Db,
  rows: Iterable<NewBuilding>,
  options: { onProgress?: (done: number) => void; progressEvery?: number } = {},
): { inserted: number; firstId: number | null } {
  const every = options.progressEvery ?? 10_000;
  const c = db.$client;
  return writeTransaction(db, () => {
    const trigger = c.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'buildings_rtree_insert'").pluck().get() as string | undefined;
    if (trigger) c.exec("DROP TRIGGER buildings_rtree_insert");
    const insert = c.prepare(INSERT);
    let inserted = 0;
    let firstId: number | null = null;
    for (const b of rows) {
      const [x0, y0, x1, y1] = bboxOf(b.geometry);
      if (!Number.isFinite(x0 + y0 + x1 + y1)) throw new Error(`rows[${inserted}].geometry: coordinates must be finite numbers`);
      const { lastInsertRowid } = insert.run(b.districtId, b.smallAreaId, b.number, b.use, b.name ?? null, b.nameEn ?? null, b.floors ?? 1, JSON.stringify(b.geometry), x0, y0, x1, y1);
      firstId ??= Number(lastInsertRowid);
      if (++inserted % every === 0) options.onProgress?.(inserted);
    }
    if (trigger) {
      if (firstId !== null) c.prepare("INSERT INTO buildings_rtree SELECT id, min_lon, max_lon, min_lat, max_lat FROM buildings WHERE id >= ? AND min_lon IS NOT NULL").run(firstId);
      c.exec(trigger);
    }
    options.onProgress?.(inserted);
    return { inserted, firstId };
  });
}
