import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { signIn, validateSession } from "@/db/auth";
import { signedInAs, type TestSession } from "@/db/auth-test-fixture";
import { setUpEditTownshipDatabase } from "@/db/edit-test-fixture";
import { auditLog, users } from "@/db/schema";
import { setTestSession } from "@/app/_lib/test-headers";
import { addUser, changeUserRole, resetUserPassword, setUserDisabled } from "./users";

vi.mock("next/headers", () => import("@/app/_lib/test-headers"));
setUpEditTownshipDatabase("users");

let admin: TestSession;
beforeAll(async () => {
  admin = await signedInAs(getDb(), "admin", {}, "chief");
});

const asAdmin = () => setTestSession(admin.token, "10.0.0.7");
const lastAudit = () => getDb().select().from(auditLog).orderBy(auditLog.id).all().at(-1)!;
const account = (username: string) => getDb().select().from(users).where(eq(users.username, username)).get();
const canSignIn = async (username: string, password: string) => (await signIn(getDb(), username, password, { ip: "10.9.9.9" })).ok;
const PASSWORDS = ["first-password-1", "second-password-2", "short12"];

describe("users actions", () => {
  it("adds an account that can sign in, audited as user.create with its id and without the password", async () => {
    asAdmin();
    const result = await addUser({ username: " wang.fang ", displayName: "王芳", role: "mapper", password: PASSWORDS[0] });
    expect(result).toEqual({ ok: true, userId: expect.any(Number) });
    const row = account("wang.fang")!;
    expect(row).toMatchObject({ displayName: "王芳", role: "mapper", disabled: false });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(lastAudit()).toMatchObject({ action: "user.create", outcome: "ok", userId: admin.user.id, username: "chief", role: "admin", targetType: "user", targetId: String(row.id), ip: "10.0.0.7" });
    expect(await canSignIn("wang.fang", PASSWORDS[0])).toBe(true);
  });

  it("refuses weak passwords, taken and malformed names, unknown roles and garbage, naming the rule and the place", async () => {
    asAdmin();
    const before = getDb().select().from(users).all().length;
    const cases: Array<[unknown, object]> = [
      [{ username: "li.lei", role: "mapper", password: PASSWORDS[2] }, { status: 422, reason: "weak_password", place: "password" }],
      [{ username: "li.lei", role: "mapper", password: "" }, { status: 422, reason: "weak_password", place: "password" }],
      [{ username: "wang.fang", role: "guide", password: "long enough pw" }, { status: 409, reason: "username_taken", place: "username" }],
      [{ username: "no spaces please", role: "guide", password: "long enough pw" }, { status: 422, reason: "bad_username", place: "username" }],
      [{ username: "li.lei", role: "emperor", password: "long enough pw" }, { status: 422, reason: "bad_role", place: "role" }],
      [{ username: 42, role: "guide", password: "long enough pw" }, { status: 422, reason: "invalid", place: "username" }],
      [null, { status: 422, reason: "invalid" }],
    ];
    for (const [input, expected] of cases) expect(await addUser(input), JSON.stringify(input)).toMatchObject({ ok: false, ...expected });
    expect(getDb().select().from(users).all().length).toBe(before);
    expect(lastAudit()).toMatchObject({ action: "user.create", outcome: "refused", detail: "bad_role" });
  });

  it("refuses people who may not manage users (403, audited) and nobody signed in (401)", async () => {
    const office = await signedInAs(getDb(), "office");
    setTestSession(office.token);
    expect(await addUser({ username: "sneaky", role: "admin", password: "long enough pw" })).toMatchObject({ ok: false, status: 403, reason: "forbidden" });
    expect(lastAudit()).toMatchObject({ action: "forbidden", outcome: "refused", username: office.user.username, detail: "manage_users" });
    expect(await setUserDisabled({ userId: admin.user.id, disabled: true })).toMatchObject({ status: 403 });
    setTestSession(null);
    expect(await resetUserPassword({ userId: admin.user.id, password: "long enough pw" })).toMatchObject({ ok: false, status: 401, reason: "unauthenticated" });
    expect(account("sneaky")).toBeUndefined();
    expect(account("chief")!.disabled).toBe(false);
  });

  it("refuses a disabled account's session at once, and its sign-in, until it is enabled again", async () => {
    const mapper = await signedInAs(getDb(), "mapper");
    expect(validateSession(getDb(), mapper.token)?.id).toBe(mapper.user.id);
    asAdmin();
    expect(await setUserDisabled({ userId: mapper.user.id, disabled: true })).toEqual({ ok: true, userId: mapper.user.id });
    expect(validateSession(getDb(), mapper.token)).toBeNull();
    expect(lastAudit()).toMatchObject({ action: "user.disable", targetId: String(mapper.user.id), detail: mapper.user.username });
    expect(await canSignIn(mapper.user.username, mapper.password)).toBe(false);
    expect(await setUserDisabled({ userId: mapper.user.id, disabled: false })).toMatchObject({ ok: true });
    expect(lastAudit()).toMatchObject({ action: "user.enable", targetId: String(mapper.user.id) });
    expect(await canSignIn(mapper.user.username, mapper.password)).toBe(true);
  });

  it("refuses a session whose account was disabled behind its back (validateSession checks the account)", async () => {
    const guide = await signedInAs(getDb(), "guide");
    getDb().update(users).set({ disabled: true }).where(eq(users.id, guide.user.id)).run();
    expect(validateSession(getDb(), guide.token)).toBeNull();
  });

  it("resets a password: the old one and every open session stop working, the new one works", async () => {
    const guide = await signedInAs(getDb(), "guide");
    const second = await signIn(getDb(), guide.user.username, guide.password, { ip: "10.1.1.1" });
    expect(second.ok).toBe(true);
    asAdmin();
    expect(await resetUserPassword({ userId: guide.user.id, password: PASSWORDS[1] })).toEqual({ ok: true, userId: guide.user.id });
    expect(validateSession(getDb(), guide.token)).toBeNull();
    expect(validateSession(getDb(), second.ok ? second.token : "")).toBeNull();
    expect(await canSignIn(guide.user.username, guide.password)).toBe(false);
    expect(await canSignIn(guide.user.username, PASSWORDS[1])).toBe(true);
    expect(lastAudit()).toMatchObject({ action: "sign_in" });
    const reset = getDb().select().from(auditLog).where(eq(auditLog.action, "user.reset_password")).all().at(-1);
    expect(reset).toMatchObject({ outcome: "ok", targetId: String(guide.user.id), detail: guide.user.username });
    expect(await resetUserPassword({ userId: guide.user.id, password: PASSWORDS[2] })).toMatchObject({ reason: "weak_password" });
    expect(await resetUserPassword({ userId: 99999, password: PASSWORDS[1] })).toMatchObject({ status: 404, reason: "no_such_user" });
    expect(await resetUserPassword({ userId: "1", password: PASSWORDS[1] })).toMatchObject({ status: 422, reason: "invalid", place: "userId" });
  });

  it("changes a role (ending the sessions) and never leaves the office without an enabled admin", async () => {
    const mapper = await signedInAs(getDb(), "mapper");
    asAdmin();
    expect(await changeUserRole({ userId: mapper.user.id, role: "office" })).toMatchObject({ ok: true });
    expect(account(mapper.user.username)!.role).toBe("office");
    expect(validateSession(getDb(), mapper.token)).toBeNull();
    expect(lastAudit()).toMatchObject({ action: "user.role", targetId: String(mapper.user.id), detail: `${mapper.user.username}: mapper → office` });
    expect(await changeUserRole({ userId: mapper.user.id, role: "king" })).toMatchObject({ status: 422, reason: "bad_role" });
    expect(await changeUserRole({ userId: admin.user.id, role: "auditor" })).toMatchObject({ status: 409, reason: "last_admin", place: "userId" });
    expect(await setUserDisabled({ userId: admin.user.id, disabled: true })).toMatchObject({ status: 409, reason: "last_admin" });
    expect(account("chief")).toMatchObject({ role: "admin", disabled: false });
    expect(lastAudit()).toMatchObject({ action: "user.disable", outcome: "refused", detail: "last_admin" });
    expect(await setUserDisabled({ userId: admin.user.id, disabled: "yes" })).toMatchObject({ status: 422, place: "disabled" });
  });

  it("never writes a password into the audit log", () => {
    const rows = JSON.stringify(getDb().select().from(auditLog).all());
    for (const password of [...PASSWORDS, "long enough pw"]) expect(rows).not.toContain(password);
    expect(rows).toContain("user.reset_password");
  });
});
