import { expect, test } from "@playwright/test";
import { readPanelState, screenshotPath } from "./support/state";

/**
 * Step 1 on the demo pair, as a newcomer would do it. Leaves backup approved: the schema
 * spec that runs after this file relies on it.
 */
test("the owner confirms processing is stopped, backs up both files, sees both verified, approves; step 2 unlocks", async ({
  page,
}) => {
  const { baseUrl } = readPanelState();
  await page.goto(baseUrl + "/steps/backup");
  await expect(page.getByRole("heading", { name: "Backup", level: 1 })).toBeVisible();
  const run = page.getByRole("button", { name: "Take and verify backups" });
  await expect(run).toBeDisabled();
  await expect(page.getByText("Confirm that processing is stopped first.")).toBeVisible();
  await page.screenshot({ path: screenshotPath("10-backup-start"), fullPage: true });

  // The disabled button is only a hint: without the confirmation the server refuses.
  await run.evaluate((button) => button.removeAttribute("disabled"));
  await run.click();
  await expect(page.getByRole("alert").filter({ hasText: "Confirm that processing is stopped first" })).toBeVisible();

  await page.getByLabel(/I have stopped the NAS processing \(Telegram bot, sync job\)/).check();
  await page.getByRole("button", { name: "Confirm processing is stopped" }).click();
  await expect(page.getByText(/Confirmed by owner \(panel\) at .* UTC/)).toBeVisible();

  await expect(run).toBeEnabled();
  await run.click();
  const nas = page.getByRole("article", { name: "NAS snapshot" });
  const dashboard = page.getByRole("article", { name: "Dashboard snapshot" });
  await expect(nas).toContainText("Verified", { timeout: 60_000 });
  await expect(dashboard).toContainText("Verified");
  for (const card of [nas, dashboard]) await expect(card).not.toContainText(/Not verified|✕/);
  await expect(dashboard).toContainText("67 categorization records, expected 67");
  await expect(nas).toContainText("restorable");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await nas.getByRole("button", { name: "Copy the NAS snapshot's full SHA-256" }).click();
  await expect(nas.getByRole("button", { name: "Copy the NAS snapshot's full SHA-256" })).toHaveText(/Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByText(/Manifest: .*manifest\.json/).first()).toBeVisible();
  await expect(page.getByText("Passed — awaiting approval")).toBeVisible();
  await page.screenshot({ path: screenshotPath("11-backup-verified"), fullPage: true });

  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Step 1 "Backup" approved.' })).toBeVisible();
  await expect(page.getByText("Approved: the evidence of the checks above is what was approved.")).toBeVisible();
  await page.screenshot({ path: screenshotPath("12-backup-approved"), fullPage: true });

  await page.getByRole("link", { name: "Overview" }).click();
  const steps = page.getByRole("listitem");
  await expect(steps.nth(0)).toContainText("Approved");
  await expect(steps.nth(1)).toContainText("Ready");
  await page.screenshot({ path: screenshotPath("13-overview-backup-approved"), fullPage: true });
});
