import { defineConfig } from "@playwright/test";
import { resolve } from "node:path";
import { findChromium } from "./bin/find-chromium.mjs";

const PORT = Number(process.env.E2E_PORT || 3100);
/** The e2e database: a fresh file seeded by `npm start` for every run. */
export const E2E_DB = resolve(".e2e/tessera.db");
/** The first admin's password on the e2e server (set through TESSERA_ADMIN_PASSWORD at its first start). */
export const E2E_ADMIN_PASSWORD = "e2e-admin-password";
/** Where the setup project keeps the signed-in admin's cookies for the other tests. */
export const ADMIN_STATE = resolve(".e2e-state/admin.json");

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  projects: [
    { name: "sign-in", testMatch: "auth.setup.ts" },
    { name: "app", dependencies: ["sign-in"], use: { storageState: ADMIN_STATE } },
  ],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // route handlers that change data check the Origin (Playwright's API requests send none by themselves)
    extraHTTPHeaders: { origin: `http://localhost:${PORT}` },
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu-sandbox",
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `rm -rf .e2e && npm start`,
    url: `http://localhost:${PORT}/zh/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { TESSERA_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD, TESSERA_DB: E2E_DB, PORT: String(PORT), TESSERA_TEST_HOOKS: "1", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
