import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

function directives(env: string): Map<string, string[]> {
  return new Map(
    contentSecurityPolicy(env)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
}

const byKey = (env: string) => new Map(securityHeaders(env).map((h) => [h.key, h.value]));

describe("security headers", () => {
  it("lock the page to its own origin, with only what Next.js and the map need", () => {
    const csp = directives("production");
    expect(Object.fromEntries(csp)).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", "'unsafe-inline'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "worker-src": ["'self'", "blob:"],
      "connect-src": ["'self'"],
      "font-src": ["'self'", "data:"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
    for (const sources of csp.values()) expect(sources.filter((s) => s === "*" || s.startsWith("http"))).toEqual([]);
  });

  it("allow eval only in development, HSTS only in production", () => {
    expect(directives("development").get("script-src")).toContain("'unsafe-eval'");
    expect(directives("production").get("script-src")).not.toContain("'unsafe-eval'");
    expect(directives("test").get("script-src")).not.toContain("'unsafe-eval'");
    expect(byKey("production").get("Strict-Transport-Security")).toMatch(/^max-age=\d{8,}/);
    expect(byKey("development").has("Strict-Transport-Security")).toBe(false);
    expect(byKey("test").has("Strict-Transport-Security")).toBe(false);
  });

  it("send nosniff, the referrer policy, no framing and the permissions the guide view needs", () => {
    const headers = byKey("production");
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("X-Frame-Options")).toBe("DENY");
    expect(headers.get("Permissions-Policy")).toBe("geolocation=(self), camera=(), microphone=()");
  });

  it("are set by next.config.ts on every path", async () => {
    const rules = await nextConfig.headers!();
    expect(rules).toHaveLength(1);
    expect(rules[0].source).toBe("/:path*");
    expect(rules[0].headers.map((h) => h.key)).toEqual(securityHeaders(process.env.NODE_ENV).map((h) => h.key));
    expect(rules[0].headers.find((h) => h.key === "Content-Security-Policy")?.value).toContain("frame-ancestors 'none'");
  });
});
