type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A refusal as the imagery actions and the upload route give it. */
export interface ImageryRefusal {
  reason: string;
  place: string;
  params?: Record<string, string | number>;
}

/**
 * Used by the imagery settings and the map's nudge: the sentence for a refusal, `imagery.rules.<reason>` with
 * the field's label (`imagery.fields.<place>`) and the rule's values. Every message gets every value it may
 * use, so no message fails for a missing one.
 */
export function ruleText(refusal: ImageryRefusal, rules: Translate, fields: Translate): string {
  const place = refusal.place.split(".").pop() ?? "";
  const known = ["name", "kind", "location", "attribution", "minZoom", "maxZoom", "keyEnv", "file", "offsetX", "offsetY", "version", "id"];
  const field = fields(known.includes(place) ? place : "input");
  const values = { field, max: 0, min: 0, value: "", env: "", reason: "", name: "", ...(refusal.params ?? {}) };
  const rule = ["unauthenticated", "forbidden", "network", "invalid"].includes(refusal.reason) || RULES.has(refusal.reason) ? refusal.reason : "invalid";
  return rules(rule, values);
}

const RULES = new Set([
  "required", "too_long", "bad_kind", "bad_url", "template_needs_zxy", "wms_needs_bbox", "zoom_range", "zoom_order", "bad_key_env",
  "too_many_templates", "key_env_needed", "key_placeholder_needed", "key_in_template", "no_key_for_kind", "pmtiles_location",
  "pmtiles_unreadable", "offset_range", "no_such_source", "stale_version", "kind_fixed", "upload_kind", "not_imagery_file",
  "not_sqlite", "no_tiles_table", "no_tiles", "not_raster", "bad_geotiff", "too_large", "multipart", "file",
]);
