/** Types of `bin/find-chromium.mjs` (a plain ESM helper shared with the npm scripts). */
/** The Chromium executable to use (CHROMIUM_PATH, else the system's), or null. */
export function findChromium(): string | null;
