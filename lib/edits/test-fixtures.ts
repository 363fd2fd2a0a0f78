/**
 * Shared fixtures for the tests of applyChange and of every op in lib/edits/ops (not used by the app).
 *
 * The fixture snapshot, in a grid of 0.001° cells near 120° E, 30° N (x east, y north):
 *
 *   y=20 +-------------------+
 *        |  district 3       |           (no small areas)
 *   y=10 +---------+---------+-------------------+
 *        |   001   |   002   |        002        |
 *   y=5  +----+----+---+-----+-------------------+      district 1 (x 0–10): small areas 001–006
 *        |005 |   004  | 003 |        001        |      and the virtual 900; district 2 (x 10–20):
 *   y=2.5+----+        |     |                   |      small areas 001 and 002
 *        |006 |        |     |                   |
 *   y=0  +----+--------+-----+-------------------+
 *        x=0  3    5   7    10                   20
 *
 * T-junctions: (3, 5) lies on the edge of 001, (5, 5) on the edge of 004 and (7, 5) on the edge of 002.
 * District 1 shares its east edge (with the vertex (10, 5)) with district 2 and its north edge (with (5, 10))
 * with district 3; all other shared boundaries share their vertices bit-for-bit.
 */
import type { Polygon, Position } from "geojson";
import { checkCoverage } from "@/lib/coverage/check";
import type { CoverageIssue } from "@/lib/coverage/types";
import { applyChange } from "./apply-change";
import type { OpResult } from "./refusals";
import type { BuildingEntity, Change, EditableEntity, DistrictEntity, EditSnapshot, HousingUnitEntity, SmallAreaEntity } from "./types";

/** Used by every op test: freezes a value and everything in it, so an op that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

/** Used by fixtures and tests: the lon/lat of grid point (x, y); the same (x, y) always gives the same bits. */
export function at(x: number, y: number): Position {
  return [120 + x / 1000, 30 + y / 1000];
}

/** Used by fixtures and tests: a polygon from grid points (one outer ring, closed here). */
export function gridPolygon(points: Array<[number, number]>): Polygon {
  return { type: "Polygon", coordinates: [[...points, points[0]].map(([x, y]) => at(x, y))] };
}

/** Ids and codes of the fixture's entities. */
export const FIXTURE = {
  district: 1,
  neighbourDistrict: 2,
  emptyDistrict: 3,
  districtCode: "330199101201",
  /** small-area ids of district 1 by code */
  smallArea: { "001": 11, "002": 12, "003": 13, "004": 14, "005": 15, "006": 16 },
  virtualSmallArea: 17,
  neighbourSmallAreas: [21, 22],
} as const;

function district(id: number, code: string, points: Array<[number, number]>, version: number): DistrictEntity {
  return { type: "district", id, version, townshipId: 1, code, nameZh: `村${id}`, nameEn: `Village ${id}`, kind: "village", geometry: gridPolygon(points) };
}

function smallArea(id: number, districtId: number, code: string, points: Array<[number, number]> | null, version: number): SmallAreaEntity {
  return {
    type: "small_area", id, version, districtId, code, name: null, isVirtual: points === null,
    geometry: points ? gridPolygon(points) : null, status: "draft", notes: null,
  };
}

/** Used by op tests: a fresh, deeply frozen copy of the fixture snapshot drawn above. */
export function fixtureSnapshot(): EditSnapshot {
  return deepFreeze({
    districts: [
      district(1, "330199101201", [[0, 0], [3, 0], [7, 0], [10, 0], [10, 5], [10, 10], [5, 10], [0, 10], [0, 5], [0, 2.5]], 4),
      district(2, "330199101202", [[10, 0], [20, 0], [20, 5], [20, 10], [10, 10], [10, 5]], 2),
      district(3, "330199101203", [[0, 10], [5, 10], [10, 10], [10, 20], [0, 20]], 1),
    ],
    smallAreas: [
      smallArea(11, 1, "001", [[0, 5], [5, 5], [5, 10], [0, 10]], 3),
      smallArea(12, 1, "002", [[5, 5], [10, 5], [10, 10], [5, 10]], 1),
      smallArea(13, 1, "003", [[7, 0], [10, 0], [10, 5], [7, 5]], 2),
      smallArea(14, 1, "004", [[3, 0], [7, 0], [7, 5], [3, 5]], 1),
      smallArea(15, 1, "005", [[0, 2.5], [3, 2.5], [3, 5], [0, 5]], 5),
      smallArea(16, 1, "006", [[0, 0], [3, 0], [3, 2.5], [0, 2.5]], 1),
      smallArea(17, 1, "900", null, 1),
      smallArea(21, 2, "001", [[10, 0], [20, 0], [20, 5], [10, 5]], 1),
      smallArea(22, 2, "002", [[10, 5], [20, 5], [20, 10], [10, 10]], 1),
    ],
  });
}

/** Ids of the buildings and housing units of {@link fixtureWithBuildings}. */
export const BUILDING_FIXTURE = {
  /** a point at (2, 7) in small area 001 of district 1, with units 201–203 (203 assigned to the virtual 900) */
  house: 101,
  /** a footprint around (8.5, 2) in small area 003 of district 1, no units */
  school: 102,
  /** a point at (15, 7) in small area 002 of district 2, no units */
  neighbourHouse: 103,
  units: [201, 202, 203],
  virtualUnit: 203,
} as const;

