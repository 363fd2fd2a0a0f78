import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./app/_lib/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3", "@napi-rs/canvas"],
  poweredByHeader: false,
  // one edit of a big area can carry tens of thousands of positions (the edit schema allows 100,000)
  experimental: { serverActions: { bodySizeLimit: "8mb" } },
  // `npm test` typechecks the whole project once (npm run typecheck); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // CSP, nosniff, Referrer-Policy, frame-ancestors and, in production, HSTS on every page and route (issue #6)
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(process.env.NODE_ENV) }];
  },
};

export default withNextIntl(nextConfig);
