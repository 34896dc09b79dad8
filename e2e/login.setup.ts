import { expect, test as setup } from "@playwright/test";
import { readPanelState, screenshotPath } from "./support/state";

setup("the owner logs in with the one-time link the panel printed", async ({ page }) => {
  const { loginUrl, baseUrl } = readPanelState();
  await page.goto(`${baseUrl}/`);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("Open the one-time login link")).toBeVisible();
  await page.screenshot({ path: screenshotPath("00-login-page"), fullPage: true });

  await page.goto(loginUrl);
  await expect(page.getByRole("heading", { name: "Move YTV2 to PostgreSQL" })).toBeVisible();
  await page.context().storageState({ path: "e2e/.state/owner.json" });

  // The link works once: a second use lands on the login page with an explanation.
  const second = await page.context().browser()!.newPage();
  await second.goto(loginUrl);
  await expect(second.getByRole("alert").filter({ hasText: "not valid any more" })).toBeVisible();
  await second.close();
});
