/**
 * Reads of the guide view (issue #6): "my small areas" for a guide (the areas of the districts assigned) or an
 * enumerator (the areas assigned), and one area's map — its outline, its buildings with their numbers and the
 * outlines of the areas around it. Other roles see the areas of their own assignment here too.
 */
import type { Point, Polygon } from "geojson";
import { buildingPoint } from "@/lib/coverage/buildings";
import type { AreaGeometry, BuildingUse } from "@/lib/domain/types";
import type { SmallAreaState } from "@/lib/domain/workflow";
import type { Bbox } from "@/lib/geo/bbox";
import { labelPoint } from "@/lib/geo/label-point";
import { assignedSmallAreaIds, authorize, loadAssignment, type Actor } from "./access";
import type { Db } from "./client";
import { TOTALS_FOR_IDS_SQL } from "./queries";

/** The latest return of a small area: the comment and where it was pinned. */
export interface ReturnNote {
  comment: string | null;
  /** [lon, lat] the comment is pinned to, when it was pinned */
  at: [number, number] | null;
  /** display name of the person who returned it */
  by: string | null;
  /** ISO UTC time */
  createdAt: string;
}

/** One line of the guide's list. */
export interface GuideArea {
  id: number;
  code: string;
  /** district code + 3-digit code */
  fullCode: string;
  name: string | null;
  isVirtual: boolean;
  district: { id: number; code: string; nameZh: string; nameEn: string };
  status: SmallAreaState;
  version: number;
  badImagery: boolean;
  households: number;
  persons: number;
  buildings: number;
  bbox: Bbox | null;
  /** set only while the area is returned */
  lastReturn: ReturnNote | null;
}

/** A building as the guide's map shows it. */
export interface GuideBuilding {
  id: number;
  number: number | null;
  use: BuildingUse;
  /** where its number is drawn: the point, or the centroid of the footprint */
  point: [number, number];
  footprint: Polygon | null;
}

/** An area around the one shown: outline and code. */
export interface GuideNeighbour {
  id: number;
  fullCode: string;
  code: string;
  geometry: AreaGeometry;
  labelAt: [number, number];
}

/** Everything the guide's map of one area needs. */
export interface GuideAreaDetail {
  area: GuideArea;
  geometry: AreaGeometry | null;
  /** a point inside the area (its label point): where a comment goes when nothing better is known */
  centre: [number, number] | null;
  buildings: GuideBuilding[];
  neighbours: GuideNeighbour[];
}

/** How far around an area (as a share of its bbox) neighbours are looked for, and how many at most. */
const NEIGHBOUR_MARGIN = 0.15;
const MAX_NEIGHBOURS = 200;

interface AreaRow {
  id: number;
  code: string;
  name: string | null;
  is_virtual: number;
  status: SmallAreaState;
  version: number;
  bad_imagery: number;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  district_id: number;
  district_code: string;
  district_name_zh: string;
  district_name_en: string;
  buildings: number | null;
  households: number | null;
  persons: number | null;
}

const AREAS_SQL = `${TOTALS_FOR_IDS_SQL}
  SELECT sa.id, sa.code, sa.name, sa.is_virtual, sa.status, sa.version, sa.bad_imagery, sa.min_lon, sa.min_lat, sa.max_lon, sa.max_lat,
         d.id AS district_id, d.code AS district_code, d.name_zh AS district_name_zh, d.name_en AS district_name_en,
         bt.buildings, ut.households, ut.persons
  FROM small_areas sa
  JOIN districts d ON d.id = sa.district_id
  LEFT JOIN building_totals bt ON bt.small_area_id = sa.id
  LEFT JOIN unit_totals ut ON ut.small_area_id = sa.id
  WHERE sa.id IN (SELECT id FROM ids)
  ORDER BY d.code, sa.code`;

function lastReturns(db: Db, ids: number[]): Map<number, ReturnNote> {
  if (!ids.length) return new Map();
  const rows = db.$client
    .prepare(
      `SELECT re.small_area_id, re.comment, re.lon, re.lat, re.created_at, u.display_name
       FROM review_events re LEFT JOIN users u ON u.id = re.user_id
       WHERE re.id IN (SELECT MAX(id) FROM review_events WHERE action = 'return' AND small_area_id IN (SELECT value FROM json_each(?)) GROUP BY small_area_id)`,
    )
    .all(JSON.stringify(ids)) as Array<{ small_area_id: number; comment: string | null; lon: number | null; lat: number | null; created_at: string; display_name: string | null }>;
  return new Map(
    rows.map((r) => [
      r.small_area_id,
      { comment: r.comment, at: r.lon !== null && r.lat !== null ? [r.lon, r.lat] : null, by: r.display_name, createdAt: r.created_at },
    ]),
  );
}

