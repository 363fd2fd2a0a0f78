/**
 * Test helpers for signed-in requests (issue #6): make an account of a role with an assignment and sign it in,
 * giving the cookie header route tests send and the token server-action tests put in the mocked cookie jar.
 */
import { eq } from "drizzle-orm";
import type { UserRole } from "@/lib/domain/types";
import { createUser, signIn, type SessionUser } from "./auth";
import type { Db } from "./client";
import { assignments, districts } from "./schema";

/** A signed-in test account. */
export interface TestSession {
  user: SessionUser;
  token: string;
  /** the Cookie header value for route handlers */
  cookie: string;
  password: string;
}

let counter = 0;

/**
 * Used by route, action and permission tests: creates a `role` account assigned to the districts (by code),
 * small areas and townships (by id) given, signs it in from 127.0.0.1 and returns its session.
 */
export async function signedInAs(
  db: Db,
  role: UserRole,
  assigned: { districtCodes?: string[]; smallAreaIds?: number[]; townshipIds?: number[] } = {},
  username = `${role}-${++counter}-${Math.random().toString(36).slice(2, 8)}`,
): Promise<TestSession> {
  const password = "correct horse battery";
  const userId = await createUser(db, { username, role, password });
  for (const code of assigned.districtCodes ?? []) {
    const district = db.select({ id: districts.id }).from(districts).where(eq(districts.code, code)).get();
    if (!district) throw new Error(`no district ${code}`);
    db.insert(assignments).values({ userId, role: role === "guide" ? "guide" : "mapper", districtId: district.id }).run();
  }
  for (const smallAreaId of assigned.smallAreaIds ?? []) db.insert(assignments).values({ userId, role: "enumerator", smallAreaId }).run();
  for (const adminUnitId of assigned.townshipIds ?? []) db.insert(assignments).values({ userId, role: "office", adminUnitId }).run();
  const result = await signIn(db, username, password, { ip: "127.0.0.1" });
  if (!result.ok) throw new Error(`sign-in of ${username} failed: ${result.reason}`);
  return { user: result.user, token: result.token, cookie: `tessera_session=${result.token}`, password };
}
