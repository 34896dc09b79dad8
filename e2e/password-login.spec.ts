import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, startPanel, stopPanel } from "./support/panel-process";
import { screenshotPath } from "./support/state";

test.use({ storageState: { cookies: [], origins: [] } });

test("with PANEL_PASSWORD set, the owner logs in with the password; wrong ones are refused, and after 10 every try waits", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
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

    // Someone else, without the password: 10 wrong tries, then the panel makes each try wait,
    // and during the wait not even the right password is taken.
    const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const guess = await stranger.newPage();
    await guess.goto(panel.baseUrl + "/login");
    for (let i = 1; i <= 10; i++) {
      await guess.getByLabel("Panel password").fill(`guess number ${i}`);
      // One try at a time: the next is typed only once this one's answer is back.
      await Promise.all([
        guess.waitForResponse((response) => response.request().method() === "POST"),
        guess.getByRole("button", { name: "Sign in" }).click(),
      ]);
      await expect(
        guess.getByRole("alert").filter({ hasText: i < 10 ? /^Wrong password\.$/ : /try again in 30 s/ }),
      ).toBeVisible();
      // The previous answer's alert reads the same: wait for React to reset the form after this
      // answer, or the reset clears the next guess once it is typed (seen on a loaded machine).
      await expect(guess.getByLabel("Panel password")).toHaveValue("");
    }
    await guess.getByLabel("Panel password").fill("correct horse battery staple");
    await guess.getByRole("button", { name: "Sign in" }).click();
    await expect(
      guess.getByRole("alert").filter({ hasText: /^Too many wrong passwords: try again in \d+ s\.$/ }),
    ).toBeVisible();
    await guess.screenshot({ path: screenshotPath("05b-password-login-throttled"), fullPage: true });
    await expect(guess).toHaveURL(/\/login$/);
    await stranger.close();
  } finally {
    await stopPanel(panel);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
