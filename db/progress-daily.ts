/**
 * The daily report (日报, issue #6) read from the logs: for each Asia/Shanghai day from the first logged
 * activity to today, each township's totals at the end of the day (worked back from today's totals through the
 * change log and the review events) and the day's activity — small areas drawn, submitted, approved and
 * confirmed, buildings marked (drawn or imported). The dashboard's chart and GET /api/reports/daily read it.
 */
import {
  dailySeries,
  dayRange,
  emptyTally,
  shanghaiDay,
  totalsAtDayEnds,
  type ActivityKind,
  type DailyDelta,
  type DailyPoint,
  type DailyTally,
} from "@/lib/domain/progress";
import { SMALL_AREA_STATES, type SmallAreaState } from "@/lib/domain/workflow";
import type { Db } from "./client";
import { districtCounts, townshipsIn, type ProgressScope } from "./progress";

/** A township of the daily report with its totals at the end of each day. */
export interface DailyTownship {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  totals: DailyTally[];
}

/** The daily report: the days, each township's totals per day, and the chart's series (all townships in scope). */
export interface DailyReport {
  days: string[];
  townships: DailyTownship[];
  series: DailyPoint[];
}

interface LogRow {
  at: string;
  entityType: string;
  entityId: number;
  op: "put" | "delete";
  created: number;
  aDistrict: number | null;
  bDistrict: number | null;
  aTownship: number | null;
  bTownship: number | null;
  aStatus: string | null;
  bStatus: string | null;
  aHouseholds: number | null;
  bHouseholds: number | null;
  unitDistrict: number | null;
  buildingDistrict: number | null;
  unitBuilding: number | null;
  firstBuilding: number | null;
  lastBuilding: number | null;
}

/** An import of buildings: what it added per township (corrected for what was changed in them since). */
interface ImportDelta {
  day: string;
  first: number;
  last: number;
  byTownship: Map<number, Partial<DailyTally>>;
}

/** Takes `n` of `field` off the imports that brought building `buildingId` (a later change to it is its own delta). */
function correctImports(imports: readonly ImportDelta[], buildingId: number | null, townshipId: number | undefined, field: "buildings" | "households", n: number): void {
  if (buildingId === null || townshipId === undefined) return;
  for (const imp of imports) {
    if (buildingId < imp.first || buildingId > imp.last) continue;
    const delta = imp.byTownship.get(townshipId) ?? {};
    delta[field] = (delta[field] ?? 0) - n;
    imp.byTownship.set(townshipId, delta);
  }
}

const state = (s: string | null): SmallAreaState => (SMALL_AREA_STATES.includes(s as SmallAreaState) ? (s as SmallAreaState) : "draft");

