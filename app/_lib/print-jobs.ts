/**
 * Batch prints (issue #7) as jobs of this server process: POST /api/print/jobs starts one, the UI polls its
 * progress and downloads the PDF. Kept in memory (a Map on globalThis, so that a dev reload keeps it); ids are
 * random; one batch renders at a time per server and the others wait ("queued"); a finished job is dropped
 * 15 minutes after it finished, and each person keeps at most 3 finished jobs. A failed job keeps a message
 * in words, never a stack trace.
 */
import type { PrintResult } from "@/db/print";
import { failureText } from "./print-response";

/** Where a job is. */
export type PrintJobState = "queued" | "running" | "done" | "failed";

/** How long a finished job (and its PDF) is kept. */
export const PRINT_JOB_TTL_MS = 15 * 60 * 1000;
/** How many finished jobs one person keeps (the oldest go first). */
export const FINISHED_JOBS_PER_USER = 3;
/** How many jobs one person may have waiting or running at once. */
export const OPEN_JOBS_PER_USER = 2;

/** One job. `work` renders the PDF, calling `progress(done, total)` per sheet. */
export interface PrintJob {
  id: string;
  userId: number;
  state: PrintJobState;
  done: number;
  total: number;
  message?: string;
  result?: PrintResult;
  finishedAt?: number;
  /** the order jobs finished in (several may finish in the same millisecond) */
  finishedSeq?: number;
}

/** What GET /api/print/jobs/{jobId} answers. */
export interface PrintJobView {
  state: PrintJobState;
  done: number;
  total: number;
  message?: string;
  pages?: number;
  bytes?: number;
}

interface Queued {
  job: PrintJob;
  work: (progress: (done: number, total: number) => void) => Promise<PrintResult>;
  onDone: (result: PrintResult) => void;
}

interface Store {
  jobs: Map<string, PrintJob>;
  queue: Queued[];
  running: Promise<void> | null;
  finished: number;
}

const holder = globalThis as typeof globalThis & { __tesseraPrintJobs?: Store };
const store: Store = (holder.__tesseraPrintJobs ??= { jobs: new Map(), queue: [], running: null, finished: 0 });

/** Used on every access: drops jobs finished more than 15 minutes ago, and a person's finished jobs beyond 3. */
export function prunePrintJobs(now = Date.now()): void {
  const finishedByUser = new Map<number, PrintJob[]>();
  for (const job of store.jobs.values()) {
    if (job.finishedAt === undefined) continue;
    if (now - job.finishedAt > PRINT_JOB_TTL_MS) {
      store.jobs.delete(job.id);
      continue;
    }
    finishedByUser.set(job.userId, [...(finishedByUser.get(job.userId) ?? []), job]);
  }
  for (const jobs of finishedByUser.values()) {
    jobs.sort((a, b) => b.finishedSeq! - a.finishedSeq!);
    for (const old of jobs.slice(FINISHED_JOBS_PER_USER)) store.jobs.delete(old.id);
  }
}

/** Used by POST /api/print/jobs: how many jobs `userId` has waiting or running. */
export function openPrintJobs(userId: number): number {
  return [...store.jobs.values()].filter((j) => j.userId === userId && j.finishedAt === undefined).length;
}

async function runQueue(): Promise<void> {
  for (let next = store.queue.shift(); next; next = store.queue.shift()) {
    const { job, work, onDone } = next;
    job.state = "running";
    try {
      const result = await work((done, total) => {
        job.done = done;
        job.total = total;
      });
      onDone(result);
      Object.assign(job, { state: "done", done: job.total, result });
    } catch (error) {
      console.error(`print job ${job.id} failed:`, error);
      Object.assign(job, { state: "failed", message: failureText(error) });
    }
    job.finishedAt = Date.now();
    // (a store from before a dev reload may lack the counter)
    job.finishedSeq = store.finished = (store.finished ?? 0) + 1;
    prunePrintJobs();
    // a job nobody asks about again is still dropped in time
    setTimeout(() => prunePrintJobs(), PRINT_JOB_TTL_MS + 1000).unref?.();
  }
  store.running = null;
}

/**
 * Used by POST /api/print/jobs: queues a batch of `total` sheets for `userId` and starts the queue when idle.
 * `onDone` runs once the PDF is made, before the job says "done" (the route writes the audit rows there);
 * if it throws, the job fails.
 */
export function startPrintJob(userId: number, total: number, work: Queued["work"], onDone: Queued["onDone"]): PrintJob {
  prunePrintJobs();
  const job: PrintJob = { id: crypto.randomUUID(), userId, state: "queued", done: 0, total };
  store.jobs.set(job.id, job);
  store.queue.push({ job, work, onDone });
  store.running ??= runQueue();
  return job;
}

/** Used by the job routes: the job `jobId` if `userId` started it (anyone else is told it does not exist). */
export function printJobOf(jobId: string, userId: number): PrintJob | null {
  prunePrintJobs();
  const job = store.jobs.get(jobId);
  return job && job.userId === userId ? job : null;
}

/** Used by GET /api/print/jobs/{jobId}: what the UI shows of a job. */
export function printJobView(job: PrintJob): PrintJobView {
  return {
    state: job.state,
    done: job.done,
    total: job.total,
    ...(job.message !== undefined ? { message: job.message } : {}),
    ...(job.result ? { pages: job.result.pages, bytes: job.result.pdf.byteLength } : {}),
  };
}

/** Used by tests: resolves when no job is waiting or running. */
export async function printJobsSettled(): Promise<void> {
  while (store.running) await store.running;
}

/** Used by tests: forgets every job. */
export function clearPrintJobs(): void {
  store.jobs.clear();
  store.queue.length = 0;
}
