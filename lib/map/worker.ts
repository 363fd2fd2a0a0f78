import { setWorkerUrl, getVersion } from "maplibre-gl";

let configured = false;

/**
 * Used once before the first map is created: points MapLibre at the worker copied to `public/maplibre`
 * by `bin/copy-map-worker.mjs`, so the map is never blank because a bundler moved the worker.
 */
export function configureMapWorker(): void {
  if (configured) return;
  setWorkerUrl(new URL(`/maplibre/maplibre-gl-worker-${getVersion()}.mjs`, window.location.origin).href);
  configured = true;
}