/** What the logs say happened: deltas of the townships' totals and activity, each on its day. */
function readLogs(db: Db): { deltas: DailyDelta[]; activity: Array<{ day: string; townshipId: number; kind: ActivityKind; n: number }> } {
  const c = db.$client;
  // the township of a district: where it is now, else where the log last saw it (a district deleted since)
  const townshipOf = new Map<number, number>(
    (c.prepare("SELECT entity_id AS id, json_extract(COALESCE(NULLIF(after, 'null'), before), '$.townshipId') AS t FROM change_log WHERE entity_type = 'district' ORDER BY id").all() as Array<{ id: number; t: number | null }>)
      .filter((r) => r.t !== null)
      .map((r) => [r.id, r.t!]),
  );
  for (const d of c.prepare("SELECT id, township_id AS t FROM districts").all() as Array<{ id: number; t: number }>) townshipOf.set(d.id, d.t);
  const town = (districtId: number | null) => (districtId === null ? undefined : townshipOf.get(districtId));

  const deltas: DailyDelta[] = [];
  const activity: Array<{ day: string; townshipId: number; kind: ActivityKind; n: number }> = [];
  const push = (day: string, townshipId: number | undefined, delta: Partial<DailyTally>) => townshipId !== undefined && deltas.push({ day, townshipId, delta });

  const logs = c
    .prepare(
      `SELECT cl.at, cl.entity_type AS entityType, cl.entity_id AS entityId, cl.op, (cl.before IS NULL OR cl.before = 'null') AS created,
              json_extract(cl.after, '$.districtId') AS aDistrict, json_extract(cl.before, '$.districtId') AS bDistrict,
              json_extract(cl.after, '$.townshipId') AS aTownship, json_extract(cl.before, '$.townshipId') AS bTownship,
              json_extract(cl.after, '$.status') AS aStatus, json_extract(cl.before, '$.status') AS bStatus,
              json_extract(cl.after, '$.households') AS aHouseholds, json_extract(cl.before, '$.households') AS bHouseholds,
              CASE cl.entity_type WHEN 'housing_unit' THEN (SELECT sa.district_id FROM small_areas sa
                 WHERE sa.id = json_extract(COALESCE(NULLIF(cl.after, 'null'), cl.before), '$.smallAreaId')) END AS unitDistrict,
              CASE cl.entity_type WHEN 'building' THEN (SELECT b.district_id FROM buildings b WHERE b.id = cl.entity_id)
                 WHEN 'housing_unit' THEN (SELECT b.district_id FROM buildings b
                 WHERE b.id = json_extract(COALESCE(NULLIF(cl.after, 'null'), cl.before), '$.buildingId')) END AS buildingDistrict,
              json_extract(COALESCE(NULLIF(cl.after, 'null'), cl.before), '$.buildingId') AS unitBuilding,
              json_extract(cl.after, '$.firstBuildingId') AS firstBuilding, json_extract(cl.after, '$.lastBuildingId') AS lastBuilding
       FROM change_log cl WHERE cl.entity_type IN ('district', 'small_area', 'building', 'housing_unit', 'import') ORDER BY cl.id`,
    )
    .all() as LogRow[];
  const importTotals = c.prepare(
    `SELECT d.township_id AS t, count(*) AS n, COALESCE(sum((SELECT sum(u.households) FROM housing_units u WHERE u.building_id = b.id)), 0) AS h
     FROM buildings b JOIN districts d ON d.id = b.district_id WHERE b.id BETWEEN ? AND ? GROUP BY d.township_id`,
  );

  const imports: ImportDelta[] = [];
  for (const r of logs) {
    const day = shanghaiDay(r.at);
    const created = r.op === "put" && r.created === 1;
    if (r.entityType === "district") {
      if (created) push(day, r.aTownship ?? undefined, { districts: 1 });
      else if (r.op === "delete") push(day, r.bTownship ?? undefined, { districts: -1 });
    } else if (r.entityType === "small_area") {
      if (created) {
        push(day, town(r.aDistrict), { smallAreas: 1, [state(r.aStatus)]: 1 });
        const t = town(r.aDistrict);
        if (t !== undefined) activity.push({ day, townshipId: t, kind: "drawn", n: 1 });
      } else if (r.op === "delete") push(day, town(r.bDistrict), { smallAreas: -1, [state(r.bStatus)]: -1 });
      else if (town(r.aDistrict) !== town(r.bDistrict)) {
        push(day, town(r.bDistrict), { smallAreas: -1, [state(r.bStatus)]: -1 });
        push(day, town(r.aDistrict), { smallAreas: 1, [state(r.bStatus)]: 1 });
      }
    } else if (r.entityType === "building") {
      if (created) {
        const t = town(r.buildingDistrict ?? r.aDistrict);
        push(day, t, { buildings: 1 });
        if (t !== undefined) activity.push({ day, townshipId: t, kind: "buildings", n: 1 });
      } else if (r.op === "delete") {
        push(day, town(r.bDistrict), { buildings: -1 });
        correctImports(imports, r.entityId, town(r.bDistrict), "buildings", -1);
      }
    } else if (r.entityType === "housing_unit") {
      const households = (r.op === "put" ? (r.aHouseholds ?? 0) : 0) - (created ? 0 : (r.bHouseholds ?? 0));
      const t = town(r.unitDistrict ?? r.buildingDistrict);
      if (households !== 0) push(day, t, { households });
      correctImports(imports, r.unitBuilding, t, "households", households);
    } else if (r.entityType === "import" && r.firstBuilding !== null && r.lastBuilding !== null) {
      const rows = importTotals.all(r.firstBuilding, r.lastBuilding) as Array<{ t: number; n: number; h: number }>;
      imports.push({ day, first: r.firstBuilding, last: r.lastBuilding, byTownship: new Map(rows.map((t) => [t.t, { buildings: t.n, households: t.h }])) });
    }
  }
  for (const imp of imports) {
    for (const [townshipId, delta] of imp.byTownship) {
      push(imp.day, townshipId, delta);
      if (delta.buildings) activity.push({ day: imp.day, townshipId, kind: "buildings", n: delta.buildings });
    }
  }

  const events = c
    .prepare(
      `SELECT re.created_at AS at, re.from_status AS fromStatus, re.to_status AS toStatus, d.township_id AS t
       FROM review_events re JOIN small_areas sa ON sa.id = re.small_area_id JOIN districts d ON d.id = sa.district_id ORDER BY re.id`,
    )
    .all() as Array<{ at: string; fromStatus: string; toStatus: string; t: number }>;
  for (const e of events) {
    const day = shanghaiDay(e.at);
    if (e.fromStatus !== e.toStatus) push(day, e.t, { [state(e.fromStatus)]: -1, [state(e.toStatus)]: 1 });
    if (e.toStatus === "submitted" || e.toStatus === "approved" || e.toStatus === "confirmed") activity.push({ day, townshipId: e.t, kind: e.toStatus, n: 1 });
  }
  return { deltas, activity };
}

