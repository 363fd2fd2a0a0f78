import { afterEach, describe, expect, it } from "vitest";
import type { PrintResult } from "@/db/print";
import { clearPrintJobs, FINISHED_JOBS_PER_USER, openPrintJobs, PRINT_JOB_TTL_MS, printJobOf, printJobsSettled, printJobView, prunePrintJobs, startPrintJob } from "./print-jobs";

const result = (pages: number): PrintResult => ({ pdf: new Uint8Array(pages * 10), fileName: "x.pdf", pages, smallAreaIds: [] });
const quick = (pages: number) => async (progress: (done: number, total: number) => void) => {
  progress(pages, pages);
  return result(pages);
};

afterEach(async () => {
  await printJobsSettled();
  clearPrintJobs();
});

describe("the print job store", () => {
  it("runs jobs one after another in the order they came, and keeps them on globalThis", async () => {
    const order: string[] = [];
    const work = (name: string) => async () => {
      order.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 5));
      order.push(`${name} end`);
      return result(1);
    };
    const a = startPrintJob(1, 1, work("a"), () => {});
    const b = startPrintJob(2, 1, work("b"), () => {});
    expect([a.state, b.state]).toEqual(["running", "queued"]);
    expect(openPrintJobs(1)).toBe(1);
    await printJobsSettled();
    expect(order).toEqual(["a start", "a end", "b start", "b end"]);
    expect(printJobView(printJobOf(b.id, 2)!)).toEqual({ state: "done", done: 1, total: 1, pages: 1, bytes: 10 });
    expect(openPrintJobs(1)).toBe(0);
    expect((globalThis as { __tesseraPrintJobs?: { jobs: Map<string, unknown> } }).__tesseraPrintJobs?.jobs.size).toBe(2);
  });

  it("shows a job only to the person who started it", async () => {
    const job = startPrintJob(1, 2, quick(2), () => {});
    await printJobsSettled();
    expect(printJobOf(job.id, 1)).toBe(job);
    expect(printJobOf(job.id, 2)).toBeNull();
    expect(printJobOf("not-a-job", 1)).toBeNull();
  });

  it("fails a job whose PDF or audit step throws, with the first line of the message only", async () => {
    const broken = startPrintJob(1, 1, async () => {
      throw new Error("renderer gone\n    at somewhere (/srv/x.ts:1:1)");
    }, () => {});
    const unaudited = startPrintJob(1, 1, quick(1), () => {
      throw new Error("database is locked");
    });
    const log = console.error;
    console.error = () => {};
    await printJobsSettled();
    console.error = log;
    expect(printJobView(broken)).toEqual({ state: "failed", done: 0, total: 1, message: "renderer gone" });
    expect(printJobView(unaudited)).toMatchObject({ state: "failed", message: "database is locked" });
    expect(unaudited.result).toBeUndefined();
  });

  it("drops finished jobs after 15 minutes, and keeps 3 finished jobs per person", async () => {
    const mine = [1, 2, 3, 4].map((n) => startPrintJob(7, n, quick(n), () => {}));
    const theirs = startPrintJob(8, 1, quick(1), () => {});
    await printJobsSettled();
    prunePrintJobs();
    expect(FINISHED_JOBS_PER_USER).toBe(3);
    expect(mine.map((j) => printJobOf(j.id, 7) !== null)).toEqual([false, true, true, true]);
    expect(printJobOf(theirs.id, 8)).not.toBeNull();
    prunePrintJobs(Date.now() + PRINT_JOB_TTL_MS + 1);
    expect(printJobOf(theirs.id, 8)).toBeNull();
    expect(mine.every((j) => printJobOf(j.id, 7) === null)).toBe(true);
  });
});
