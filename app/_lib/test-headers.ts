/**
 * A stand-in for `next/headers` in unit tests of server actions (which run outside a Next.js request):
 * `vi.mock("next/headers", () => import("@/app/_lib/test-headers"))`, then `setTestSession(token)` before
 * calling an action. Cookies set by the action are kept in the same jar.
 */
const jar = new Map<string, string>();
let forwardedFor = "127.0.0.1";

/** Used by tests: the session token the next server-action calls carry (null: nobody signed in). */
export function setTestSession(token: string | null, ip = "127.0.0.1"): void {
  jar.clear();
  if (token) jar.set("tessera_session", token);
  forwardedFor = ip;
}

/** Mock of `cookies()`. */
export async function cookies() {
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      if (options?.maxAge === 0 || value === "") jar.delete(name);
      else jar.set(name, value);
    },
    delete: (name: string) => jar.delete(name),
  };
}

/** Mock of `headers()`. */
export async function headers() {
  return new Headers({ "x-forwarded-for": forwardedFor, "user-agent": "vitest" });
}
