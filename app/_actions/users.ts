"use server";

/**
 * Server actions of the users page (issue #6): add an account, reset its password, disable or enable it,
 * change its role. Each starts with `guardAction("manage_users")`, checks its input with zod, leaves the
 * account rules to db/auth.ts (refusals come back as `AccountRefused` rules the page translates) and is
 * audited with the target account's id: `user.create`, `user.reset_password`, `user.disable`, `user.enable`,
 * `user.role` — refusals too, with outcome `refused` and the rule. A password never reaches the audit.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, writeTransaction } from "@/db/client";
import { appendAudit } from "@/db/audit";
import { AccountRefused, hashPassword, insertUser, setDisabled, setRole, storePasswordHash, type SessionUser } from "@/db/auth";
import { users } from "@/db/schema";
import type { UserRole } from "@/lib/domain/types";
import { guardAction, type Refused } from "@/app/_lib/guard";
import { requestIp } from "@/app/_lib/session";

/** Why an account change was refused, beyond the guard's 401/403. */
export type AccountRule = AccountRefused["rule"] | "invalid";

/** The answer of every action here: done (with the account's id), or refused naming the rule and the place. */
export type UserActionResult =
  | { ok: true; userId: number }
  | Refused
  | { ok: false; status: 404 | 409 | 422; reason: AccountRule; place: string; message: string };

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const userId = z.number({ error: "an account id (a whole number)" }).int("an account id (a whole number)").positive("an account id (a whole number)");

const addInput = z.object({ username: text(64), displayName: text(100).optional().nullable(), role: text(20), password: text(200) });
const resetInput = z.object({ userId, password: text(200) });
const disabledInput = z.object({ userId, disabled: z.boolean({ error: "true or false" }) });
const roleInput = z.object({ userId, role: text(20) });

const STATUS: Record<AccountRefused["rule"], 404 | 409 | 422> = {
  weak_password: 422,
  bad_username: 422,
  bad_role: 422,
  username_taken: 409,
  last_admin: 409,
  no_such_user: 404,
};
const PLACE: Record<AccountRefused["rule"], string> = {
  weak_password: "password",
  bad_username: "username",
  bad_role: "role",
  username_taken: "username",
  last_admin: "userId",
  no_such_user: "userId",
};
const MESSAGE: Record<AccountRefused["rule"], string> = {
  weak_password: "the password is too short",
  bad_username: "a user name is 2–64 letters, digits, dots, hyphens or underscores",
  bad_role: "no such role",
  username_taken: "that user name is taken",
  last_admin: "the last enabled admin must stay an enabled admin",
  no_such_user: "no such account",
};

function invalid(error: z.ZodError): UserActionResult {
  const [issue] = error.issues;
  return { ok: false, status: 422, reason: "invalid", place: issue.path.join(".") || "input", message: issue.message };
}

function refusal(rule: AccountRefused["rule"]): UserActionResult {
  return { ok: false, status: STATUS[rule], reason: rule, place: PLACE[rule], message: MESSAGE[rule] };
}

function nameOf(id: number): string | null {
  return getDb().select({ username: users.username }).from(users).where(eq(users.id, id)).get()?.username ?? null;
}

type Audit = (targetId: number, detail: string | null) => void;

/**
 * Runs one account change for the signed-in admin: `work` makes it and calls `audit` (inside its transaction
 * where the change is synchronous); an `AccountRefused` becomes a refusal, audited as refused with its rule.
 */
async function change(action: string, actor: SessionUser, targetId: number | null, work: (audit: Audit) => Promise<number>): Promise<UserActionResult> {
  const db = getDb();
  const ip = await requestIp();
  const audit: Audit = (id, detail) => appendAudit(db, { actor, action, targetType: "user", targetId: id, detail, ip });
  try {
    return { ok: true, userId: await work(audit) };
  } catch (error) {
    if (!(error instanceof AccountRefused)) throw error;
    appendAudit(db, { actor, action, outcome: "refused", targetType: "user", targetId, detail: error.rule, ip });
    return refusal(error.rule);
  }
}

/** Adds an account with a role and an initial password (at least 8 characters). */
export async function addUser(input: unknown): Promise<UserActionResult> {
  const guard = await guardAction("manage_users");
  if (!guard.ok) return guard;
  const parsed = addInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { username, displayName, role, password } = parsed.data;
  return change("user.create", guard.user, null, async (audit) => {
    // createUser takes a missing password as "no sign-in yet"; here one is required
    if (!password) throw new AccountRefused("weak_password");
    const passwordHash = await hashPassword(password);
    return writeTransaction(getDb(), () => {
      const id = insertUser(getDb(), { username, displayName: displayName ?? undefined, role: role as UserRole, passwordHash });
      audit(id, `${username.trim()} (${role})`);
      return id;
    });
  });
}

/** Sets a new password for an account; its sessions end. */
export async function resetUserPassword(input: unknown): Promise<UserActionResult> {
  const guard = await guardAction("manage_users");
  if (!guard.ok) return guard;
  const parsed = resetInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { userId: id, password } = parsed.data;
  return change("user.reset_password", guard.user, id, async (audit) => {
    const passwordHash = await hashPassword(password);
    return writeTransaction(getDb(), () => {
      storePasswordHash(getDb(), id, passwordHash);
      audit(id, nameOf(id));
      return id;
    });
  });
}

/** Disables an account (its sessions end at once) or enables it again; the last enabled admin stays. */
export async function setUserDisabled(input: unknown): Promise<UserActionResult> {
  const guard = await guardAction("manage_users");
  if (!guard.ok) return guard;
  const parsed = disabledInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { userId: id, disabled } = parsed.data;
  const db = getDb();
  return change(disabled ? "user.disable" : "user.enable", guard.user, id, async (audit) =>
    writeTransaction(db, () => {
      setDisabled(db, id, disabled);
      audit(id, nameOf(id));
      return id;
    }),
  );
}

/** Changes an account's role (its sessions end, so the new role applies at once); the last admin stays. */
export async function changeUserRole(input: unknown): Promise<UserActionResult> {
  const guard = await guardAction("manage_users");
  if (!guard.ok) return guard;
  const parsed = roleInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { userId: id, role } = parsed.data;
  const db = getDb();
  return change("user.role", guard.user, id, async (audit) =>
    writeTransaction(db, () => {
      const before = db.select({ role: users.role }).from(users).where(eq(users.id, id)).get();
      setRole(db, id, role as UserRole);
      audit(id, `${nameOf(id)}: ${before?.role} → ${role}`);
      return id;
    }),
  );
}
