import { expect, test } from "@playwright/test";
import { runCli } from "./support/cli";
import { readPanelState, screenshotPath } from "./support/state";

/**
 * Step 3's plan, copy and verify on the demo pair, starting from "schema approved" (left by
 * step-2-schema.spec.ts). Leaves the copy done and verified, not approved: the review spec
 * after this file reviews the records and approves.
 */
test.beforeAll(() => {
  const { dataDir } = readPanelState();
  const status = JSON.parse(runCli(dataDir, ["status", "--json"]).stdout) as {
    steps: Array<{ id: string; state: string }>;
  };
  const state = (id: string) => status.steps.find((step) => step.id === id)?.state;
  // Run on its own (`playwright test e2e/step-3-copy.spec.ts`), bring steps 1 and 2 there through the real CLI.
  if (state("backup") !== "approved") {
    expect(runCli(dataDir, ["backup", "--processing-stopped"]).code).toBe(0);
    expect(runCli(dataDir, ["approve", "backup"]).code).toBe(0);
  }
  if (state("schema") !== "approved") {
    expect(runCli(dataDir, ["schema"]).code).toBe(0);
    expect(runCli(dataDir, ["approve", "schema"]).code).toBe(0);
  }
});

test("plan the demo pair (6 resurrection candidates, 5 NAS new), copy and verify, the checks go green with 67 categorization records equal", async ({
  page,
}) => {
  const { baseUrl } = readPanelState();
  await page.goto(baseUrl + "/steps/copy");
  await expect(page.getByRole("heading", { name: "Copy & diff", level: 1 })).toBeVisible();

  const plan = page.getByRole("region", { name: /^Plan/ });
  const makePlan = plan.getByRole("button", { name: /^(Make the plan|Re-plan)$/ });
  // The plan appearing is the answer (the form it came from is replaced by the plan).
  await makePlan.click();
  await expect(plan.getByRole("heading", { name: /^Plan: \d+ records$/ })).toBeVisible();
  await expect(plan.getByRole("row", { name: /Resurrection candidate 6 Not copied/ })).toBeVisible();
  await expect(plan.getByRole("row", { name: /NAS new 5 Copied/ })).toBeVisible();
  await expect(plan.getByText(/67 categorization records/)).toBeVisible();
  await expect(plan.getByText(/Dashboard high-water mark .*: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/)).toBeVisible();
  await expect(plan.getByRole("row", { name: /^resurrection_candidate \d+ 6 / })).toBeVisible();
  await expect(plan.getByRole("link", { name: "Review records →" })).toHaveAttribute("href", "/steps/copy/records");
  await page.screenshot({ path: screenshotPath("30-copy-plan"), fullPage: true });

  const copy = page.getByRole("region", { name: "Copy", exact: true });
  await expect(copy).toContainText(
    /Copy writes \d+ records and their summaries into 127\.0\.0\.1:\d+\/ytv2, leaves out 6 deleted on the Dashboard/,
  );
  await expect(copy.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  await copy.getByRole("button", { name: "Copy and verify" }).click();

  const checks = page.getByRole("region", { name: /^Checks/ });
  await expect(checks.getByRole("row", { name: /Categorization records identical ✓ pass 67 of 67/ })).toBeVisible({
    timeout: 60_000,
  });
  await expect(checks.getByRole("row", { name: /Every record identical ✓ pass/ })).toBeVisible();
  await expect(checks.getByText("✕ fail")).toHaveCount(0);
  await expect(page.getByText("Passed — awaiting approval")).toBeVisible();

  const verify = page.getByRole("region", { name: "Verify", exact: true });
  await expect(verify).toContainText(/✓ (\d+) of \1 checks pass/);
  await expect(verify).toContainText("Categorization: 67 of 67 categorization records identical");
  await expect(verify).not.toContainText("did not match");
  await page.screenshot({ path: screenshotPath("31-copy-verified"), fullPage: true });

  // Verify only reads: again, the same green checks under a new run.
  const before = await checks.getByRole("heading").textContent();
  await verify.getByRole("button", { name: "Verify again" }).click();
  await expect(checks.getByRole("heading")).not.toHaveText(before ?? "", { timeout: 60_000 });
  await expect(checks.getByRole("row", { name: /Categorization records identical ✓ pass 67 of 67/ })).toBeVisible();
  await expect(verify).toContainText(/run #\d+ \(verify\)/);
  await expect(page.getByText("Passed — awaiting approval")).toBeVisible();
  await page.screenshot({ path: screenshotPath("32-copy-verified-again"), fullPage: true });
});
