/**
 * Renumbering a district in the database by the numbering rule (lib/domain/numbering.ts): a preview of the
 * codes and numbers that would change, and the write of exactly that preview in one transaction, logged as
 * one change (label `renumber`). Ids never change, so everything that points at a small area or a building
 * (assignments, reviews, housing units) keeps pointing at it.
 */
import { randomUUID } from "node:crypto";
import type { Point, Polygon } from "geojson";
import type { EditableEntity, SmallAreaEntity } from "@/lib/edits/types";
import { numberDistrict, TooManySmallAreas } from "@/lib/geo/district-numbering";
import { writeTransaction, type Db } from "./client";
import { parkCodes, selectDistricts, selectSmallAreas } from "./edit-rows";
import { appendChangeLog, WriteRefused } from "./mutations";

/** What renumbering a district would change: only the small areas and buildings whose code or number moves. */
export interface RenumberPreview {
  districtCode: string;
  smallAreas: Array<{ id: number; oldCode: string; newCode: string }>;
  /** `smallAreaCode` is the building's small area's code after renumbering */
  buildings: Array<{ id: number; smallAreaCode: string; oldNumber: number | null; newNumber: number }>;
}

/** An applied renumbering: the preview written, and the change-log group of its rows (null when nothing changed). */
export interface AppliedRenumber extends RenumberPreview {
  changeId: string | null;
}

/** How the caller takes part in the write. */
export interface RenumberOptions {
  /** permission per record, asked of the district and of each of its small areas */
  canEdit?: (entity: EditableEntity) => boolean;
}

interface BuildingRow {
  id: number;
  small_area_id: number;
  number: number | null;
  version: number;
  geometry: string;
}

interface Current {
  district: EditableEntity & { type: "district" };
  smallAreas: SmallAreaEntity[];
  buildings: BuildingRow[];
  preview: RenumberPreview;
}

function readCurrent(db: Db, districtCode: string): Current {
  const [district] = selectDistricts(db, "d.code = ?", [districtCode]);
  if (!district) throw new WriteRefused(404, "not_found", `district/${districtCode}`);
  const smallAreas = selectSmallAreas(db, "sa.district_id = ?", [district.id]);
  const buildings = db.$client
    .prepare("SELECT b.id, b.small_area_id, b.number, b.version, b.geometry FROM buildings b JOIN small_areas sa ON sa.id = b.small_area_id WHERE sa.district_id = ? ORDER BY b.id")
    .all(district.id) as BuildingRow[];
  let numbering;
  try {
    numbering = numberDistrict(
      district.geometry,
      smallAreas.map((a) => ({ key: a.id, code: a.code, isVirtual: a.isVirtual, geometry: a.geometry })),
      buildings.map((b) => ({ key: b.id, smallArea: b.small_area_id, number: b.number, geometry: JSON.parse(b.geometry) as Point | Polygon })),
    );
  } catch (error) {
    if (error instanceof TooManySmallAreas) throw new WriteRefused(422, "no_free_code", `district/${district.id}`);
    throw error;
  }
  const newCode = new Map(numbering.smallAreas.map((a) => [a.key, a.newCode]));
  const preview: RenumberPreview = {
    districtCode,
    smallAreas: numbering.smallAreas.filter((a) => a.oldCode !== a.newCode).map((a) => ({ id: a.key, oldCode: a.oldCode!, newCode: a.newCode })),
    buildings: numbering.buildings
      .filter((b) => b.oldNumber !== b.newNumber)
      .map((b) => ({ id: b.key, smallAreaCode: newCode.get(b.smallArea)!, oldNumber: b.oldNumber, newNumber: b.newNumber })),
  };
  return { district, smallAreas, buildings, preview };
}

/**
 * Used by the renumber server action and `tessera renumber --dry-run`: the small-area codes and building
 * numbers of district `districtCode` that the numbering rule would change (old → new), in new-code order.
 * Throws `WriteRefused` 404 when there is no such district, 422 (`no_free_code`) past 899 small areas.
 */
export function previewRenumber(db: Db, districtCode: string): RenumberPreview {
  return readCurrent(db, districtCode).preview;
}

/** The preview as a canonical string: the same changes, whatever the order they are listed in. */
function canonical(preview: Pick<RenumberPreview, "smallAreas" | "buildings">): string {
  const areas = preview.smallAreas.map((a) => [a.id, a.oldCode, a.newCode]).sort((p, q) => Number(p[0]) - Number(q[0]));
  const buildings = preview.buildings.map((b) => [b.id, b.smallAreaCode, b.oldNumber, b.newNumber]).sort((p, q) => Number(p[0]) - Number(q[0]));
  return JSON.stringify([areas, buildings]);
}

function writeRenumber(db: Db, current: Current, userId: number | null): string | null {
  const { preview } = current;
  if (!preview.smallAreas.length && !preview.buildings.length) return null;
  const changeId = randomUUID();
  const c = db.$client;
  const areaById = new Map(current.smallAreas.map((a) => [a.id, a]));
  parkCodes(db, preview.smallAreas.map((a) => ({ type: "small_area" as const, id: a.id })));
  const setCode = c.prepare("UPDATE small_areas SET code = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?");
  for (const change of preview.smallAreas) {
    const before = areaById.get(change.id)!;
    setCode.run(change.newCode, change.id);
    const after = { ...before, code: change.newCode, version: before.version + 1 };
    appendChangeLog(db, { changeId, userId, label: "renumber", entityType: "small_area", entityId: change.id, op: "put", baseVersion: before.version, before, after });
  }
  const buildingById = new Map(current.buildings.map((b) => [b.id, b]));
  const setNumber = c.prepare("UPDATE buildings SET number = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?");
  for (const change of preview.buildings) {
    const before = buildingById.get(change.id)!;
    setNumber.run(change.newNumber, change.id);
    appendChangeLog(db, {
      changeId, userId, label: "renumber", entityType: "building", entityId: change.id, op: "put", baseVersion: before.version,
      before: { number: before.number, version: before.version }, after: { number: change.newNumber, version: before.version + 1 },
    });
  }
  return changeId;
}

/**
 * Used by the renumber server action and `tessera renumber`: gives district `districtCode` the codes and
 * numbers of its preview in one `BEGIN IMMEDIATE` transaction — small areas' codes (parked first, so swaps do
 * not trip the unique index) and buildings' numbers, each changed row's version bumped, one change-log row per
 * changed entity under one change id (label `renumber`). With `expected` (the preview the user saw), refuses
 * with 409 `stale_version` (the current preview in `current`) when the changes would differ, so nobody applies
 * numbers they did not see. Throws `WriteRefused` (403, 404, 409, 422); on any refusal nothing is written.
 */
export function applyRenumber(
  db: Db,
  districtCode: string,
  userId: number | null,
  expected?: Pick<RenumberPreview, "smallAreas" | "buildings">,
  options: RenumberOptions = {},
): AppliedRenumber {
  return writeTransaction(db, () => {
    const current = readCurrent(db, districtCode);
    if (options.canEdit) {
      if (!options.canEdit(current.district)) throw new WriteRefused(403, "forbidden", `district/${current.district.id}`);
      for (const a of current.smallAreas) if (!options.canEdit(a)) throw new WriteRefused(403, "forbidden", `small_area/${a.id}`);
    }
    if (expected && canonical(expected) !== canonical(current.preview)) {
      throw new WriteRefused(409, "stale_version", `district/${current.district.id}`, current.preview);
    }
    return { ...current.preview, changeId: writeRenumber(db, current, userId) };
  });
}
