import { beforeEach, describe, expect, it } from "vitest";
import { countAudit } from "./audit";
import { createUser, sessionLimits, setDisabled, setPassword, setRole, signIn, signOut, THROTTLE, validateSession } from "./auth";
import { openDatabase, type Db } from "./client";

const PASSWORD = "correct horse battery";
const here = { ip: "10.1.2.3" };

let db: Db;
let userId: number;
beforeEach(async () => {
  db = openDatabase(":memory:");
  userId = await createUser(db, { username: "li.ming", displayName: "李明", role: "mapper", password: PASSWORD });
  await createUser(db, { username: "admin", role: "admin", password: "another long password" });
});

async function signedIn(ip = here.ip) {
  const result = await signIn(db, "li.ming", PASSWORD, { ip });
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  return result;
}

const sessionRows = () => db.$client.prepare("SELECT id, user_id, last_seen_at, expires_at FROM sessions").all() as Array<{ id: string; user_id: number; last_seen_at: string; expires_at: string }>;

describe("sessions", () => {
  it("end at sign-out: the same token is refused afterwards", async () => {
    const { token, user } = await signedIn();
    expect(validateSession(db, token)).toMatchObject({ id: userId, username: "li.ming", role: "mapper" });
    signOut(db, token, here);
    expect(validateSession(db, token)).toBeNull();
    expect(sessionRows()).toEqual([]);
    expect(countAudit(db, { action: "sign_out", userId: user.id })).toBe(1);
  });

  it("get a new id at every sign-in, and the database keeps a hash, never the token", async () => {
    const first = await signedIn();
    const second = await signedIn();
    expect(second.token).not.toBe(first.token);
    expect(second.user.sessionId).not.toBe(first.user.sessionId);
    const ids = sessionRows().map((r) => r.id);
    expect(ids.sort()).toEqual([first.user.sessionId, second.user.sessionId].sort());
    expect(ids).not.toContain(first.token);
    expect(ids.every((id) => /^[0-9a-f]{64}$/.test(id))).toBe(true);
    // signing out of one leaves the other
    signOut(db, first.token, here);
    expect(validateSession(db, first.token)).toBeNull();
    expect(validateSession(db, second.token)).toMatchObject({ sessionId: second.user.sessionId });
  });

  it("end after the idle timeout, and every use moves the idle clock", async () => {
    const { token } = await signedIn();
    const { idleMs } = sessionLimits();
    const start = Date.parse(sessionRows()[0].last_seen_at);
    expect(validateSession(db, token, start + idleMs - 60_000)).not.toBeNull();
    // used just now: idle counts from that use
    expect(validateSession(db, token, start + idleMs + 30_000)).not.toBeNull();
    expect(validateSession(db, token, start + 2 * idleMs - 60_000)).not.toBeNull();
    // then left alone for the whole idle time
    expect(validateSession(db, token, start + 3 * idleMs)).toBeNull();
    expect(sessionRows()).toEqual([]);
    expect(validateSession(db, token, start + 60_000)).toBeNull();
  });

  it("end at the absolute timeout however busy they are", async () => {
    const { token, expiresAt } = await signedIn();
    const { idleMs, absoluteMs } = sessionLimits();
    const start = Date.parse(sessionRows()[0].last_seen_at);
    expect(expiresAt.getTime() - start).toBeGreaterThan(absoluteMs - 5_000);
    const step = Math.min(idleMs / 2, 30 * 60_000);
    let t = start;
    for (; t + step < expiresAt.getTime(); t += step) expect(validateSession(db, token, t), new Date(t).toISOString()).not.toBeNull();
    expect(validateSession(db, token, expiresAt.getTime())).toBeNull();
    expect(sessionRows()).toEqual([]);
  });

  it("of a disabled account end at once and do not come back when it is enabled again", async () => {
    const { token } = await signedIn();
    setDisabled(db, userId, true);
    expect(validateSession(db, token)).toBeNull();
    expect(await signIn(db, "li.ming", PASSWORD, here)).toEqual({ ok: false, reason: "invalid" });
    setDisabled(db, userId, false);
    expect(validateSession(db, token)).toBeNull();
    expect((await signIn(db, "li.ming", PASSWORD, here)).ok).toBe(true);
  });

  it("end when the password is reset or the role changes", async () => {
    const a = await signedIn();
    await setPassword(db, userId, "a brand new password");
    expect(validateSession(db, a.token)).toBeNull();
    const b = await signIn(db, "li.ming", "a brand new password", here);
    if (!b.ok) throw new Error("sign-in with the new password failed");
    setRole(db, userId, "guide");
    expect(validateSession(db, b.token)).toBeNull();
  });

  it("refuse made-up, empty and overlong tokens", () => {
    for (const token of [null, undefined, "", "x".repeat(43), "y".repeat(5000)]) expect(validateSession(db, token)).toBeNull();
  });
});

describe("sign-in failures", () => {
  it("answer the same for an unknown name, a wrong password and a disabled account", async () => {
    const unknown = await signIn(db, "nobody", PASSWORD, here);
    const wrong = await signIn(db, "li.ming", "not the password", here);
    await createUser(db, { username: "gone", role: "guide", password: PASSWORD });
    const gone = db.$client.prepare("SELECT id FROM users WHERE username = 'gone'").pluck().get() as number;
    setDisabled(db, gone, true);
    const disabled = await signIn(db, "gone", PASSWORD, here);
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual(unknown);
    expect(disabled).toEqual(unknown);
    expect(countAudit(db, { action: "sign_in_failed" })).toBe(3);
  });

  it("are throttled after 5 for one name from one address, even with the right password then", async () => {
    for (let i = 0; i < THROTTLE.perUserAndIp; i++) expect(await signIn(db, "li.ming", `wrong ${i}`, here)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(db, "li.ming", PASSWORD, here)).toEqual({ ok: false, reason: "throttled" });
    expect(countAudit(db, { action: "sign_in_throttled", username: "li.ming" })).toBe(1);
    expect(sessionRows()).toEqual([]);
    // another address, and another name from the same address, are not held up
    expect((await signIn(db, "li.ming", PASSWORD, { ip: "10.9.9.9" })).ok).toBe(true);
    expect((await signIn(db, "admin", "another long password", here)).ok).toBe(true);
    // an unknown name is throttled the same way, so the throttle does not tell who exists
    for (let i = 0; i < THROTTLE.perUserAndIp; i++) await signIn(db, "nobody", `wrong ${i}`, here);
    expect(await signIn(db, "nobody", PASSWORD, here)).toEqual({ ok: false, reason: "throttled" });
  });
});

describe("the audit log", () => {
  it("refuses UPDATE and DELETE (database triggers), even from the app's own connection", async () => {
    await signIn(db, "li.ming", "wrong", here);
    const before = db.$client.prepare("SELECT * FROM audit_log").all();
    expect(before.length).toBeGreaterThan(0);
    expect(() => db.$client.prepare("UPDATE audit_log SET username = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
    expect(db.$client.prepare("SELECT * FROM audit_log").all()).toEqual(before);
  });
});
