/**
 * The progress report's arithmetic (issue #6, 日报): counts of one district summed up to its township and the
 * county, the share done, the census day (Asia/Shanghai, UTC+8, no daylight saving) of a UTC time, and the
 * daily series — each day's activity and the totals at the end of each day, worked back from today's totals
 * and what happened since. Pure: `db/progress.ts` reads the rows.
 */
import { SMALL_AREA_STATES, type SmallAreaState } from "./workflow";

/** What the dashboard counts for a district, a township or the county. */
export interface ProgressCounts {
  districts: number;
  /** districts with at least one small area */
  districtsDivided: number;
  /** every small area (the denominator of % done) */
  smallAreas: number;
  /** small areas drawn: with a boundary, or virtual (which have none by design) */
  drawn: number;
  states: Record<SmallAreaState, number>;
  /** small areas whose map sheet was printed at least once */
  printed: number;
  buildings: number;
  housingUnits: number;
  /** households listed: the sum of the housing units' households */
  households: number;
  /** open coverage issues (不重不漏) */
  issues: number;
}

/** Used to start a sum: every count zero. */
export function emptyCounts(): ProgressCounts {
  const states = Object.fromEntries(SMALL_AREA_STATES.map((s) => [s, 0])) as Record<SmallAreaState, number>;
  return { districts: 0, districtsDivided: 0, smallAreas: 0, drawn: 0, states, printed: 0, buildings: 0, housingUnits: 0, households: 0, issues: 0 };
}

/** Used by the roll-up: the sum of two sets of counts (a new object). */
export function addCounts(a: ProgressCounts, b: ProgressCounts): ProgressCounts {
  const states = Object.fromEntries(SMALL_AREA_STATES.map((s) => [s, a.states[s] + b.states[s]])) as Record<SmallAreaState, number>;
  return {
    districts: a.districts + b.districts,
    districtsDivided: a.districtsDivided + b.districtsDivided,
    smallAreas: a.smallAreas + b.smallAreas,
    drawn: a.drawn + b.drawn,
    states,
    printed: a.printed + b.printed,
    buildings: a.buildings + b.buildings,
    housingUnits: a.housingUnits + b.housingUnits,
    households: a.households + b.households,
    issues: a.issues + b.issues,
  };
}

/** Used by the dashboard and the daily report: % done = (confirmed + ready) / small areas, 0–100 to one decimal (0 with no areas). */
export function percentDone(smallAreas: number, confirmed: number, ready: number): number {
  return smallAreas > 0 ? Math.round(((confirmed + ready) / smallAreas) * 1000) / 10 : 0;
}

/** A row of the roll-up: a county, township or district with its counts. */
export interface ProgressRow {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  counts: ProgressCounts;
  percent: number;
}

/** A township with its districts. */
export interface TownshipProgress extends ProgressRow {
  districts: ProgressRow[];
}

/** The roll-up county → township → district. */
export interface ProgressRollUp {
  county: ProgressRow;
  townships: TownshipProgress[];
}

const withPercent = (row: Omit<ProgressRow, "percent">): ProgressRow => ({
  ...row,
  percent: percentDone(row.counts.smallAreas, row.counts.states.confirmed, row.counts.states.ready),
});

/**
 * Used by `db/progress.ts`: sums district counts into their townships and the townships into the county.
 * `extraCountyIssues` are issues that lie in no listed township (e.g. a building outside every township).
 */
export function rollUp(
  county: Omit<ProgressRow, "counts" | "percent">,
  townships: Array<Omit<ProgressRow, "counts" | "percent"> & { districts: Array<Omit<ProgressRow, "percent">>; issues: number }>,
  extraCountyIssues = 0,
): ProgressRollUp {
  const rows: TownshipProgress[] = townships.map((t) => {
    const summed = t.districts.reduce((sum, d) => addCounts(sum, d.counts), emptyCounts());
    return { ...withPercent({ id: t.id, code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, counts: { ...summed, issues: t.issues } }), districts: t.districts.map(withPercent) };
  });
  const total = rows.reduce((sum, t) => addCounts(sum, t.counts), emptyCounts());
  return { county: withPercent({ ...county, counts: { ...total, issues: total.issues + extraCountyIssues } }), townships: rows };
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Used for every day of the daily report: the Asia/Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDay(at: string | number | Date): string {
  const ms = typeof at === "string" ? Date.parse(at) : typeof at === "number" ? at : at.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Used by the daily series: every day from `first` to `last` (YYYY-MM-DD, inclusive); just `last` when `first` is later. */
export function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let ms = Math.min(Date.parse(`${first}T00:00:00Z`), end); ms <= end; ms += 86_400_000) days.push(new Date(ms).toISOString().slice(0, 10));
  return days;
}

