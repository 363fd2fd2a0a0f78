// Finds the Chromium that the e2e tests drive: CHROMIUM_PATH, else the system's. With --check, explains
// how to install one and exits 1 when there is none (never downloads a browser).
import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"];

/** The Chromium executable to use, or null. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

if (process.argv.includes("--check")) {
  const found = findChromium();
  if (!found) {
    console.error(
      [
        "No Chromium found for the end-to-end tests" + (process.env.CHROMIUM_PATH ? ` (CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist)` : "") + ".",
        "Install one, then run the tests again:",
        "  Debian/Ubuntu:  apt-get install chromium fonts-noto-cjk",
        "  elsewhere:      npx playwright install chromium   (and set CHROMIUM_PATH to the browser it installs)",
        "Or point CHROMIUM_PATH at an existing Chromium or Chrome executable.",
      ].join("\n"),
    );
    process.exit(1);
  }
  console.log(`e2e: using Chromium at ${found}`);
}
