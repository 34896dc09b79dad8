import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { freePort, startPanel, stopPanel } from "./support/panel-process";
import { readPanelState, screenshotPath } from "./support/state";

/**
 * What the Schema page does when apply must not happen. Runs before step-2-schema.spec.ts
 * (alphabetically) and leaves the target as it found it: empty.
 */
function embeddedUrl(dataDir: string): string {
  const server = JSON.parse(readFileSync(path.join(dataDir, "postgres", "server.json"), "utf8"));
  const credentials = JSON.parse(readFileSync(path.join(dataDir, "postgres", "credentials.json"), "utf8"));
  return `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${server.port}/ytv2`;
}

async function onTarget(dataDir: string, sql: string) {
  const client = new pg.Client({ connectionString: embeddedUrl(dataDir) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

test("a conflicting table is highlighted with what to do, and apply is not offered", async ({ page }) => {
  const { baseUrl, dataDir } = readPanelState();
  await onTarget(dataDir, "CREATE TABLE parity_log (run_id integer PRIMARY KEY)");
  try {
    await page.goto(baseUrl + "/steps/schema");
    const plan = page.getByRole("region", { name: /^Plan: \d+ objects$/ });
    const notice = plan.getByRole("alert");
    await expect(notice).toContainText("1 object exists with another shape: apply is blocked.");
    await expect(notice).toContainText("parity_log.run_id (column): parity_log.run_id is integer, expected text");
    await expect(notice).toContainText("What to do: this tool never drops or alters an object it did not make.");
    await expect(plan.getByRole("button", { name: "Different (1)" })).toHaveAttribute("aria-pressed", "true");
    await expect(plan.getByRole("row", { name: /parity_log\.run_id .* different/ })).toBeVisible();
    const sql = page.getByRole("region", { name: "SQL that apply will run" });
    await expect(sql.locator("pre")).toContainText("-- Apply is blocked");
    await expect(page.getByRole("button", { name: "Apply schema" })).toHaveCount(0);
    await page.screenshot({ path: screenshotPath("19-schema-conflict"), fullPage: true });
  } finally {
    await onTarget(dataDir, "DROP TABLE parity_log");
  }
});

test("an unreachable target is one line in the section, without its password, not a crashed page", async ({
  browser,
}) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cutover-unreachable-"));
  const closedPort = await freePort();
  const panel = await startPanel(dataDir, await freePort(), {
    DATABASE_URL: `postgresql://cutover:never-shown@127.0.0.1:${closedPort}/ytv2`,
  });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    await page.goto(panel.loginUrl);
    await page.goto(panel.baseUrl + "/steps/schema");
    const target = page.getByRole("region", { name: "Target PostgreSQL" });
    await expect(target.getByRole("alert")).toHaveText(
      `✕ The target PostgreSQL at 127.0.0.1:${closedPort}/ytv2 cannot be reached (ECONNREFUSED); check that it runs and the host and port are right.`,
    );
    await expect(page.getByRole("heading", { name: /^Checks/ })).toBeVisible();
    expect(await page.content()).not.toContain("never-shown");
    await page.screenshot({ path: screenshotPath("25-schema-unreachable"), fullPage: true });
  } finally {
    await context.close();
    await stopPanel(panel);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
