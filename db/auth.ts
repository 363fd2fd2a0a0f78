/**
 * Sign-in, sessions and accounts (issue #6; ADR 0009). Passwords are argon2id hashes (@node-rs/argon2).
 * A session is a random 256-bit token in an HttpOnly cookie; the database keeps only its SHA-256, with an
 * idle timeout (`lastSeenAt`) and an absolute one (`expiresAt`). Signing in makes a new session (a new id);
 * signing out, disabling the account or resetting its password ends its sessions. Five failed sign-ins for
 * one name from one address in 15 minutes (or 20 from one address) answer "throttled" without looking at the
 * password, and the answer never says whether the name exists.
 */
import { hash, verify } from "@node-rs/argon2";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { UserRole } from "@/lib/domain/types";
import { USER_ROLES } from "@/lib/domain/types";
import type { Db } from "./client";
import { appendAudit, countAudit } from "./audit";
import { sessions, users } from "./schema";

/** The signed-in person as every permission check needs them. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  sessionId: string;
}

/** Session lifetimes, from the environment (minutes idle, hours in all). */
export function sessionLimits(): { idleMs: number; absoluteMs: number } {
  const idle = Number(process.env.TESSERA_SESSION_IDLE_MINUTES) || 120;
  const absolute = Number(process.env.TESSERA_SESSION_MAX_HOURS) || 12;
  return { idleMs: idle * 60_000, absoluteMs: absolute * 3_600_000 };
}

/** Failed sign-ins allowed per name and address, and per address, within `THROTTLE_WINDOW_MS`. */
export const THROTTLE = { perUserAndIp: 5, perIp: 20, windowMs: 15 * 60_000 };

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 8;

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$O+4ou2595MSIK/XZUxBEUg$4qMEB9JBKFIsn+iaKC7M/mjdnt3C9Vklu2UGBURrOWI";

function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A refusal of an account change, with a rule key the UI and CLI translate. */
export class AccountRefused extends Error {
  constructor(readonly rule: "weak_password" | "username_taken" | "bad_username" | "bad_role" | "no_such_user" | "last_admin") {
    super(rule);
    this.name = "AccountRefused";
  }
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AccountRefused("weak_password");
}

/**
 * Used before an account write that must share a transaction with its audit row: checks the password's length
 * and hashes it (argon2id; asynchronous, so it is done first and the write stays synchronous).
 */
export async function hashPassword(password: string): Promise<string> {
  checkPassword(password);
  return hash(password);
}

/**
 * Used inside a transaction by the users page and the CLI: creates an account with a hash from `hashPassword`
 * (null: no sign-in until one is set). Refuses a bad name or role, or a name taken.
 */
export function insertUser(db: Db, input: { username: string; displayName?: string; role: UserRole; passwordHash: string | null }): number {
  const username = input.username.trim();
  if (!/^[\p{L}\p{N}._-]{2,64}$/u.test(username)) throw new AccountRefused("bad_username");
  if (!USER_ROLES.includes(input.role)) throw new AccountRefused("bad_role");
  if (db.select({ id: users.id }).from(users).where(eq(users.username, username)).get()) throw new AccountRefused("username_taken");
  const row = db
    .insert(users)
    .values({ username, displayName: input.displayName?.trim() || username, role: input.role, passwordHash: input.passwordHash })
    .returning({ id: users.id })
    .get();
  return row.id;
}

/** Used by first start and tests: hashes the password (if any) and creates the account. */
export async function createUser(
  db: Db,
  input: { username: string; displayName?: string; role: UserRole; password?: string | null },
): Promise<number> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return insertUser(db, { ...input, passwordHash });
}

/** Used inside a transaction by the users page and the CLI: stores a new hash and ends every session of the account. */
export function storePasswordHash(db: Db, userId: number, passwordHash: string): void {
  const done = db.update(users).set({ passwordHash }).where(eq(users.id, userId)).returning({ id: users.id }).get();
  if (!done) throw new AccountRefused("no_such_user");
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Used by tests: sets a new password and ends every session of the account. */
export async function setPassword(db: Db, userId: number, password: string): Promise<void> {
  storePasswordHash(db, userId, await hashPassword(password));
}

function refuseLastAdmin(db: Db, userId: number): void {
  const admins = db.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.disabled, false))).all();
  if (admins.length === 1 && admins[0].id === userId) throw new AccountRefused("last_admin");
}

