import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { listAudit } from "@/db/audit";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { getDb } from "@/db/client";
import { E, findEntities, N, setUpEditTownshipDatabase, W } from "@/db/edit-test-fixture";
import { clearPrintJobs, printJobsSettled } from "@/app/_lib/print-jobs";
import { printBatch, printDistrict, printSmallArea } from "@/db/print";
import { GET as getDistrictSheet } from "./districts/[id]/route";
import { GET as getJobPdf } from "./jobs/[jobId]/pdf/route";
import { GET as getJob } from "./jobs/[jobId]/route";
import { POST as postJob } from "./jobs/route";
import { GET as getAreaSheet } from "./small-areas/[id]/route";

// the PDF pipeline has its own tests: here a stand-in says what it was asked, and a batch moves one sheet per
// `release()` so that the test sees the progress
const batch = vi.hoisted(() => ({ gated: false, waiting: [] as Array<() => void>, fail: null as string | null }));
const release = async () => {
  await vi.waitFor(() => expect(batch.waiting.length).toBeGreaterThan(0));
  batch.waiting.shift()!();
  await new Promise((r) => setTimeout(r, 0));
};
vi.mock("@/db/print", () => {
  const pdf = (pages: number) => new TextEncoder().encode(`%PDF-1.7 fake, ${pages} pages`);
  return {
    printSmallArea: vi.fn(async (_db: unknown, id: number) => ({ pdf: pdf(1), fileName: `普查小区图-${id}.pdf`, pages: 1, smallAreaIds: [id] })),
    printDistrict: vi.fn(async (_db: unknown, id: number) => ({ pdf: pdf(1), fileName: `district-${id}.pdf`, pages: 1, smallAreaIds: [] })),
    printBatch: vi.fn(async (_db: unknown, scope: { type: string; id: number }, ids: number[], _options: unknown, onProgress?: (done: number, total: number) => void) => {
      for (let i = 0; i < ids.length; i++) {
        if (batch.gated) await new Promise<void>((resolve) => batch.waiting.push(resolve));
        if (batch.fail) throw new Error(`${batch.fail}\n    at renderPdf (/srv/tessera/lib/print/render-pdf.ts:10:5)`);
        onProgress?.(i + 1, ids.length);
      }
      return { pdf: pdf(2 + ids.length), fileName: `${scope.type}-${scope.id}.pdf`, pages: 2 + ids.length, smallAreaIds: ids };
    }),
  };
});

setUpEditTownshipDatabase("print-routes");

let ids: { w1: number; w2: number; e1: number; W: number; E: number; N: number; township: number };
let enumerator: TestSession, guide: TestSession, office: TestSession, admin: TestSession, auditor: TestSession;
beforeAll(async () => {
  const db = getDb();
  const { smallArea, district } = findEntities(db);
  ids = {
    w1: smallArea(W, "001").id, w2: smallArea(W, "002").id, e1: smallArea(E, "001").id,
    W: district(W).id, E: district(E).id, N: district(N).id, township: district(W).townshipId,
  };
  [enumerator, guide, office, admin, auditor] = await Promise.all([
    signedInAs(db, "enumerator", { smallAreaIds: [ids.w1] }),
    signedInAs(db, "guide", { districtCodes: [W] }),
    signedInAs(db, "office", { townshipIds: [ids.township] }),
    signedInAs(db, "admin"),
    signedInAs(db, "auditor"),
  ]);
});

afterEach(async () => {
  batch.gated = false;
  batch.fail = null;
  while (batch.waiting.length) batch.waiting.shift()!();
  await printJobsSettled();
  clearPrintJobs();
  vi.clearAllMocks();
});

const HOST = "http://localhost";
const headers = (who: TestSession | null, extra: Record<string, string> = {}) => ({ ...(who ? { cookie: who.cookie } : {}), "x-forwarded-for": "10.1.2.3", ...extra });
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const areaSheet = (id: number | string, who: TestSession | null, query = "", extra: Record<string, string> = {}) =>
  getAreaSheet(new Request(`${HOST}/api/print/small-areas/${id}${query}`, { headers: headers(who, extra) }), params({ id: String(id) }));
