/** The map view as it is kept in the URL: `?map=zoom/lat/lon&area=id`, as OSM and iD do. */
export interface UrlView {
  zoom: number;
  center: [number, number];
}

/** Used on the server and client: parses `map=zoom/lat/lon`; null when absent or out of range. */
export function parseMapParam(value: string | null): UrlView | null {
  if (!value) return null;
  const parts = value.split("/").map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [zoom, lat, lon] = parts;
  if (zoom < 0 || zoom > 22 || lat < -85 || lat > 85 || lon < -180 || lon > 180) return null;
  return { zoom, center: [lon, lat] };
}

/** Used when the map moves or a small area is selected: the query string that reproduces the view. */
export function formatUrlState(view: UrlView | null, area: number | null): string {
  const params = new URLSearchParams();
  if (view) params.set("map", `${view.zoom.toFixed(2)}/${view.center[1].toFixed(5)}/${view.center[0].toFixed(5)}`);
  if (area !== null) params.set("area", String(area));
  const s = params.toString();
  return s ? `?${s}` : "";
}
