/**
 * Remote tile services (XYZ, TMS, WMS-as-tiles) fetched by the server on the browser's behalf: the tile route
 * is the proxy, so the browser never talks to (or needs a CSP entry for) the upstream host, and the key of a
 * service (Tianditu's `tk`) stays on the server: it is read from the environment variable the source names
 * (`keyEnv`) and substituted for `{key}` here, never stored, never echoed.
 */
import { EARTH_RADIUS_M, flipY } from "@/lib/geo/web-mercator";
import { readBodyCapped } from "@/lib/io/read-capped";

/** The kinds served from a URL template. */
export type RemoteKind = "xyz" | "tms" | "wms";

/** Why an upstream tile was not served: no key in the environment, or the upstream failed (timeout, status, size, type). */
export class UpstreamError extends Error {
  constructor(
    readonly rule: "key_missing" | "upstream_failed",
    message: string,
  ) {
    super(message);
  }
}

/** Longest wait for one upstream tile. */
export const UPSTREAM_TIMEOUT_MS = 8000;
/** Largest upstream tile accepted (bytes). */
export const UPSTREAM_MAX_BYTES = 4 * 1024 * 1024;

const HALF = Math.PI * EARTH_RADIUS_M;

/** Used by the WMS kind: the EPSG:3857 extent "minx,miny,maxx,maxy" of XYZ tile (x, y) at zoom z. */
export function tileBbox3857(z: number, x: number, y: number): string {
  const size = (2 * HALF) / 2 ** z;
  const minx = -HALF + x * size;
  const maxy = HALF - y * size;
  return [minx, maxy - size, minx + size, maxy].map((v) => v.toFixed(6).replace(/\.?0+$/, "")).join(",");
}

/** The templates of a source: one per line (several lines are stacked bottom to top, e.g. imagery + labels). */
export function templatesOf(location: string): string[] {
  return location
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * Used by the tile route for every remote tile: the upstream URL of XYZ tile (z, x, y) — `{z}`, `{x}`, `{y}`
 * (a TMS source flips y), `{-y}` (always flipped), `{bbox-epsg-3857}`, a server range `{0-7}` or `{s}` (a, b, c)
 * chosen from the tile so the same tile always comes from the same server, and `{key}` → `key`.
 */
export function expandTemplate(template: string, kind: RemoteKind, z: number, x: number, y: number, key: string | null): string {
  const row = kind === "tms" ? flipY(y, z) : y;
  return template
    .replace(/\{(\d)-(\d)\}/g, (_, a: string, b: string) => String(Number(a) + ((x + y) % (Number(b) - Number(a) + 1))))
    .replace(/\{s\}/g, () => "abc"[(x + y) % 3])
    .replace(/\{z\}/g, String(z))
    .replace(/\{x\}/g, String(x))
    .replace(/\{y\}/g, String(row))
    .replace(/\{-y\}/g, String(flipY(y, z)))
    .replace(/\{bbox-epsg-3857\}/g, tileBbox3857(z, x, y))
    .replace(/\{key\}/g, () => encodeURIComponent(key ?? ""));
}

/** Used by the tile route: the key of a source from the environment (null when it names none); throws when it is not set. */
export function keyOf(keyEnv: string | null, env: Record<string, string | undefined> = process.env): string | null {
  if (!keyEnv) return null;
  const key = env[keyEnv];
  if (!key) throw new UpstreamError("key_missing", `the environment variable ${keyEnv} holding the key of this imagery source is not set on the server`);
  return key;
}

/** A URL with the key (and any query value equal to it) masked, for messages and logs. */
export function maskKey(url: string, key: string | null): string {
  if (!key) return url;
  return url.split(encodeURIComponent(key)).join("***").split(key).join("***");
}

/** One fetched upstream tile; null data when the upstream has no tile there (404 or 204). */
export interface UpstreamTile {
  data: Uint8Array | null;
  contentType: string;
}

/**
 * Used by the tile route: fetches one upstream tile with a timeout and a size cap; only images are accepted.
 * Failures throw `UpstreamError("upstream_failed")` with a message that names the host, never the key.
 */
export async function fetchUpstreamTile(url: string, key: string | null, options: { timeoutMs?: number; maxBytes?: number } = {}): Promise<UpstreamTile> {
  const where = maskKey(url, key);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? UPSTREAM_TIMEOUT_MS), redirect: "follow", headers: { accept: "image/*" } });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new UpstreamError("upstream_failed", `${new URL(url).host} ${timedOut ? "did not answer in time" : "could not be reached"}`);
  }
  if (response.status === 404 || response.status === 204) {
    await response.body?.cancel();
    return { data: null, contentType: "" };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new UpstreamError("upstream_failed", `${new URL(url).host} answered ${response.status} for ${where}`);
  }
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!contentType.startsWith("image/")) {
    await response.body?.cancel();
    throw new UpstreamError("upstream_failed", `${new URL(url).host} answered ${contentType || "no content type"}, not an image`);
  }
  const data = await readBodyCapped(response, options.maxBytes ?? UPSTREAM_MAX_BYTES);
  if (!data) throw new UpstreamError("upstream_failed", `${new URL(url).host} sent a tile larger than ${Math.round((options.maxBytes ?? UPSTREAM_MAX_BYTES) / 1024)} KB`);
  return { data, contentType };
}
