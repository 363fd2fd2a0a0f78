import { describe, expect, it } from "vitest";
import { addCounts, dailySeries, dayRange, emptyCounts, emptyTally, percentDone, rollUp, shanghaiDay, totalsAtDayEnds, type ProgressCounts } from "./progress";

function counts(partial: Partial<ProgressCounts> & { confirmed?: number; ready?: number; submitted?: number }): ProgressCounts {
  const c = emptyCounts();
  const { confirmed = 0, ready = 0, submitted = 0, ...rest } = partial;
  return { ...c, ...rest, states: { ...c.states, confirmed, ready, submitted } };
}

describe("percentDone", () => {
  it("is (confirmed + ready) / small areas to one decimal, 0 without areas", () => {
    expect(percentDone(3, 1, 0)).toBe(33.3);
    expect(percentDone(8, 3, 3)).toBe(75);
    expect(percentDone(0, 0, 0)).toBe(0);
  });
});

describe("rollUp", () => {
  it("sums districts into townships and townships into the county, issues per township", () => {
    const d = (id: number, c: ProgressCounts) => ({ id, code: `D${id}`, nameZh: `区${id}`, nameEn: `D${id}`, counts: c });
    const result = rollUp(
      { id: 1, code: "330199", nameZh: "县", nameEn: "County" },
      [
        { id: 2, code: "330199101", nameZh: "甲镇", nameEn: "A", issues: 4, districts: [d(10, counts({ districts: 1, smallAreas: 4, confirmed: 1, ready: 1, households: 300 })), d(11, counts({ districts: 1, smallAreas: 4, submitted: 2 }))] },
        { id: 3, code: "330199102", nameZh: "乙镇", nameEn: "B", issues: 0, districts: [d(12, counts({ districts: 1, smallAreas: 2, confirmed: 2, households: 90 }))] },
      ],
      1,
    );
    expect(result.townships[0].counts).toMatchObject({ districts: 2, smallAreas: 8, households: 300, issues: 4 });
    expect(result.townships[0].counts.states).toMatchObject({ confirmed: 1, ready: 1, submitted: 2 });
    expect(result.townships[0].percent).toBe(25);
    expect(result.townships[0].districts[0].percent).toBe(50);
    expect(result.townships[1].percent).toBe(100);
    expect(result.county.counts).toMatchObject({ districts: 3, smallAreas: 10, households: 390, issues: 5 });
    expect(result.county.percent).toBe(40);
  });

  it("addCounts does not change its arguments", () => {
    const a = counts({ buildings: 2, confirmed: 1 });
    const sum = addCounts(a, a);
    expect(sum.buildings).toBe(4);
    expect(sum.states.confirmed).toBe(2);
    expect(a.buildings).toBe(2);
  });
});

describe("shanghaiDay and dayRange", () => {
  it("takes the calendar day in UTC+8", () => {
    expect(shanghaiDay("2030-05-01T15:59:59.999Z")).toBe("2030-05-01");
    expect(shanghaiDay("2030-05-01T16:00:00.000Z")).toBe("2030-05-02");
    expect(shanghaiDay(Date.parse("2030-12-31T20:00:00Z"))).toBe("2031-01-01");
  });
  it("lists every day inclusive, across month ends", () => {
    expect(dayRange("2030-02-27", "2030-03-02")).toEqual(["2030-02-27", "2030-02-28", "2030-03-01", "2030-03-02"]);
    expect(dayRange("2030-03-05", "2030-03-02")).toEqual(["2030-03-02"]);
  });
});

describe("totalsAtDayEnds", () => {
  it("works each township's totals back from today through what changed after each day", () => {
    const now = { ...emptyTally(), smallAreas: 5, draft: 3, approved: 2, buildings: 40 };
    const days = ["2030-05-01", "2030-05-02", "2030-05-03"];
    const result = totalsAtDayEnds(
      new Map([[7, now]]),
      [
        { day: "2030-05-02", townshipId: 7, delta: { smallAreas: 2, draft: 2 } },
        { day: "2030-05-03", townshipId: 7, delta: { draft: -2, submitted: 2 } },
        { day: "2030-05-03", townshipId: 7, delta: { submitted: -2, approved: 2, buildings: 10 } },
        { day: "2030-05-02", townshipId: 8, delta: { smallAreas: 1, draft: 1 } },
        { day: "2030-05-03", townshipId: 8, delta: { smallAreas: -1, draft: -1 } },
      ],
      days,
    );
    const seven = result.get(7)!;
    expect(seven[2]).toEqual(now);
    expect(seven[1]).toMatchObject({ smallAreas: 5, draft: 5, approved: 0, submitted: 0, buildings: 30 });
    expect(seven[0]).toMatchObject({ smallAreas: 3, draft: 3, buildings: 30 });
    // a township with no small area now (drawn on the 2nd, deleted on the 3rd) is still followed
    expect(result.get(8)!.map((t) => t.smallAreas)).toEqual([0, 1, 0]);
  });
});

describe("dailySeries", () => {
  it("counts each day's activity, runs sums, and takes drawn and buildings from the day-end totals", () => {
    const days = ["2030-05-01", "2030-05-02"];
    const series = dailySeries(
      [
        { day: "2030-05-01", kind: "submitted", n: 2 },
        { day: "2030-05-02", kind: "submitted", n: 1 },
        { day: "2030-05-02", kind: "drawn", n: 3 },
        { day: "2030-05-02", kind: "buildings", n: 120 },
        { day: "2030-04-30", kind: "approved", n: 9 },
      ],
      days,
      [{ smallAreas: 10, buildings: 500 }, { smallAreas: 13, buildings: 620 }],
    );
    expect(series[0]).toMatchObject({ day: "2030-05-01", activity: { submitted: 2, drawn: 0 }, cumulative: { submitted: 2, drawn: 10, buildings: 500, approved: 0 } });
    expect(series[1]).toMatchObject({ activity: { submitted: 1, drawn: 3, buildings: 120 }, cumulative: { submitted: 3, drawn: 13, buildings: 620 } });
  });
});
