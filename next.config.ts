import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3", "@napi-rs/canvas"],
  poweredByHeader: false,
  // one edit of a big area can carry tens of thousands of positions (the edit schema allows 100,000)
  experimental: { serverActions: { bodySizeLimit: "8mb" } },
  // `npm test` typechecks the whole project once (npm run typecheck); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