/** The totals the daily report follows per township. */
export const DAILY_FIELDS = ["districts", "smallAreas", ...SMALL_AREA_STATES, "buildings", "households"] as const;
export type DailyField = (typeof DAILY_FIELDS)[number];
export type DailyTally = Record<DailyField, number>;

/** Something that changed a township's totals on a day (a small area drawn, a state change, a building import…). */
export interface DailyDelta {
  day: string;
  townshipId: number;
  delta: Partial<DailyTally>;
}

/** Used to start a tally: every field zero. */
export function emptyTally(): DailyTally {
  return Object.fromEntries(DAILY_FIELDS.map((f) => [f, 0])) as DailyTally;
}

/**
 * Used by the daily report: each township's totals at the end of each of `days`, worked back from its totals
 * now (`current`) by taking off what changed after that day. Exact for today; for earlier days as exact as
 * the logs (`deltas`) are complete. Townships missing from `current` start from zero.
 */
export function totalsAtDayEnds(current: Map<number, DailyTally>, deltas: readonly DailyDelta[], days: readonly string[]): Map<number, DailyTally[]> {
  // what changed after each day, summed per township and day
  const changes = new Map<number, Map<string, DailyTally>>();
  for (const d of deltas) {
    const perDay = changes.get(d.townshipId) ?? new Map<string, DailyTally>();
    changes.set(d.townshipId, perDay);
    const tally = perDay.get(d.day) ?? emptyTally();
    perDay.set(d.day, tally);
    for (const [field, n] of Object.entries(d.delta) as Array<[DailyField, number]>) tally[field] += n;
  }
  const result = new Map<number, DailyTally[]>();
  for (const id of new Set([...current.keys(), ...changes.keys()])) {
    const perDay = [...(changes.get(id) ?? new Map<string, DailyTally>()).entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
    const tally = { ...(current.get(id) ?? emptyTally()) };
    const series: DailyTally[] = new Array(days.length);
    let next = 0; // index into perDay (newest first) of the first change not yet taken off
    for (let i = days.length - 1; i >= 0; i--) {
      for (; next < perDay.length && perDay[next][0] > days[i]; next++) {
        for (const field of DAILY_FIELDS) tally[field] -= perDay[next][1][field];
      }
      series[i] = { ...tally };
    }
    result.set(id, series);
  }
  return result;
}

/** What the chart counts per day. */
export const ACTIVITY_KINDS = ["drawn", "submitted", "approved", "confirmed", "buildings"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One day of the chart: that day's activity and the totals at its end. */
export interface DailyPoint {
  day: string;
  activity: Record<ActivityKind, number>;
  /**
   * at the end of the day: small areas and buildings that exist (`totalsAtDayEnds`, so the last day matches the
   * roll-up), and the running sums of submissions, approvals and confirmations since the first day
   */
  cumulative: Record<ActivityKind, number>;
}

/**
 * Used by the dashboard's chart: per day, how many small areas were drawn, submitted, approved, confirmed and
 * buildings marked (`events`, each counting `n`), with the totals at the end of each day (`endTotals`, one per
 * day: the small areas and buildings then existing).
 */
export function dailySeries(
  events: ReadonlyArray<{ day: string; kind: ActivityKind; n: number }>,
  days: readonly string[],
  endTotals: ReadonlyArray<Pick<DailyTally, "smallAreas" | "buildings">>,
): DailyPoint[] {
  const zero = () => Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0])) as Record<ActivityKind, number>;
  const byDay = new Map(days.map((d) => [d, zero()]));
  for (const e of events) {
    const bucket = byDay.get(e.day);
    if (bucket) bucket[e.kind] += e.n;
  }
  const running = zero();
  return days.map((day, i) => {
    const activity = byDay.get(day)!;
    for (const k of ACTIVITY_KINDS) running[k] += activity[k];
    return { day, activity, cumulative: { ...running, drawn: endTotals[i]?.smallAreas ?? 0, buildings: endTotals[i]?.buildings ?? 0 } };
  });
}
