import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { runCli } from "./support/cli";
import { readPanelState, screenshotPath } from "./support/state";

/**
 * Step 2 on the panel's embedded PostgreSQL, starting from "backup approved" (left by
 * step-1-backup.spec.ts). Leaves schema approved for the specs after it.
 */
test.beforeAll(() => {
  const { dataDir } = readPanelState();
  const status = JSON.parse(runCli(dataDir, ["status", "--json"]).stdout) as {
    steps: Array<{ id: string; state: string }>;
  };
  if (status.steps.find((step) => step.id === "backup")?.state === "approved") return;
  // Run on its own (`playwright test e2e/step-2-schema.spec.ts`), bring step 1 there through the real CLI.
  expect(runCli(dataDir, ["backup", "--processing-stopped"]).code).toBe(0);
  expect(runCli(dataDir, ["approve", "backup"]).code).toBe(0);
});

test("the plan shows everything missing, apply with a confirmation, the checks go green, approve; step 3 unlocks", async ({
  page,
}) => {
  const { baseUrl, dataDir } = readPanelState();
  await page.goto(baseUrl + "/steps/schema");
  await expect(page.getByRole("heading", { name: "Schema", level: 1 })).toBeVisible();

  const target = page.getByRole("region", { name: "Target PostgreSQL" });
  await expect(target).toContainText(/127\.0\.0\.1:\d+\/ytv2 · embedded PostgreSQL/);
  await expect(target).toContainText("Not created yet. Apply creates the table and seeds freeze_processing on");
  const { password } = JSON.parse(readFileSync(path.join(dataDir, "postgres", "credentials.json"), "utf8"));
  expect(await page.content()).not.toContain(password);

  const plan = page.getByRole("region", { name: /^Plan: \d+ objects$/ });
  const total = Number(/Plan: (\d+) objects/.exec((await plan.getByRole("heading").textContent()) ?? "")![1]);
  expect(total).toBeGreaterThan(50);
  const filter = plan.getByRole("group", { name: "Show objects by state" });
  await expect(filter.getByRole("button", { name: `All (${total})` })).toHaveAttribute("aria-pressed", "true");
  await expect(filter.getByRole("button", { name: `Missing (${total})` })).toBeVisible();
  await filter.getByRole("button", { name: "Present (0)" }).click();
  await expect(plan.getByText("No objects in this state.")).toBeVisible();
  await filter.getByRole("button", { name: `All (${total})` }).click();
  await expect(plan.getByRole("row", { name: /table content .*missing created by apply/ })).toBeVisible();

  const sql = page.getByRole("region", { name: "SQL that apply will run" });
  const summary = sql.locator("summary");
  await expect(summary).toContainText(/SQL, \d+ statements and the flag seed, in one transaction \(\d+ lines\)/);
  await summary.click();
  await expect(sql.locator("pre")).toContainText("CREATE TABLE IF NOT EXISTS content (");
  await page.screenshot({ path: screenshotPath("20-schema-plan"), fullPage: true });

  const apply = page.getByRole("region", { name: "Apply", exact: true });
  await apply.getByRole("button", { name: "Apply schema" }).click();
  const confirm = apply.getByRole("group", { name: "Confirm apply" });
  await expect(confirm).toContainText(
    new RegExp(
      `This will create ${total} objects in 127\\.0\\.0\\.1:\\d+/ytv2, in one transaction\\. Nothing is dropped or altered\\.`,
    ),
  );
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await apply.getByRole("button", { name: "Apply schema" }).click();
  await apply.screenshot({ path: screenshotPath("21-schema-confirm") });
  await confirm.getByRole("button", { name: "Confirm apply" }).click();

  const checks = page.getByRole("region", { name: /^Checks/ });
  await expect(checks.getByRole("row", { name: /Every schema object present ✓ pass/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(checks.getByRole("row", { name: /Second apply changes nothing ✓ pass no changes/ })).toBeVisible();
  await expect(checks.getByRole("row", { name: /Self-test: .* ✓ pass/ })).toHaveCount(6);
  await expect(checks.getByRole("row", { name: /Contract: .* ✓ pass/ })).toHaveCount(9);
  await expect(checks.getByText("✕ fail")).toHaveCount(0);
  await expect(page.getByText("Passed — awaiting approval")).toBeVisible();
  await expect(filter.getByRole("button", { name: `Present (${total})` })).toBeVisible();
  await expect(target.getByRole("row", { name: /freeze_processing ● on/ })).toBeVisible();
  await expect(target.getByRole("row", { name: /read_from_postgres ○ off/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath("22-schema-applied"), fullPage: true });

  // The CLI reuses the panel's embedded server and sees the same catalog.
  const dry = runCli(dataDir, ["schema", "--dry-run"]);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain(`Plan: ${total} objects: ${total} present, 0 missing, 0 different`);

  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Step 2 "Schema" approved.' })).toBeVisible();
  await expect(page.getByText("Approved.", { exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath("23-schema-approved"), fullPage: true });

  await page.getByRole("link", { name: "Overview" }).click();
  const steps = page.getByRole("listitem");
  await expect(steps.nth(1)).toContainText("Approved");
  await expect(steps.nth(2)).toContainText("Ready");
  await page.screenshot({ path: screenshotPath("24-overview-schema-approved"), fullPage: true });
});
