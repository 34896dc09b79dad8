import { expect, test } from "@playwright/test";
import { readPanelState, screenshotPath } from "./support/state";

test.beforeEach(async ({ page }) => {
  await page.goto(readPanelState().baseUrl + "/");
});

test("the overview shows the six steps in order, backup ready and the rest locked", async ({ page }) => {
  const steps = page.getByRole("listitem");
  await expect(steps).toHaveCount(6);
  const titles = ["Backup", "Schema", "Copy & diff", "Parity", "Cutover", "Archive"];
  for (const [index, title] of titles.entries()) {
    await expect(steps.nth(index)).toContainText(`Step ${index + 1}: ${title}`);
  }
  await expect(steps.nth(0)).toContainText("Ready");
  await expect(steps.nth(2)).toContainText('Locked until step "Backup" is approved.');
  await page.screenshot({ path: screenshotPath("01-overview"), fullPage: true });
});

test("a step page shows its description, gate, checks and an approve control", async ({ page }) => {
  await page.getByRole("link", { name: "Step 2: Schema" }).click();
  await expect(page.getByRole("heading", { name: "Schema", level: 1 })).toBeVisible();
  await expect(page.getByText("Gate:")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Checks/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve this step" })).toBeDisabled();
  await expect(page.getByText(/Locked until step "Backup" is approved/).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath("02-step-schema"), fullPage: true });
});

test("the server refuses to approve copy before backup, and the audit log shows the refusal", async ({ page }) => {
  await page.goto(readPanelState().baseUrl + "/steps/copy");
  const approve = page.getByRole("button", { name: "Approve this step" });
  await expect(approve).toBeDisabled();
  // Take away the cosmetic guard: the server action itself must refuse.
  await approve.evaluate((button) => button.removeAttribute("disabled"));
  await approve.click();
  await expect(page.getByRole("alert").filter({ hasText: "Refused" })).toHaveText(
    '✕ Refused: step "Copy & diff" is locked until step 1 "Backup" is approved.',
  );
  await page.screenshot({ path: screenshotPath("03-copy-refused"), fullPage: true });

  await page.getByRole("link", { name: "Audit log" }).click();
  const refusal = page.getByRole("row").filter({ hasText: "refused" }).filter({ hasText: "copy" }).first();
  await expect(refusal).toContainText("locked until step 1");
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByRole("status")).toContainText("Chain intact");
  await page.screenshot({ path: screenshotPath("04-audit"), fullPage: true });
});
