import { defineConfig } from "@playwright/test";

/**
 * e2e against the real panel: global setup starts `npm start`'s launcher on a throwaway data
 * dir (embedded PostgreSQL + demo pair) and a free port; Debian's Chromium drives it.
 */
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "login", testMatch: /login\.setup\.ts/ },
    {
      name: "panel",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["login"],
      use: { storageState: "e2e/.state/owner.json" },
    },
  ],
});