/**
 * Used by the dashboard's chart and the CSV daily report: the days from the first logged activity in `scope`
 * (today when there is none) to today (Asia/Shanghai), each township's totals at the end of each day, and
 * the series of activity and running totals of all townships in scope.
 */
export function getDailyReport(db: Db, scope: ProgressScope, now: number = Date.now()): DailyReport {
  const townships = townshipsIn(db, scope);
  const inScope = new Set(townships.map((t) => t.id));
  const current = new Map<number, DailyTally>(townships.map((t) => [t.id, emptyTally()]));
  for (const d of districtCounts(db)) {
    const tally = current.get(d.townshipId);
    if (!tally) continue;
    tally.districts += 1;
    tally.smallAreas += d.counts.smallAreas;
    for (const s of SMALL_AREA_STATES) tally[s] += d.counts.states[s];
    tally.buildings += d.counts.buildings;
    tally.households += d.counts.households;
  }
  const logs = readLogs(db);
  const deltas = logs.deltas.filter((d) => inScope.has(d.townshipId));
  const activity = logs.activity.filter((a) => inScope.has(a.townshipId));
  const today = shanghaiDay(now);
  const first = [...deltas.map((d) => d.day), ...activity.map((a) => a.day)].reduce((min, day) => (day < min ? day : min), today);
  const days = dayRange(first, today);
  const totals = totalsAtDayEnds(current, deltas, days);
  const endTotals = days.map((_, i) =>
    townships.reduce((sum, t) => {
      const tally = totals.get(t.id)?.[i];
      return { smallAreas: sum.smallAreas + (tally?.smallAreas ?? 0), buildings: sum.buildings + (tally?.buildings ?? 0) };
    }, { smallAreas: 0, buildings: 0 }),
  );
  return {
    days,
    townships: townships.map((t) => ({ id: t.id, code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, totals: totals.get(t.id) ?? days.map(() => emptyTally()) })),
    series: dailySeries(activity, days, endTotals),
  };
}
