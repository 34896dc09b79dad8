import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createLegacyDb } from "../test/support/legacy-fixtures";
import { startSourceServer } from "../test/support/source-server";
import { freePort, startPanel, stopPanel } from "./support/panel-process";
import { screenshotPath } from "./support/state";

/**
 * Step 1 with the Dashboard where it really lives: a panel of its own, started with
 * DASHBOARD_DB=http://127.0.0.1:<port>/api/download-database, served by a test server that
 * checks the bearer token. The owner sees where each source comes from, watches the download,
 * cancels a stalled one, backs up, and approves after a fresh download.
 */
const TOKEN = "e2e-sync-secret-7f3a";

test("the Dashboard by its download URL: where it comes from, download progress, Cancel, backup and approval", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "cutover-e2e-url-"));
  chmodSync(dir, 0o711);
  const nas = path.join(dir, "nas.db");
  const dashboard = path.join(dir, "served-dashboard.db");
  createLegacyDb(nas, { rows: 40, categorized: 3 });
  createLegacyDb(dashboard, { rows: 400, categorized: 7, firstVideo: 100 });
  const server = await startSourceServer({ file: dashboard, token: TOKEN });
  const dataDir = path.join(dir, "data");
  const panel = await startPanel(dataDir, await freePort(), {
    NAS_DB: nas,
    DASHBOARD_DB: server.url,
    DASHBOARD_DB_TOKEN: TOKEN,
    EXPECTED_CATEGORIZED: "7",
  });
  try {
    expect(panel.output()).toContain(`Dashboard ${server.url} (downloaded, token from DASHBOARD_DB_TOKEN)`);
    expect(panel.output()).not.toContain(TOKEN);
    await page.goto(panel.loginUrl);
    await page.goto(`${panel.baseUrl}/steps/backup`);
    const origins = page.getByRole("heading", { name: "Where the sources come from" }).locator("..");
    await expect(origins).toContainText(`NAS: the file ${nas}, only ever read`);
    await expect(origins).toContainText(
      `Dashboard: downloaded from ${server.url} with the token in DASHBOARD_DB_TOKEN`,
    );
    await page.getByText("Reading the Dashboard where it runs (Render)").click();
    await expect(
      page.getByText("DASHBOARD_DB=https://<your-dashboard>.onrender.com/api/download-database"),
    ).toBeVisible();
    await page.screenshot({ path: screenshotPath("60-backup-by-url-sources"), fullPage: true });

    await page.getByLabel(/I have stopped the NAS processing/).check();
    await page.getByRole("button", { name: "Confirm processing is stopped" }).click();
    await expect(page.getByText(/Confirmed by owner \(panel\)/)).toBeVisible();

    // The host sends half the file and then nothing: the owner watches the bytes stand still and cancels.
    server.behaviour = "stall";
    await page.getByRole("button", { name: "Take and verify backups" }).click();
    const progress = page.getByRole("status").filter({ hasText: "is running" });
    await expect(progress).toContainText("download dashboard", { timeout: 30_000 });
    await expect(progress).toContainText(/[\d,]+ \/ [\d,]+ bytes · 50%/);
    await page.screenshot({ path: screenshotPath("61-backup-by-url-download-stalled"), fullPage: true });
    await page.getByRole("button", { name: "Cancel backup" }).click();
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: /Backup run #1 was cancelled: Dashboard download cancelled; nothing was kept/ }),
    ).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("62-backup-by-url-cancelled"), fullPage: true });

    server.behaviour = "ok";
    await page.getByRole("button", { name: "Take and verify backups" }).click();
    const card = page.getByRole("article", { name: "Dashboard snapshot" });
    await expect(card).toContainText("Verified", { timeout: 60_000 });
    await expect(card).toContainText(server.url);
    await expect(card).toContainText("7 categorization records, expected 7");
    await expect(page.getByText("Passed — awaiting approval")).toBeVisible();
    await page.screenshot({ path: screenshotPath("63-backup-by-url-verified"), fullPage: true });

    const before = server.requests.length;
    await page.getByRole("button", { name: "Approve this step" }).click();
    await expect(page.getByRole("status").filter({ hasText: 'Step 1 "Backup" approved.' })).toBeVisible();
    expect(server.requests.length).toBe(before + 1);
    await page.screenshot({ path: screenshotPath("64-backup-by-url-approved"), fullPage: true });

    expect(server.requests.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(await page.content()).not.toContain(TOKEN);
    expect(panel.output()).not.toContain(TOKEN);
  } finally {
    await stopPanel(panel);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
