import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, startPanel, stopPanel } from "./support/panel-process";
import { screenshotPath } from "./support/state";

test.use({ storageState: { cookies: [], origins: [] } });

test("with PANEL_PASSWORD set, the owner logs in with the password and a wrong one is refused", async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "cutover-password-"));
  chmodSync(dataDir, 0o711);
  const panel = await startPanel(dataDir, await freePort(), { PANEL_PASSWORD: "correct horse battery staple" });
  try {
    expect(panel.output()).not.toContain("token=");
    await page.goto(panel.baseUrl + "/login");
    await expect(page.getByText("Enter the panel password")).toBeVisible();
    await page.goto(panel.baseUrl + "/");
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel("Panel password").fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong password." })).toBeVisible();
    await page.screenshot({ path: screenshotPath("05-password-login-refused"), fullPage: true });

    await page.getByLabel("Panel password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Move YTV2 to PostgreSQL" })).toBeVisible();
  } finally {
    await stopPanel(panel);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