function areasByIds(db: Db, ids: number[]): GuideArea[] {
  if (!ids.length) return [];
  const rows = db.$client.prepare(AREAS_SQL).all(JSON.stringify(ids)) as AreaRow[];
  const returns = lastReturns(
    db,
    rows.filter((r) => r.status === "returned").map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    fullCode: `${r.district_code}${r.code}`,
    name: r.name,
    isVirtual: r.is_virtual === 1,
    district: { id: r.district_id, code: r.district_code, nameZh: r.district_name_zh, nameEn: r.district_name_en },
    status: r.status,
    version: r.version,
    badImagery: r.bad_imagery === 1,
    households: r.households ?? 0,
    persons: r.persons ?? 0,
    buildings: r.buildings ?? 0,
    bbox: r.min_lon === null || r.min_lat === null || r.max_lon === null || r.max_lat === null ? null : [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
    lastReturn: r.status === "returned" ? (returns.get(r.id) ?? null) : null,
  }));
}

/**
 * Used by the guide view's list: the small areas of `user`'s assignment (a guide's or mapper's districts, an
 * enumerator's small areas), ordered by full code, with state, totals and the latest return comment.
 */
export function listMyAreas(db: Db, user: Actor): GuideArea[] {
  return areasByIds(db, assignedSmallAreaIds(db, loadAssignment(db, user.id)));
}

function buildingsOf(db: Db, smallAreaId: number): GuideBuilding[] {
  const rows = db.$client
    .prepare("SELECT id, number, use, geometry FROM buildings WHERE small_area_id = ? ORDER BY number IS NULL, number, id")
    .all(smallAreaId) as Array<{ id: number; number: number | null; use: BuildingUse; geometry: string }>;
  return rows.flatMap((r) => {
    const geometry = JSON.parse(r.geometry) as Point | Polygon;
    const point = buildingPoint({ id: r.id, geometry, households: 0, persons: 0 });
    return point ? [{ id: r.id, number: r.number, use: r.use, point, footprint: geometry.type === "Polygon" ? geometry : null }] : [];
  });
}

function neighboursOf(db: Db, smallAreaId: number, bbox: Bbox): GuideNeighbour[] {
  const mx = (bbox[2] - bbox[0]) * NEIGHBOUR_MARGIN;
  const my = (bbox[3] - bbox[1]) * NEIGHBOUR_MARGIN;
  const rows = db.$client
    .prepare(
      `SELECT sa.id, sa.code, d.code AS district_code, sa.geometry FROM small_areas sa JOIN districts d ON d.id = sa.district_id
       WHERE sa.id IN (SELECT id FROM small_areas_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)
         AND sa.id <> ? AND sa.geometry IS NOT NULL
       ORDER BY d.code, sa.code LIMIT ${MAX_NEIGHBOURS}`,
    )
    .all(bbox[0] - mx, bbox[2] + mx, bbox[1] - my, bbox[3] + my, smallAreaId) as Array<{ id: number; code: string; district_code: string; geometry: string }>;
  return rows.map((r) => {
    const geometry = JSON.parse(r.geometry) as AreaGeometry;
    return { id: r.id, code: r.code, fullCode: `${r.district_code}${r.code}`, geometry, labelAt: labelPoint(geometry) };
  });
}

/**
 * Used by the guide view's area page: one small area's outline, buildings and neighbours — or null (shown as
 * 404) when it does not exist or lies outside what `user` may read the units of (a guide's districts, an
 * enumerator's own areas).
 */
export function myAreaDetail(db: Db, user: Actor, smallAreaId: number): GuideAreaDetail | null {
  if (!Number.isSafeInteger(smallAreaId) || !authorize(db, user, "read_units", { type: "small_area", id: smallAreaId })) return null;
  const [area] = areasByIds(db, [smallAreaId]);
  if (!area) return null;
  const row = db.$client.prepare("SELECT geometry FROM small_areas WHERE id = ?").get(smallAreaId) as { geometry: string | null };
  const geometry = row.geometry === null ? null : (JSON.parse(row.geometry) as AreaGeometry);
  return {
    area,
    geometry,
    centre: geometry ? labelPoint(geometry) : null,
    buildings: buildingsOf(db, smallAreaId),
    neighbours: area.bbox ? neighboursOf(db, smallAreaId, area.bbox) : [],
  };
}
