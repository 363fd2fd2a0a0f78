"use server";

/**
 * Server actions of the assign page (issue #6): give districts to mappers and guides, small areas to
 * enumerators, townships to township offices, and take them away. Each starts with `guardAction("assign")`,
 * checks its input with zod (422 naming the place) and leaves the rules and the audit to `db/assignments.ts`
 * (person of the wrong role 422, missing record 404, record outside the actor's scope 403). The page re-reads
 * its tables afterwards (`router.refresh()`).
 */
import { z } from "zod";
import { AssignRefused, assignDistricts, assignSmallAreas, assignTownships, findAssignmentIds, MAX_ASSIGN_IDS, unassign } from "@/db/assignments";
import { getDb } from "@/db/client";
import type { SessionUser } from "@/db/auth";
import { formatPlace } from "@/app/_lib/change-schema";
import { guardAction, type Refused } from "@/app/_lib/guard";
import { requestIp } from "@/app/_lib/session";

/** The answer of every action here: what changed, or the refusal naming the rule and the place. */
export type AssignActionResult =
  | { ok: true; added: number; unchanged: number; removed: number }
  | Refused
  | { ok: false; status: 403 | 404 | 422; reason: AssignRefused["reason"]; place: string; message: string };

const id = z.number({ error: "an id is a whole number" }).int("an id is a whole number").positive("an id is positive");
const ids = z.array(id).min(1, "choose at least one").max(MAX_ASSIGN_IDS, `at most ${MAX_ASSIGN_IDS} at a time`);

const districtsInput = z.object({ userId: id, districtIds: ids, role: z.enum(["mapper", "guide"], { error: "districts go to a mapper or a guide" }) });
const removeDistrictsInput = z.object({ userId: id, districtIds: ids });
const smallAreasInput = z.object({ userId: id, smallAreaIds: ids });
const townshipsInput = z.object({ userId: id, townshipIds: ids });
const unassignInput = z.object({ assignmentIds: ids });

/** Checks the input, the session and the permission, then runs `work`; an `AssignRefused` becomes the refusal. */
async function run<T>(schema: z.ZodType<T>, input: unknown, work: (user: SessionUser, data: T, ip: string | null) => Omit<Extract<AssignActionResult, { ok: true }>, "ok">): Promise<AssignActionResult> {
  const guard = await guardAction("assign");
  if (!guard.ok) return guard;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { ok: false, status: 422, reason: "invalid", place: issue.path.length ? formatPlace(issue.path) : "input", message: issue.message };
  }
  try {
    return { ok: true, ...work(guard.user, parsed.data, await requestIp()) };
  } catch (error) {
    if (error instanceof AssignRefused) return { ok: false, status: error.status, reason: error.reason, place: error.place, message: error.message };
    throw error;
  }
}

const none = { added: 0, unchanged: 0, removed: 0 };

/** Gives districts to a mapper or a guide (`{userId, districtIds, role}`). */
export async function assignDistrictsAction(input: unknown): Promise<AssignActionResult> {
  return run(districtsInput, input, (user, data, ip) => ({ ...none, ...assignDistricts(getDb(), user, data, { ip }) }));
}

/** Takes districts away from a person (`{userId, districtIds}`); districts the person does not have are ignored. */
export async function removeDistrictsAction(input: unknown): Promise<AssignActionResult> {
  return run(removeDistrictsInput, input, (user, data, ip) => removeFound(user, findAssignmentIds(getDb(), data), ip));
}

/** Gives small areas to an enumerator (`{userId, smallAreaIds}`). */
export async function assignSmallAreasAction(input: unknown): Promise<AssignActionResult> {
  return run(smallAreasInput, input, (user, data, ip) => ({ ...none, ...assignSmallAreas(getDb(), user, data, { ip }) }));
}

/** Takes small areas away from an enumerator (`{userId, smallAreaIds}`). */
export async function removeSmallAreasAction(input: unknown): Promise<AssignActionResult> {
  return run(smallAreasInput, input, (user, data, ip) => removeFound(user, findAssignmentIds(getDb(), data), ip));
}

/** Makes an office account the office of townships (`{userId, townshipIds}`). */
export async function assignTownshipsAction(input: unknown): Promise<AssignActionResult> {
  return run(townshipsInput, input, (user, data, ip) => ({ ...none, ...assignTownships(getDb(), user, data, { ip }) }));
}

/** Takes townships away from an office account (`{userId, townshipIds}`). */
export async function removeTownshipsAction(input: unknown): Promise<AssignActionResult> {
  return run(townshipsInput, input, (user, data, ip) => removeFound(user, findAssignmentIds(getDb(), data), ip));
}

/** Removes assignments by id (`{assignmentIds}`): the × beside a name. */
export async function unassignAction(input: unknown): Promise<AssignActionResult> {
  return run(unassignInput, input, (user, data, ip) => ({ ...none, ...unassign(getDb(), user, data.assignmentIds, { ip }) }));
}

function removeFound(user: SessionUser, assignmentIds: number[], ip: string | null) {
  if (!assignmentIds.length) return none;
  return { ...none, ...unassign(getDb(), user, assignmentIds, { ip }) };
}
