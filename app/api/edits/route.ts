import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { guardRoute } from "@/app/_lib/guard";
import { ipFromHeaders } from "@/app/_lib/session";
import { refusedInput, submitEdit, type EditResult } from "@/app/_lib/submit-edit";

export const dynamic = "force-dynamic";

/** Largest body accepted: 100,000 positions as JSON text, with room for attributes. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const reply = (result: EditResult) => NextResponse.json(result, { status: result.ok ? 200 : result.status });

/**
 * POST /api/edits with a Change as JSON body → the same EditResult as the `applyEdit` server action, with its
 * status as the HTTP status: 200 written; 403, 404, 409 (with `current`), 413, 422 (malformed JSON, a wrong
 * shape, a broken geometry or code rule, an overlap) refused, nothing written. For tests and other clients.
 */
export async function POST(request: Request) {
  const guard = guardRoute(request, "read");
  if ("response" in guard) return guard.response;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return reply(refusedInput(413, "body", `the body is larger than ${MAX_BODY_BYTES} bytes`));
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return reply(refusedInput(413, "body", `the body is larger than ${MAX_BODY_BYTES} bytes`));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return reply(refusedInput(422, "body", "the body is not JSON"));
  }
  return reply(submitEdit(getDb(), body, guard.user, ipFromHeaders(request.headers)));
}
