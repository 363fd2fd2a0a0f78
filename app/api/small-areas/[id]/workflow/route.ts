import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import type { WorkflowRefused, WorkflowResult } from "@/db/workflow";
import { guardRoute } from "@/app/_lib/guard";
import { ipFromHeaders } from "@/app/_lib/session";
import { readWorkflow, refusedWorkflowInput, runFlag, runTransition, type WorkflowView } from "@/app/_lib/workflow-input";

export const dynamic = "force-dynamic";

/** Largest body accepted (a comment is at most 1,000 characters). */
const MAX_BODY_BYTES = 16 * 1024;

const reply = (result: WorkflowResult | WorkflowView | WorkflowRefused) =>
  NextResponse.json(result, { status: result.ok ? 200 : result.status, headers: { "cache-control": "private, no-store" } });

function smallAreaId(id: string): number | null {
  return /^\d{1,15}$/.test(id) && Number(id) > 0 ? Number(id) : null;
}

/**
 * GET /api/small-areas/{id}/workflow → `{ ok, status, version, badImagery, allowed, canFlag, history }` of one
 * small area (history newest first, with who and when); 401 not signed in, 404 missing, 422 a bad id.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const guard = guardRoute(request, "read");
  if ("response" in guard) return guard.response;
  const id = smallAreaId((await params).id);
  if (id === null) return reply(refusedWorkflowInput("id", "the small-area id must be a positive integer"));
  return reply(readWorkflow(getDb(), guard.user, id));
}

/**
 * POST /api/small-areas/{id}/workflow with `{ action, baseVersion, comment?, at? }` (action submit, approve,
 * return, confirm or release; `at` = [lon, lat]) or `{ action: "flag_imagery", flagged, baseVersion, comment? }`
 * → the same result as the `changeSmallAreaState` / `flagBadImagery` server actions, with its status as the
 * HTTP status: 200 `{ ok, smallArea }`; 401, 403 (audited), 404, 409 `stale_version` with `current`, 422
 * naming the rule and the place (malformed JSON, a wrong shape, a step that does not apply, a missing comment).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const guard = guardRoute(request, "read");
  if ("response" in guard) return guard.response;
  const id = smallAreaId((await params).id);
  if (id === null) return reply(refusedWorkflowInput("id", "the small-area id must be a positive integer"));
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return reply(refusedWorkflowInput("body", `the body is larger than ${MAX_BODY_BYTES} bytes`));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return reply(refusedWorkflowInput("body", "the body is not JSON"));
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return reply(refusedWorkflowInput("body", "the body must be a JSON object"));
  const ip = ipFromHeaders(request.headers);
  const { action, ...rest } = body as Record<string, unknown>;
  if (action === "flag_imagery") return reply(runFlag(getDb(), guard.user, { ...rest, smallAreaId: id }, ip));
  return reply(runTransition(getDb(), guard.user, { ...rest, action, smallAreaId: id }, ip));
}
