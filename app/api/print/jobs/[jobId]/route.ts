import { NextResponse } from "next/server";
import { guardRoute } from "@/app/_lib/guard";
import { messageLocale } from "@/app/_lib/print-input";
import { printJobOf, printJobView } from "@/app/_lib/print-jobs";
import { printError } from "@/app/_lib/print-response";

export const dynamic = "force-dynamic";

/**
 * GET /api/print/jobs/{jobId} → `{ state: "queued" | "running" | "done" | "failed", done, total, message?,
 * pages?, bytes? }` of a batch print; 404 for a job that does not exist, has expired or was started by
 * someone else.
 */
export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const guard = guardRoute(request, "print");
  if ("response" in guard) return guard.response;
  const job = printJobOf((await params).jobId, guard.user.id);
  if (!job) return printError(404, "not_found", "job", messageLocale(request), "noJob");
  return NextResponse.json(printJobView(job), { headers: { "cache-control": "private, no-store" } });
}
