/**
 * The write of a building import (`tessera import`, POST /api/import/buildings): the good rows of a parsed file
 * (lib/io/building-import.ts) as buildings with their housing units, all in one `BEGIN IMMEDIATE` transaction.
 *
 * Semantics (docs/adr/0008-building-import.md): a file with bad rows imports nothing unless the caller says to
 * skip them (`skipBad`: the CLI's `--skip-bad`, the UI's checkbox); then every good row goes in, or — when the
 * write itself fails — none does. Where each building lies (district, small area) is derived by the edit
 * write's rule (`import-locate.ts`); imported buildings get no number (run `renumber`). The change log
 * gets one summary row with counts of buildings and units only, never households or persons.
 */
import { randomUUID } from "node:crypto";
import { buildingPoint } from "@/lib/coverage/buildings";
import type { Bbox } from "@/lib/geo/bbox";
import type { ImportBuilding, ParsedBuildings } from "@/lib/io/building-import";
import { spreadHousingUnits } from "@/lib/io/housing-unit-spread";
import { writeTransaction, type Db } from "./client";
import { locateBuildingPoints, type BuildingPlace } from "./import-locate";
import { insertBuildings, type NewBuilding } from "./insert-buildings";
import { appendChangeLog } from "./mutations";

/** Thrown when the file has bad rows and the caller did not ask to skip them: nothing is written. */
export class ImportRefused extends Error {
  constructor(readonly badRows: number) {
    super(`${badRows} bad row(s): nothing imported (skip them to import the good rows)`);
    this.name = "ImportRefused";
  }
}

/** How the caller takes part in the import. */
export interface ImportBuildingsOptions {
  /** import the good rows of a file that has bad ones (the user confirmed) */
  skipBad?: boolean;
  /** buildings written so far, of `total` (every `progressEvery` rows, and once at the end) */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  userId?: number | null;
}

/** What the import wrote. */
export interface ImportedBuildings {
  inserted: number;
  skipped: number;
  units: number;
  /** the change-log group of the summary row; null when nothing was written */
  changeId: string | null;
}

function* newBuildings(rows: readonly ImportBuilding[], places: readonly BuildingPlace[]): Generator<NewBuilding> {
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    yield { ...places[k], number: null, use: r.use, name: r.name, floors: r.floors, geometry: r.geometry };
  }
}

const UNIT_COLUMNS = "INSERT INTO housing_units (building_id, unit_number, status, households, persons) VALUES ";
/** Units per INSERT statement: one statement per unit costs ~3× as much for 600,000 units. */
const UNIT_BATCH = 50;

/** Writes the housing units of rows[k] for building `firstId + k`; returns how many. */
function insertHousingUnits(db: Db, rows: readonly ImportBuilding[], firstId: number): number {
  const batch = db.$client.prepare(UNIT_COLUMNS + Array(UNIT_BATCH).fill("(?, ?, ?, ?, ?)").join(", "));
  const one = db.$client.prepare(UNIT_COLUMNS + "(?, ?, ?, ?, ?)");
  let params: Array<number | string> = [];
  let units = 0;
  rows.forEach((row, k) => {
    for (const u of spreadHousingUnits(row)) {
      params.push(firstId + k, u.unitNumber, u.status, u.households, u.persons);
      units++;
      if (params.length === UNIT_BATCH * 5) {
        batch.run(params);
        params = [];
      }
    }
  });
  for (let i = 0; i < params.length; i += 5) one.run(params.slice(i, i + 5));
  return units;
}

/** Used by the import's callers before parsing: the bboxes of the townships (swapped lon/lat, points outside them). */
export function getTownshipBboxes(db: Db): Bbox[] {
  const rows = db.$client
    .prepare("SELECT min_lon, min_lat, max_lon, max_lat FROM admin_units WHERE level = 'township' AND min_lon IS NOT NULL")
    .all() as Array<{ min_lon: number; min_lat: number; max_lon: number; max_lat: number }>;
  return rows.map((r) => [r.min_lon, r.min_lat, r.max_lon, r.max_lat]);
}

/**
 * Used by `tessera import` and POST /api/import/buildings: writes the good rows of `parsed` — buildings through
 * `insertBuildings`, their housing units, the derived district and small area, one change-log summary row — in
 * one transaction; any failure rolls all of it back. Throws `ImportRefused` (nothing written) when the file
 * has bad rows and `skipBad` is not set.
 */
export function importBuildings(
  db: Db,
  // any vector format (the layer import, db/import-layers.ts) as well as the CSV/GeoJSON parser's
  parsed: Pick<ParsedBuildings, "rows" | "badRows"> & { format: string; encoding: string | null },
  options: ImportBuildingsOptions = {},
): ImportedBuildings {
  if (parsed.badRows > 0 && !options.skipBad) throw new ImportRefused(parsed.badRows);
  const { rows } = parsed;
  const total = rows.length;
  return writeTransaction(db, () => {
    const progress = options.onProgress ? (done: number) => options.onProgress!(done, total) : undefined;
    const places = locateBuildingPoints(db, rows.map((r) => buildingPoint({ id: 0, geometry: r.geometry, households: 0, persons: 0 })));
    const { inserted, firstId } = insertBuildings(db, newBuildings(rows, places), { onProgress: progress, progressEvery: options.progressEvery });
    if (firstId === null) return { inserted: 0, skipped: parsed.badRows, units: 0, changeId: null };
    const lastId = db.$client.prepare("SELECT max(id) FROM buildings").pluck().get() as number;
    if (lastId !== firstId + inserted - 1) throw new Error("the imported buildings did not get consecutive ids");
    const units = insertHousingUnits(db, rows, firstId);
    const changeId = randomUUID();
    const after = { layer: "buildings", buildings: inserted, housingUnits: units, skipped: parsed.badRows, firstBuildingId: firstId, lastBuildingId: lastId, format: parsed.format, encoding: parsed.encoding };
    appendChangeLog(db, { changeId, userId: options.userId ?? null, label: "import_buildings", entityType: "import", entityId: firstId, op: "put", baseVersion: null, before: null, after });
    return { inserted, skipped: parsed.badRows, units, changeId };
  });
}