/** Used by the CLI and the users page: disables (ending its sessions) or enables an account; the last admin stays. */
export function setDisabled(db: Db, userId: number, disabled: boolean): void {
  if (disabled) refuseLastAdmin(db, userId);
  const done = db.update(users).set({ disabled }).where(eq(users.id, userId)).returning({ id: users.id }).get();
  if (!done) throw new AccountRefused("no_such_user");
  if (disabled) db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Used by the users page: changes an account's role (its sessions end, so the new role applies at once). */
export function setRole(db: Db, userId: number, role: UserRole): void {
  if (!USER_ROLES.includes(role)) throw new AccountRefused("bad_role");
  if (role !== "admin") refuseLastAdmin(db, userId);
  const done = db.update(users).set({ role }).where(eq(users.id, userId)).returning({ id: users.id }).get();
  if (!done) throw new AccountRefused("no_such_user");
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Where a sign-in comes from, for the throttle and the audit. */
export interface SignInContext {
  ip: string | null;
  userAgent?: string | null;
}

export type SignInResult =
  | { ok: true; token: string; user: SessionUser; expiresAt: Date }
  | { ok: false; reason: "invalid" | "throttled" };

/** Used by the sign-in action: checks the throttle and the password, then opens a new session. */
export async function signIn(db: Db, username: string, password: string, context: SignInContext): Promise<SignInResult> {
  const name = username.trim();
  const since = new Date(Date.now() - THROTTLE.windowMs).toISOString();
  const ip = context.ip ?? "unknown";
  const failuresForName = countAudit(db, { action: "sign_in_failed", username: name, ip, from: since });
  const failuresFromIp = countAudit(db, { action: "sign_in_failed", ip, from: since });
  if (failuresForName >= THROTTLE.perUserAndIp || failuresFromIp >= THROTTLE.perIp) {
    appendAudit(db, { actor: null, username: name, action: "sign_in_throttled", outcome: "refused", ip });
    return { ok: false, reason: "throttled" };
  }
  const row = db.select().from(users).where(eq(users.username, name)).get();
  // verify against a dummy hash when there is no such account, so the time taken does not tell
  const matches = await verify(row?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  if (!row || !row.passwordHash || !matches || row.disabled) {
    appendAudit(db, {
      actor: null,
      username: name,
      action: "sign_in_failed",
      outcome: "failed",
      ip,
      detail: !row ? "no such user" : row.disabled ? "account disabled" : "wrong password",
    });
    return { ok: false, reason: "invalid" };
  }
  const token = randomBytes(32).toString("base64url");
  const { absoluteMs } = sessionLimits();
  const expiresAt = new Date(Date.now() + absoluteMs);
  const sessionId = sessionIdOf(token);
  db.insert(sessions)
    .values({ id: sessionId, userId: row.id, expiresAt: expiresAt.toISOString(), ip, userAgent: context.userAgent?.slice(0, 300) ?? null })
    .run();
  const user: SessionUser = { id: row.id, username: row.username, displayName: row.displayName, role: row.role, sessionId };
  appendAudit(db, { actor: user, action: "sign_in", ip });
  return { ok: true, token, user, expiresAt };
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Used on every request by `app/_lib/session.ts`: the person a session cookie belongs to, or null when the
 * token is unknown, idle too long, past its absolute lifetime, or its account is disabled. Expired sessions are
 * deleted; the idle clock is moved at most once a minute.
 */
export function validateSession(db: Db, token: string | null | undefined, now = Date.now()): SessionUser | null {
  if (!token || token.length > 100) return null;
  const sessionId = sessionIdOf(token);
  const row = db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
    .get();
  if (!row) return null;
  const { idleMs } = sessionLimits();
  const lastSeen = Date.parse(row.session.lastSeenAt);
  if (row.user.disabled || Date.parse(row.session.expiresAt) <= now || lastSeen + idleMs <= now) {
    db.delete(sessions).where(eq(sessions.id, sessionId)).run();
    return null;
  }
  if (now - lastSeen > TOUCH_EVERY_MS) {
    db.update(sessions).set({ lastSeenAt: new Date(now).toISOString() }).where(eq(sessions.id, sessionId)).run();
  }
  return { id: row.user.id, username: row.user.username, displayName: row.user.displayName, role: row.user.role, sessionId };
}

/** Used by sign-out: ends the session of `token` (and, by the way, every expired session). */
export function signOut(db: Db, token: string | null | undefined, context: SignInContext): void {
  if (!token) return;
  const user = validateSession(db, token);
  db.delete(sessions).where(eq(sessions.id, sessionIdOf(token))).run();
  db.delete(sessions).where(lt(sessions.expiresAt, new Date().toISOString())).run();
  if (user) appendAudit(db, { actor: user, action: "sign_out", ip: context.ip });
}

/**
 * Used by `npm start` (and the e2e setup): when there are no accounts, creates `admin` with
 * `TESSERA_ADMIN_PASSWORD` or a random password, which the caller prints once. Returns what it made, or null.
 */
export async function ensureFirstAdmin(db: Db, password = process.env.TESSERA_ADMIN_PASSWORD): Promise<{ username: string; password: string; generated: boolean } | null> {
  if (db.select({ id: users.id }).from(users).limit(1).get()) return null;
  const generated = !password;
  const chosen = password || randomBytes(12).toString("base64url");
  await createUser(db, { username: "admin", displayName: "Administrator", role: "admin", password: chosen });
  appendAudit(db, { actor: null, username: "admin", action: "user.create_first_admin", targetType: "user" });
  return { username: "admin", password: chosen, generated };
}

/** Used by tests and the users page: the accounts, without their hashes. */
export function listUsers(db: Db) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .orderBy(users.username)
    .all();
}

/** Used by the CLI: the account called `username`, or undefined. */
export function findUser(db: Db, username: string) {
  return db.select({ id: users.id, username: users.username, role: users.role, disabled: users.disabled }).from(users).where(eq(users.username, username.trim())).get();
}