function building(id: number, fields: Partial<BuildingEntity> & Pick<BuildingEntity, "geometry">): BuildingEntity {
  return { type: "building", id, version: 1, districtId: null, smallAreaId: null, number: null, use: "residential", name: null, nameEn: null, floors: 1, notes: null, ...fields };
}

function housingUnit(id: number, buildingId: number, unitNumber: string, fields: Partial<HousingUnitEntity> = {}): HousingUnitEntity {
  return { type: "housing_unit", id, version: 1, buildingId, smallAreaId: null, unitNumber, floor: null, entrance: null, status: "occupied", households: 1, persons: 3, ...fields };
}

/** Used by the building and housing-unit op tests: the fixture snapshot with three buildings and three units, deeply frozen. */
export function fixtureWithBuildings(): EditSnapshot {
  const areas = fixtureSnapshot();
  return deepFreeze({
    districts: areas.districts,
    smallAreas: areas.smallAreas,
    buildings: [
      building(101, { version: 2, districtId: 1, smallAreaId: 11, number: 1, floors: 3, geometry: { type: "Point", coordinates: at(2, 7) } }),
      building(102, { districtId: 1, smallAreaId: 13, number: 1, use: "school", name: "中心小学", nameEn: "Central School", geometry: gridPolygon([[8, 1.5], [9, 1.5], [9, 2.5], [8, 2.5]]) }),
      building(103, { districtId: 2, smallAreaId: 22, number: 1, geometry: { type: "Point", coordinates: at(15, 7) } }),
    ],
    housingUnits: [
      housingUnit(201, 101, "1"),
      housingUnit(202, 101, "2", { version: 3, status: "vacant", households: 0, persons: 0 }),
      housingUnit(203, 101, "3", { smallAreaId: FIXTURE.virtualSmallArea, status: "collective", households: 2, persons: 40 }),
    ],
  });
}

/**
 * Used to compare snapshots "apart from versions" (after an op and its inverse): the entities without their
 * versions, sorted by id (an undone delete re-creates its entity at the end of the list). Buildings and
 * housing units are compared when the snapshot has them.
 */
export function withoutVersions(snapshot: EditSnapshot): unknown {
  const strip = <E extends { id: number; version: number }>(list: readonly E[]) =>
    [...list].sort((a, b) => a.id - b.id).map((entity) => {
      const rest: Partial<E> = { ...entity };
      delete rest.version;
      return rest;
    });
  return {
    districts: strip(snapshot.districts),
    smallAreas: strip(snapshot.smallAreas),
    ...(snapshot.buildings ? { buildings: strip(snapshot.buildings) } : {}),
    ...(snapshot.housingUnits ? { housingUnits: strip(snapshot.housingUnits) } : {}),
  };
}

/** The coverage issue kinds that mean the partition is broken. */
const PARTITION_KINDS = new Set(["invalid_geometry", "gap", "overlap", "outside_district", "district_gap", "district_overlap"]);

/**
 * Used by op tests to prove an edit kept the partition: the coverage engine's gap, overlap, outside and
 * invalid-geometry issues for the snapshot (districts among themselves, small areas in their district).
 */
export function partitionIssues(snapshot: EditSnapshot): CoverageIssue[] {
  const codeOf = new Map(snapshot.districts.map((d) => [d.id, d.code]));
  const report = checkCoverage({
    districts: snapshot.districts.map((d) => ({ code: d.code, geometry: d.geometry })),
    smallAreas: snapshot.smallAreas.map((s) => ({ code: s.code, district: codeOf.get(s.districtId) ?? "", isVirtual: s.isVirtual, geometry: s.geometry })),
  });
  return report.issues.filter((i) => PARTITION_KINDS.has(i.kind));
}

/** Used by op tests: the Change of an op result, or an error naming the refusal. */
export function changeOf(result: OpResult<Change>): Change {
  if (!result.ok) throw new Error(`refused: ${result.reason} ${result.place ?? ""}`);
  return result.change;
}

/**
 * Used by every op test: applies the Change to the snapshot, then its inverse to the result (both deeply
 * frozen), and returns the snapshot after the edit and the one after the undo.
 */
export function applyAndUndo(snapshot: EditSnapshot, change: Change): { next: EditSnapshot; back: EditSnapshot } {
  const forward = applyChange(deepFreeze(snapshot), deepFreeze(change));
  if (!forward.ok) throw new Error(`applyChange refused: ${forward.reason} ${forward.place ?? ""}`);
  const next = deepFreeze(forward.next);
  const backward = applyChange(next, deepFreeze(forward.inverse));
  if (!backward.ok) throw new Error(`inverse refused: ${backward.reason} ${backward.place ?? ""}`);
  return { next, back: backward.next };
}

/** Used by op tests to read a put's shape: the entity's geometry as a Polygon (areas and footprints; throws for none). */
export function polygonOf(entity: EditableEntity): Polygon {
  if (entity.type === "housing_unit" || !entity.geometry || entity.geometry.type !== "Polygon") throw new Error(`${entity.type}/${entity.id} has no polygon`);
  return entity.geometry;
}
