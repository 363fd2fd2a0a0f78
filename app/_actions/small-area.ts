"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { updateSmallAreaAttributes, WriteRefused } from "@/db/mutations";
import type { RefusalReason } from "@/lib/edits/refusals";

const attributesSchema = z.object({
  id: z.number().int().positive(),
  version: z.number().int().positive(),
  name: z.string().trim().max(100).nullable().transform((s) => (s ? s : null)),
  notes: z.string().trim().max(2000).nullable().transform((s) => (s ? s : null)),
});

/** What a save returns: the new version, or the rule broken, the place, and the stored row on a conflict. */
export type SaveResult =
  | { ok: true; version: number }
  | { ok: false; status: number; reason: RefusalReason; place: string; current?: unknown };

/**
 * Server action of the side panel: saves a small area's name and notes, checking the version on the server.
 * (Permission per record arrives with sign-in and roles, issue #6.)
 */
export async function saveSmallAreaAttributes(input: unknown): Promise<SaveResult> {
  const parsed = attributesSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, status: 422, reason: "invalid", place: issue.path.join(".") || "input" };
  }
  try {
    return { ok: true, ...updateSmallAreaAttributes(getDb(), parsed.data, null) };
  } catch (error) {
    if (error instanceof WriteRefused) return { ok: false, status: error.status, reason: error.reason, place: error.place, current: error.current };
    throw error;
  }
}
