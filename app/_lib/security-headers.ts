/**
 * The security headers of every page and route (issue #6), set once in `next.config.ts` (`headers()`).
 * What the map needs is allowed and nothing more: MapLibre's worker is a same-origin script
 * (`public/maplibre`, see bin/copy-map-worker.mjs and lib/map/worker.ts), its tiles and GeoJSON come from
 * our own routes, raster tiles are decoded through blob: URLs, and the guide view asks for the position.
 */

/** One response header, in the shape `next.config.ts` `headers()` wants. */
export interface HeaderEntry {
  key: string;
  value: string;
}

/** Which build the headers are for: development needs eval for React's refresh, production gets HSTS. */
export type Environment = "development" | "production" | "test" | (string & {});

/** Used by `securityHeaders` and its test: the Content-Security-Policy of `env`. */
export function contentSecurityPolicy(env: Environment): string {
  const directives: Array<[string, string[]]> = [
    ["default-src", ["'self'"]],
    // 'unsafe-inline': Next.js streams its bootstrap and the RSC payload as inline <script> tags, with no
    // nonce unless every page renders per request with a middleware-made nonce; there is no user-written
    // HTML anywhere in the app, so inline script can only be Next's own. 'unsafe-eval' only in development,
    // where React's fast refresh and the dev overlay evaluate code.
    ["script-src", ["'self'", "'unsafe-inline'", ...(env === "development" ? ["'unsafe-eval'"] : [])]],
    // React renders style attributes into the server HTML, and MapLibre and the draw library set inline styles
    ["style-src", ["'self'", "'unsafe-inline'"]],
    // data: for small inline icons, blob: for the raster tiles MapLibre decodes from fetched bytes
    ["img-src", ["'self'", "data:", "blob:"]],
    // MapLibre's worker is served from public/maplibre; blob: for workers made from a bundled script
    ["worker-src", ["'self'", "blob:"]],
    ["connect-src", ["'self'"]],
    ["font-src", ["'self'", "data:"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ");
}

/** Used by `next.config.ts` for every path: the headers of `env` (pass `process.env.NODE_ENV`). */
export function securityHeaders(env: Environment): HeaderEntry[] {
  const headers: HeaderEntry[] = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(env) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    // the guide view shows the user's position on the map (MapLibre geolocate); nothing else is needed
    { key: "Permissions-Policy", value: "geolocation=(self), camera=(), microphone=()" },
  ];
  // browsers ignore HSTS over plain http, so an intranet server without TLS is not locked out by it
  if (env === "production") headers.push({ key: "Strict-Transport-Security", value: "max-age=31536000" });
  return headers;
}
