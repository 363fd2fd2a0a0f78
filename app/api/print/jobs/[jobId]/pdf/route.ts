import { guardRoute } from "@/app/_lib/guard";
import { errorResponse } from "@/app/_lib/http";
import { messageLocale } from "@/app/_lib/print-input";
import { printJobOf } from "@/app/_lib/print-jobs";
import { pdfResponse, printError } from "@/app/_lib/print-response";
import { MESSAGES } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

/**
 * GET /api/print/jobs/{jobId}/pdf → the batch's PDF as an attachment once the job is done; 409 while it is
 * waiting or running, or when it failed (with its message); 404 for a job that does not exist, has expired or
 * was started by someone else.
 */
export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const guard = guardRoute(request, "print");
  if ("response" in guard) return guard.response;
  const lang = messageLocale(request);
  const job = printJobOf((await params).jobId, guard.user.id);
  if (!job) return printError(404, "not_found", "job", lang, "noJob");
  if (job.state === "failed") return errorResponse(409, "job_failed", "job", MESSAGES[lang].print.server.jobFailed.replace("{message}", job.message ?? ""));
  if (job.state !== "done" || !job.result) return printError(409, "not_done", "job", lang, "notDone");
  return pdfResponse(job.result.pdf, job.result.fileName);
}
