import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/db/auth";
import { getDb } from "@/db/client";
import { setUpEditTownshipDatabase } from "@/db/edit-test-fixture";
import { GET as layers } from "@/app/api/layers/[layer]/route";
import { POST as signOut } from "../sign-out/route";
import { POST as signIn } from "./route";

setUpEditTownshipDatabase("sign-in-route");
beforeAll(async () => {
  await createUser(getDb(), { username: "li.mapper", role: "mapper", password: "right-password" });
});

const post = (body: unknown, ip = "10.0.0.1") =>
  signIn(new Request("http://localhost/api/auth/sign-in", { method: "POST", body: JSON.stringify(body), headers: { origin: "http://localhost", "x-forwarded-for": ip } }));

describe("POST /api/auth/sign-in and /api/auth/sign-out", () => {
  it("answers an unknown name and a wrong password alike (401), and a good one with an HttpOnly SameSite cookie", async () => {
    const unknown = await post({ username: "nobody", password: "right-password" }, "10.0.0.9");
    const wrong = await post({ username: "li.mapper", password: "wrong-password" }, "10.0.0.9");
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await unknown.json()).toEqual(await wrong.json());
    const good = await post({ username: "li.mapper", password: "right-password" });
    expect(good.status).toBe(200);
    expect(good.headers.get("set-cookie")).toMatch(/^tessera_session=[\w-]{43}; Path=\/; Expires=.*; HttpOnly; SameSite=lax$/i);
  });

  it("answers 429 after five failures for one name from one address, even with the right password; 422 for bad bodies; 403 for a foreign origin", async () => {
    for (let i = 0; i < 5; i++) expect((await post({ username: "li.mapper", password: "guess" }, "10.0.0.2")).status).toBe(401);
    expect((await post({ username: "li.mapper", password: "right-password" }, "10.0.0.2")).status).toBe(429);
    expect((await post({ username: "li.mapper", password: "right-password" }, "10.0.0.3")).status).toBe(200);
    expect((await post({ username: "li.mapper" })).status).toBe(422);
    const foreign = await signIn(new Request("http://localhost/api/auth/sign-in", { method: "POST", body: "{}", headers: { origin: "http://evil.example" } }));
    expect(foreign.status).toBe(403);
  });

  it("ends the session at sign-out: the same cookie then gets 401", async () => {
    const good = await post({ username: "li.mapper", password: "right-password" }, "10.0.0.4");
    const cookie = good.headers.get("set-cookie")!.split(";")[0];
    const read = () => layers(new Request("http://localhost/api/layers/districts", { headers: { cookie } }), { params: Promise.resolve({ layer: "districts" }) });
    expect((await read()).status).toBe(200);
    const out = await signOut(new Request("http://localhost/api/auth/sign-out", { method: "POST", headers: { cookie, origin: "http://localhost" } }));
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await read()).status).toBe(401);
  });
});
