/**
 * The rules an imagery source's settings follow, checked before anything is written: each refusal names the
 * rule and the field (the settings page shows `imagery.rules.<rule>` with the field's label).
 */

/** The kinds of imagery source. */
export const IMAGERY_KINDS = ["xyz", "tms", "wms", "pmtiles", "mbtiles", "cog"] as const;
export type ImageryKind = (typeof IMAGERY_KINDS)[number];

/** The kinds entered as text on the settings page (the others come from an upload). */
export const TYPED_KINDS = ["xyz", "tms", "wms", "pmtiles"] as const;

/** Largest offset accepted, in metres (imagery further off than this is the wrong imagery). */
export const MAX_OFFSET_M = 500;
/** Most URL templates stacked in one source. */
export const MAX_TEMPLATES = 3;

/** The fields a refusal can name. */
export type ImageryField = "name" | "kind" | "location" | "attribution" | "minZoom" | "maxZoom" | "keyEnv" | "offsetX" | "offsetY" | "file" | "version" | "id";

/** A refused setting: the rule (`imagery.rules.<rule>`), the field, and values for the message. */
export class ImageryRefused extends Error {
  constructor(
    readonly rule: string,
    readonly field: ImageryField,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${field}: ${rule}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ""}`);
  }
}

/** The settings of a source as the page sends them. */
export interface ImageryInput {
  name: string;
  kind: ImageryKind;
  location: string;
  attribution: string | null;
  minZoom: number;
  maxZoom: number;
  keyEnv: string | null;
}

const KEY_ENV = /^[A-Z][A-Z0-9_]{1,63}$/;

function checkTemplate(line: string, kind: "xyz" | "tms" | "wms"): void {
  let url: URL;
  try {
    url = new URL(line.replace(/\{[^}]*\}/g, "0"));
  } catch {
    throw new ImageryRefused("bad_url", "location", { value: line.slice(0, 80) });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ImageryRefused("bad_url", "location", { value: line.slice(0, 80) });
  if (kind === "wms") {
    if (!line.includes("{bbox-epsg-3857}")) throw new ImageryRefused("wms_needs_bbox", "location");
  } else if (!line.includes("{z}") || !line.includes("{x}") || !(line.includes("{y}") || line.includes("{-y}"))) {
    throw new ImageryRefused("template_needs_zxy", "location");
  }
}

/**
 * Used by the settings' create and update: checks and tidies `input` (trimmed text, empty → null); throws
 * `ImageryRefused` naming the first broken rule. `env` is consulted so a key pasted into a template (instead
 * of named in `keyEnv`) is refused: the key must never reach the database.
 */
export function validateImageryInput(input: ImageryInput, env: Record<string, string | undefined> = process.env): ImageryInput {
  const name = (input.name ?? "").trim();
  if (!name) throw new ImageryRefused("required", "name");
  if (name.length > 100) throw new ImageryRefused("too_long", "name", { max: 100 });
  if (!(IMAGERY_KINDS as readonly string[]).includes(input.kind)) throw new ImageryRefused("bad_kind", "kind");
  const location = (input.location ?? "").trim();
  if (!location) throw new ImageryRefused("required", "location");
  if (location.length > 2000) throw new ImageryRefused("too_long", "location", { max: 2000 });
  const attribution = input.attribution?.trim() || null;
  if (attribution && attribution.length > 300) throw new ImageryRefused("too_long", "attribution", { max: 300 });
  for (const [field, value] of [["minZoom", input.minZoom], ["maxZoom", input.maxZoom]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 24) throw new ImageryRefused("zoom_range", field, { min: 0, max: 24 });
  }
  if (input.minZoom > input.maxZoom) throw new ImageryRefused("zoom_order", "maxZoom");
  const keyEnv = input.keyEnv?.trim() || null;
  if (keyEnv && !KEY_ENV.test(keyEnv)) throw new ImageryRefused("bad_key_env", "keyEnv");

  if (input.kind === "xyz" || input.kind === "tms" || input.kind === "wms") {
    const lines = location.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (lines.length > MAX_TEMPLATES) throw new ImageryRefused("too_many_templates", "location", { max: MAX_TEMPLATES });
    for (const line of lines) checkTemplate(line, input.kind);
    const wantsKey = location.includes("{key}");
    if (wantsKey && !keyEnv) throw new ImageryRefused("key_env_needed", "keyEnv");
    if (keyEnv && !wantsKey) throw new ImageryRefused("key_placeholder_needed", "location");
    const key = keyEnv ? env[keyEnv] : undefined;
    if (key && key.length >= 6 && location.includes(key)) throw new ImageryRefused("key_in_template", "location", { env: keyEnv ?? "" });
  } else if (input.kind === "pmtiles") {
    if (keyEnv) throw new ImageryRefused("no_key_for_kind", "keyEnv");
    if (!/^https?:\/\//i.test(location) && !/\.pmtiles$/i.test(location)) throw new ImageryRefused("pmtiles_location", "location");
  } else if (keyEnv) {
    throw new ImageryRefused("no_key_for_kind", "keyEnv");
  }
  return { name, kind: input.kind, location, attribution, minZoom: input.minZoom, maxZoom: input.maxZoom, keyEnv };
}

/** Used by the offset nudge: checks one offset in metres; throws `ImageryRefused("offset_range")`. */
export function validateOffset(value: number, field: "offsetX" | "offsetY"): number {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_OFFSET_M) throw new ImageryRefused("offset_range", field, { max: MAX_OFFSET_M });
  return Math.round(value * 100) / 100;
}

/**
 * The Tianditu (天地图) preset: satellite imagery `img_w` with its annotation `cia_w` stacked on top, Web
 * Mercator, the key from `TIANDITU_KEY` (a "server" key from console.tianditu.gov.cn, in `.env`).
 */
export const TIANDITU_PRESET: ImageryInput = {
  name: "天地图影像 + 注记 / Tianditu imagery + labels",
  kind: "xyz",
  location: ["img", "cia"]
    .map((layer) => `https://t{0-7}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}`)
    .join("\n"),
  attribution: "© 天地图 Tianditu (国家地理信息公共服务平台)",
  minZoom: 1,
  maxZoom: 18,
  keyEnv: "TIANDITU_KEY",
};
