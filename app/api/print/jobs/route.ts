import { NextResponse } from "next/server";
import { getDb, writeTransaction } from "@/db/client";
import { authorize, loadAssignment, placeOf } from "@/db/access";
import { appendAudit } from "@/db/audit";
import { printBatch } from "@/db/print";
import { smallAreasOf } from "@/db/print-queries";
import { guardRoute } from "@/app/_lib/guard";
import { badParameter, messageLocale, positiveId, printDetail, printOptionsFromBody } from "@/app/_lib/print-input";
import { OPEN_JOBS_PER_USER, openPrintJobs, startPrintJob } from "@/app/_lib/print-jobs";
import { printError } from "@/app/_lib/print-response";
import { ipFromHeaders } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

/** Largest body accepted (a few short fields). */
const MAX_BODY_BYTES = 4 * 1024;

const SCOPES = ["district", "township"] as const;

function readBody(text: string): Record<string, unknown> | null {
  if (text.length > MAX_BODY_BYTES) return null;
  try {
    const body: unknown = JSON.parse(text);
    return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * POST /api/print/jobs with `{ scope: "district" | "township", id, paper?, orientation?, imagery?, locale? }` →
 * 202 `{ jobId, total }`: a batch of every small-area sheet of the district or township that the person may
 * print (cover and index first), made in the background; poll GET /api/print/jobs/{jobId}. 401 signed out;
 * 403 a foreign origin or a district/township outside the assignment (audited); 400 naming a bad parameter;
 * 404 when no small area there may be printed; 429 when the person already has 2 prints waiting or running.
 * One `print` audit row per small area is written when the batch is made.
 */
export async function POST(request: Request) {
  const body = readBody(await request.text());
  const scope = body && (SCOPES as readonly unknown[]).includes(body.scope) ? (body.scope as (typeof SCOPES)[number]) : null;
  const id = body ? positiveId(body.id) : null;
  const target = scope && id !== null ? { type: scope, id } : null;
  const guard = guardRoute(request, "print", target);
  if ("response" in guard) return guard.response;
  const lang = messageLocale(request, body?.locale);
  if (!body) return badParameter(lang, "body");
  if (!scope) return badParameter(lang, "scope");
  if (id === null || !target) return badParameter(lang, "id");
  const input = printOptionsFromBody(body, request);
  if (!input.ok) return badParameter(lang, input.place);
  const db = getDb();
  if (!placeOf(db, target)) return printError(404, "not_found", `${scope}/${id}`, lang, "notFound");
  const assignment = loadAssignment(db, guard.user.id);
  const ids = smallAreasOf(db, target).filter((areaId) => authorize(db, guard.user, "print", { type: "small_area", id: areaId }, assignment));
  if (ids.length === 0) return printError(404, "nothing_to_print", `${scope}/${id}`, lang, "nothing");
  if (openPrintJobs(guard.user.id) >= OPEN_JOBS_PER_USER) return printError(429, "busy", "jobs", lang, "busy");

  const { user } = guard;
  const { options } = input;
  const ip = ipFromHeaders(request.headers);
  const job = startPrintJob(
    user.id,
    ids.length,
    (progress) => printBatch(db, target, ids, options, progress),
    (result) =>
      writeTransaction(db, () => {
        for (const areaId of result.smallAreaIds) {
          appendAudit(db, { actor: user, action: "print", targetType: "small_area", targetId: areaId, outcome: "ok", detail: printDetail(options), ip });
        }
      }),
  );
  return NextResponse.json({ jobId: job.id, total: job.total }, { status: 202, headers: { "cache-control": "private, no-store" } });
}