const districtSheet = (id: number | string, who: TestSession | null, query = "") =>
  getDistrictSheet(new Request(`${HOST}/api/print/districts/${id}${query}`, { headers: headers(who) }), params({ id: String(id) }));
const startJob = (who: TestSession | null, body: unknown, origin = HOST) =>
  postJob(new Request(`${HOST}/api/print/jobs`, { method: "POST", headers: headers(who, { host: "localhost", origin, "content-type": "application/json" }), body: typeof body === "string" ? body : JSON.stringify(body) }));
const job = async (jobId: string, who: TestSession | null) => getJob(new Request(`${HOST}/api/print/jobs/${jobId}`, { headers: headers(who) }), params({ jobId }));
const jobPdf = async (jobId: string, who: TestSession | null) => getJobPdf(new Request(`${HOST}/api/print/jobs/${jobId}/pdf`, { headers: headers(who) }), params({ jobId }));
const printRows = (who: TestSession, targetType = "small_area") => listAudit(getDb(), { userId: who.user.id, action: "print" }).filter((r) => r.targetType === targetType);
const today = () => new Date().toISOString().slice(0, 10);

describe("GET /api/print/small-areas/{id} and /api/print/districts/{id}", () => {
  it("answer 401 to nobody signed in, and 403 (audited) to a role that never prints", async () => {
    expect((await areaSheet(ids.w1, null)).status).toBe(401);
    expect((await districtSheet(ids.W, null)).status).toBe(401);
    expect((await areaSheet(ids.w1, auditor)).status).toBe(403);
    expect(listAudit(getDb(), { userId: auditor.user.id, action: "forbidden" })[0]).toMatchObject({ targetType: "small_area", targetId: String(ids.w1), detail: "print" });
    expect(printSmallArea).not.toHaveBeenCalled();
  });

  it("give an enumerator the sheet of their own small area as a private PDF download, audited once", async () => {
    const response = await areaSheet(ids.w1, enumerator);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toContain(`attachment; filename="_____-${ids.w1}.pdf"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`普查小区图-${ids.w1}`)}.pdf`);
    expect(new TextDecoder().decode(await response.arrayBuffer())).toMatch(/^%PDF/);
    expect(printSmallArea).toHaveBeenCalledWith(expect.anything(), ids.w1, { paper: "A4", orientation: "portrait", imagery: false, locale: "zh", printedAt: today() });
    expect(printRows(enumerator)).toEqual([
      expect.objectContaining({ action: "print", targetType: "small_area", targetId: String(ids.w1), outcome: "ok", detail: "A4 portrait", ip: "10.1.2.3", role: "enumerator" }),
    ]);
  });

  it("refuse an enumerator another small area and its district (403, audited, nothing printed)", async () => {
    expect((await areaSheet(ids.w2, enumerator)).status).toBe(403);
    expect((await areaSheet(ids.e1, enumerator)).status).toBe(403);
    expect((await districtSheet(ids.W, enumerator)).status).toBe(403);
    expect(listAudit(getDb(), { userId: enumerator.user.id, action: "forbidden" }).length).toBeGreaterThanOrEqual(3);
    expect(printSmallArea).not.toHaveBeenCalled();
    expect(printDistrict).not.toHaveBeenCalled();
  });

  it("give a guide the district sheet inside, 403 outside; audited with the district as target", async () => {
    const response = await districtSheet(ids.W, guide, "?paper=A3&orientation=landscape&imagery=1&locale=en");
    expect(response.status).toBe(200);
    expect(printDistrict).toHaveBeenCalledWith(expect.anything(), ids.W, { paper: "A3", orientation: "landscape", imagery: true, locale: "en", printedAt: today() });
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="district-${ids.W}.pdf"; filename*=UTF-8''district-${ids.W}.pdf`);
    expect(printRows(guide, "district")).toEqual([expect.objectContaining({ targetId: String(ids.W), detail: "A3 landscape" })]);
    expect((await districtSheet(ids.E, guide)).status).toBe(403);
    expect((await areaSheet(ids.e1, guide)).status).toBe(403);
  });

  it("answer 400 naming a bad parameter, in the language asked for or the request's", async () => {
    const cases: Array<[string, string, RegExp]> = [
      ["?paper=A5", "paper", /^参数 paper 无效/],
      ["?orientation=sideways", "orientation", /^参数 orientation 无效/],
      ["?imagery=yes", "imagery", /^参数 imagery 无效/],
      ["?locale=fr", "locale", /^参数 locale 无效/],
      ["?paper=a4&locale=en", "paper", /^Bad parameter paper/],
    ];
    for (const [query, place, message] of cases) {
      const response = await areaSheet(ids.w1, enumerator, query);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toEqual({ error: { rule: "bad_parameter", place, message: expect.stringMatching(message) } });
    }
    const english = await areaSheet(ids.w1, enumerator, "?paper=B5", { "accept-language": "en-GB,en;q=0.9" });
    expect((await english.json()).error.message).toMatch(/^Bad parameter paper/);
    const fromPage = await areaSheet(ids.w1, enumerator, "?imagery=2", { referer: `${HOST}/en/guide?area=${ids.w1}` });
    expect((await fromPage.json()).error.message).toMatch(/^Bad parameter imagery/);
    const badId = await areaSheet("abc", enumerator);
    expect(badId.status).toBe(400);
    expect((await badId.json()).error.place).toBe("id");
    expect(printSmallArea).not.toHaveBeenCalled();
    expect(printRows(enumerator)).toHaveLength(1);
  });

  it("answer 403 for an unknown id to those who may print inside only, 404 to an admin; 500 in words when the pipeline fails, unaudited", async () => {
    expect((await areaSheet(987654, guide)).status).toBe(403);
    const missing = await areaSheet(987654, admin);
    expect(missing.status).toBe(404);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.mocked(printSmallArea).mockRejectedValueOnce(new Error("Chromium not found: install the chromium package\n    at findChromium (x.js:1:1)"));
    const failed = await areaSheet(ids.w2, admin);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: { rule: "print_failed", place: `small_area/${ids.w2}`, message: "生成 PDF 失败：Chromium not found: install the chromium package" } });
    expect(printRows(admin)).toEqual([]);
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});

describe("batch print jobs", () => {
  it("need a session and a same-origin request, and a district or township inside the assignment", async () => {
    expect((await startJob(null, { scope: "district", id: ids.W })).status).toBe(401);
    expect((await startJob(guide, { scope: "district", id: ids.W }, "https://evil.example")).status).toBe(403);
    expect((await startJob(guide, { scope: "district", id: ids.E })).status).toBe(403);
    expect((await startJob(guide, { scope: "township", id: ids.township })).status).toBe(403);
    expect((await startJob(enumerator, { scope: "district", id: ids.W })).status).toBe(403);
    expect((await startJob(auditor, { scope: "district", id: ids.W })).status).toBe(403);
    expect(printBatch).not.toHaveBeenCalled();
    expect((await job("nope", null)).status).toBe(401);
    expect((await jobPdf("nope", null)).status).toBe(401);
  });

  it("answer 400 naming the parameter, and 404 when nothing there may be printed", async () => {
    const cases: Array<[unknown, string]> = [
      ["{nope", "body"],
      [[1, 2], "body"],
      [{ scope: "county", id: ids.W }, "scope"],
      [{ scope: "district", id: "W" }, "id"],
      [{ scope: "district", id: ids.W, paper: "A0" }, "paper"],
      [{ scope: "district", id: ids.W, orientation: 1 }, "orientation"],
      [{ scope: "district", id: ids.W, imagery: "maybe" }, "imagery"],
      [{ scope: "district", id: ids.W, locale: "de" }, "locale"],
    ];
    for (const [body, place] of cases) {
      const response = await startJob(guide, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error, JSON.stringify(body)).toMatchObject({ rule: "bad_parameter", place });
    }
    const english = await startJob(guide, { scope: "district", id: ids.W, paper: "A0", locale: "en" });
    expect((await english.json()).error.message).toMatch(/^Bad parameter paper/);
    // district N has no small area yet
    const empty = await startJob(admin, { scope: "district", id: ids.N });
    expect(empty.status).toBe(404);
    expect((await empty.json()).error).toMatchObject({ rule: "nothing_to_print", message: "该范围内没有您可以打印的普查小区。" });
    expect(printBatch).not.toHaveBeenCalled();
  });

  it("let a guide print their district: 202, progress that moves, the PDF only for them, one audit row per small area when done", async () => {
    batch.gated = true;
    const started = await startJob(guide, { scope: "district", id: ids.W, paper: "A3", locale: "en" });
    expect(started.status).toBe(202);
    const { jobId, total } = (await started.json()) as { jobId: string; total: number };
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(total).toBe(2);
    expect(printBatch).toHaveBeenCalledWith(expect.anything(), { type: "district", id: ids.W }, [ids.w1, ids.w2], expect.objectContaining({ paper: "A3", locale: "en" }), expect.any(Function));

    expect(await (await job(jobId, guide)).json()).toEqual({ state: "running", done: 0, total: 2 });
    expect((await jobPdf(jobId, guide)).status).toBe(409);
    await release();
    expect(await (await job(jobId, guide)).json()).toEqual({ state: "running", done: 1, total: 2 });
    expect(printRows(guide)).toEqual([]);
    // someone else cannot see or fetch it, even one who may print the same district
    const otherGuide = await signedInAs(getDb(), "guide", { districtCodes: [W] });
    expect((await job(jobId, otherGuide)).status).toBe(404);
    expect((await jobPdf(jobId, otherGuide)).status).toBe(404);
    expect((await job(jobId, admin)).status).toBe(404);
    await release();
    await printJobsSettled();

    expect(await (await job(jobId, guide)).json()).toEqual({ state: "done", done: 2, total: 2, pages: 4, bytes: expect.any(Number) });
    const pdf = await jobPdf(jobId, guide);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain(`filename="district-${ids.W}.pdf"`);
    expect(new TextDecoder().decode(await pdf.arrayBuffer())).toMatch(/^%PDF/);
    expect((await jobPdf(jobId, otherGuide)).status).toBe(404);
    const rows = printRows(guide);
    expect(rows.map((r) => r.targetId).sort()).toEqual([String(ids.w1), String(ids.w2)].sort());
    expect(rows.every((r) => r.targetType === "small_area" && r.detail === "A3 portrait" && r.outcome === "ok" && r.ip === "10.1.2.3")).toBe(true);
  });

  it("print a township for its office, one batch at a time: the second waits in line", async () => {
    batch.gated = true;
    const first = (await (await startJob(office, { scope: "township", id: ids.township })).json()) as { jobId: string; total: number };
    expect(first.total).toBe(3);
    const second = (await (await startJob(admin, { scope: "district", id: ids.E })).json()) as { jobId: string; total: number };
    expect(await (await job(second.jobId, admin)).json()).toEqual({ state: "queued", done: 0, total: 1 });
    // two open prints per person at most
    await startJob(office, { scope: "district", id: ids.W });
    const third = await startJob(office, { scope: "district", id: ids.E });
    expect(third.status).toBe(429);
    for (let i = 0; i < 3; i++) await release();
    await vi.waitFor(async () => expect((await (await job(first.jobId, office)).json()).state).toBe("done"));
    expect((await (await job(second.jobId, admin)).json()).state).toBe("running");
    await release();
    await vi.waitFor(async () => expect((await (await job(second.jobId, admin)).json()).state).toBe("done"));
    expect(printRows(office).map((r) => Number(r.targetId)).sort((a, b) => a - b)).toEqual([ids.w1, ids.w2, ids.e1].sort((a, b) => a - b));
    expect(printRows(admin).map((r) => Number(r.targetId))).toEqual([ids.e1]);
  });

  it("reports a failed batch with a message in words (no stack), writes no audit row, and serves no PDF", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const before = printRows(admin).length;
    batch.fail = "Chromium crashed while printing";
    const { jobId } = (await (await startJob(admin, { scope: "district", id: ids.W })).json()) as { jobId: string };
    await printJobsSettled();
    const view = await (await job(jobId, admin)).json();
    expect(view).toEqual({ state: "failed", done: 0, total: 2, message: "Chromium crashed while printing" });
    const pdf = await jobPdf(jobId, admin);
    expect(pdf.status).toBe(409);
    expect((await pdf.json()).error).toMatchObject({ rule: "job_failed", message: "打印任务失败：Chromium crashed while printing" });
    expect(printRows(admin).length).toBe(before);
    log.mockRestore();
  });
});
