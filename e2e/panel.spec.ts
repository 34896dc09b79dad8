import { expect, test } from "@playwright/test";
import { runCli } from "./support/cli";
import { readPanelState, screenshotPath } from "./support/state";

test.beforeEach(async ({ page }) => {
  await page.goto(readPanelState().baseUrl + "/");
});

test("the overview shows the six steps in order: backup ready, schema to archive locked", async ({ page }) => {
  const steps = page.getByRole("listitem");
  await expect(steps).toHaveCount(6);
  const titles = ["Backup", "Schema", "Copy & diff", "Parity", "Cutover", "Archive"];
  for (const [index, title] of titles.entries()) {
    await expect(steps.nth(index)).toContainText(`Step ${index + 1}: ${title}`);
  }
  await expect(steps.nth(0)).toContainText("Ready");
  await expect(steps.nth(2)).toContainText('Locked until step "Backup" is approved.');
  await expect(steps.nth(3)).toContainText('Locked until step "Backup" is approved.');
  await expect(steps.nth(4)).toContainText('Locked until step "Backup" is approved.');
  await expect(steps.nth(5)).toContainText('Locked until step "Backup" is approved.');
  await page.screenshot({ path: screenshotPath("01-overview"), fullPage: true });
});

test("a step page shows its description, gate, checks, why it cannot be approved yet, and a way forward", async ({
  page,
}) => {
  await page.getByRole("link", { name: "Step 2: Schema" }).click();
  await expect(page.getByRole("heading", { name: "Schema", level: 1 })).toBeVisible();
  await expect(page.getByText("Gate:")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Checks/ })).toBeVisible();
  const approve = page.getByRole("region", { name: "Approve" });
  await expect(approve.getByRole("button", { name: "Approve this step" })).toHaveCount(0);
  await expect(approve).toContainText('Not approvable yet. Locked until step "Backup" is approved.');
  const forward = page.getByRole("region", { name: "Way forward" });
  await expect(forward.getByRole("link", { name: 'Approve step 1 "Backup" first.' })).toHaveAttribute(
    "href",
    "/steps/backup",
  );
  await page.screenshot({ path: screenshotPath("02-step-schema"), fullPage: true });
});

test("a locked later step says what it waits for and offers no action", async ({ page }) => {
  await page.goto(readPanelState().baseUrl + "/steps/cutover");
  await expect(page.getByRole("heading", { name: "Cutover", level: 1 })).toBeVisible();
  await expect(page.getByText(/Locked until step "Backup" is approved/).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve this step" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Confirm processing is stopped|Flip/ })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("05-step-cutover-locked"), fullPage: true });
});

test("the CLI is refused approving copy before backup, and the audit log shows the refusal", async ({ page }) => {
  const { dataDir } = readPanelState();
  const refused = runCli(dataDir, ["approve", "copy"]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('Refused: step "Copy & diff" is locked until step 1 "Backup" is approved.');
  await page.goto(readPanelState().baseUrl + "/steps/copy");
  await expect(page.getByRole("region", { name: "Approve" })).toContainText("Not approvable yet");
  await page.screenshot({ path: screenshotPath("03-copy-not-approvable"), fullPage: true });

  await page.getByRole("link", { name: "Audit log" }).click();
  const refusal = page.getByRole("row").filter({ hasText: "refused" }).filter({ hasText: "copy" }).first();
  await expect(refusal).toContainText("locked until step 1");
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByRole("status")).toContainText("Chain intact");
  await page.screenshot({ path: screenshotPath("04-audit"), fullPage: true });
});
