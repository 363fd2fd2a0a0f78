import { NextResponse } from "next/server";

/** A JSON error the UI can translate: a rule key and the place it was broken. */
export function errorResponse(status: number, rule: string, place: string, message: string): NextResponse {
  return NextResponse.json({ error: { rule, place, message } }, { status });
}
