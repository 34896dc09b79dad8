import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { runCli } from "./support/cli";
import { readPanelState, screenshotPath } from "./support/state";

/**
 * Step 3's review on the demo pair, starting from "copied and verified" (left by
 * step-3-copy.spec.ts): switch a conflicting title, restore a resurrection candidate, re-copy
 * and see PostgreSQL follow; the 67 categorization records identical; confirm the defaults;
 * approve with the typed phrase; step 4 unlocks.
 */
type Status = { steps: Array<{ id: string; state: string }> };

test.beforeAll(() => {
  const { dataDir } = readPanelState();
  const status = JSON.parse(runCli(dataDir, ["status", "--json"]).stdout) as Status;
  const state = (id: string) => status.steps.find((step) => step.id === id)?.state;
  if (state("copy") === "passed" || state("copy") === "approved") return;
  // Run on its own: bring steps 1 and 2 there, then copy, through the real CLI.
  if (state("backup") !== "approved") {
    expect(runCli(dataDir, ["backup", "--processing-stopped"]).code).toBe(0);
    expect(runCli(dataDir, ["approve", "backup"]).code).toBe(0);
  }
  if (state("schema") !== "approved") {
    expect(runCli(dataDir, ["schema"]).code).toBe(0);
    expect(runCli(dataDir, ["approve", "schema"]).code).toBe(0);
  }
  expect(runCli(dataDir, ["copy"]).code).toBe(0);
});

/** The demo's first title conflict, from the plan in the control DB (the e2e does not know the demo's ids). */
function titleConflict(dataDir: string) {
  const db = new Database(path.join(dataDir, "control.db"), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT video_id AS videoId, nas_value AS nas, dashboard_value AS dashboard, default_side AS defaultSide
           FROM merge_field WHERE field = 'title' AND plan_id = (SELECT max(id) FROM merge_plan) ORDER BY video_id LIMIT 1`,
      )
      .get() as { videoId: string; nas: string; dashboard: string; defaultSide: "nas" | "dashboard" };
  } finally {
    db.close();
  }
}

function recopy(dataDir: string) {
  const result = runCli(dataDir, ["copy"]);
  expect(result.stderr).not.toMatch(/cutover: /);
  expect(result.code).toBe(0);
}

const postgresTitle = (page: Page) => page.locator("#field-title td").nth(2);

test("review: switch a title and restore a candidate, re-copy, 67 identical, confirm defaults, approve; step 4 unlocks", async ({
  page,
}) => {
  const { baseUrl, dataDir } = readPanelState();
  await page.goto(baseUrl + "/steps/copy/records");
  await expect(page.getByRole("heading", { name: "Review the copy", level: 1 })).toBeVisible();
  const cases = page.getByRole("navigation", { name: "Records by case" });
  await expect(cases.getByRole("link", { name: /All cases \(\d+\)/ })).toHaveAttribute("aria-current", "page");
  await expect(cases.getByRole("link", { name: "Resurrection candidate (6)", exact: true })).toBeVisible();
  await expect(cases.getByRole("link", { name: "NAS new (5)", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Review gate: \d of 4 conditions open$/ })).toBeVisible();

  // j/k move focus through the rows; Enter opens the focused one.
  const rows = page.locator("[data-review-row]");
  await page.keyboard.press("j");
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.nth(0)).toBeFocused();
  await page.screenshot({ path: screenshotPath("40-review-records"), fullPage: true });

  // A both-differ record: take the title from the other side, re-copy, PostgreSQL follows.
  const conflict = titleConflict(dataDir);
  const other = conflict.defaultSide === "nas" ? "dashboard" : "nas";
  const titles = { nas: JSON.parse(conflict.nas) as string, dashboard: JSON.parse(conflict.dashboard) as string };
  await page.goto(`${baseUrl}/steps/copy/records/${conflict.videoId}?case=both_differ`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(titles[conflict.defaultSide]);
  await expect(postgresTitle(page)).toHaveText(titles[conflict.defaultSide]);
  const titleForm = page.getByRole("group", { name: "title: take it from" });
  const otherButton = titleForm.getByRole("button", { name: other === "nas" ? /NAS/ : /Dashboard/ });
  await expect(otherButton).toHaveAttribute("aria-pressed", "false");
  await titleForm.getByRole("textbox").fill("the other spelling is right");
  await otherButton.click();
  await expect(page.getByRole("status").filter({ hasText: "Decision stored: title from" })).toContainText(
    "Run the copy again to apply it.",
  );
  await expect(page.getByText(/A decision changed after copy run #\d+: PostgreSQL does not hold it yet/)).toBeVisible();
  recopy(dataDir);
  await page.reload();
  await expect(postgresTitle(page)).toHaveText(titles[other]);
  await expect(titleForm.getByRole("button", { name: /^✓ / })).toContainText(other === "nas" ? "NAS" : "Dashboard");
  await expect(page.getByText(/A decision changed after copy run/)).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("41-review-record-detail"), fullPage: true });
  // The Dashboard view: the card as each era's Dashboard shows it, the PostgreSQL one with the new title.
  const dashboardView = page.getByRole("region", { name: "Dashboard view" });
  await expect(dashboardView.getByRole("heading", { name: "SQLite-era Dashboard (what it showed)" })).toBeVisible();
  await expect(dashboardView.getByText("✓ listed in the card list")).toHaveCount(2);
  const after = dashboardView.getByRole("group", { name: "PostgreSQL-era Dashboard (after the cutover)" });
  await expect(after.getByText(titles[other], { exact: true })).toBeVisible();
  await dashboardView.screenshot({ path: screenshotPath("41b-review-dashboard-view") });

  // A resurrection candidate: restore it, re-copy, it is in PostgreSQL and out of quarantine.
  await page.goto(baseUrl + "/steps/copy/records?case=resurrection_candidate");
  await rows.first().click();
  await expect(page.getByText("kept out of PostgreSQL (default)")).toBeVisible();
  const quarantine = page.getByRole("region", { name: /^Quarantine/ });
  await expect(quarantine).toContainText("resurrection candidate");
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Decision stored: restore." })).toBeVisible();
  recopy(dataDir);
  await page.reload();
  await expect(page.getByText("copied to PostgreSQL (your decision)")).toBeVisible();
  await expect(quarantine).not.toContainText("resurrection candidate");
  await expect(page.getByRole("columnheader", { name: "PostgreSQL (no record)" })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("42-review-restored"), fullPage: true });

  // The categorization tab: all 67 identical.
  await page.goto(baseUrl + "/steps/copy/records");
  await page.getByRole("link", { name: "Categorization records (67)" }).click();
  await expect(
    page.getByRole("heading", { name: "✓ All 67 categorization records identical in PostgreSQL" }),
  ).toBeVisible();
  await expect(page.getByText("✓ Identical: 67")).toBeVisible();
  await page.screenshot({ path: screenshotPath("43-review-categorization"), fullPage: true });

  // Confirm the defaults; the gate is then met.
  await page.getByRole("link", { name: "All records" }).click();
  await page.getByRole("button", { name: "Confirm all defaults" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Defaults confirmed for \d+ records?\./ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Review gate: ✓ ready to approve" })).toBeVisible();

  // Approve with the typed phrase: a wrong one is refused by the server.
  await page.goto(baseUrl + "/steps/copy");
  const phrase = page.locator("#approve-confirmation");
  await phrase.fill("copy is done");
  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: 'Typed confirmation: type "copy is complete"' }),
  ).toBeVisible();
  await phrase.fill("copy is complete");
  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Step approved." })).toBeVisible();

  await page.getByRole("link", { name: "Overview" }).click();
  const steps = page.getByRole("listitem");
  await expect(steps.nth(2)).toContainText("Approved");
  await expect(steps.nth(3)).toContainText("Ready");
  await page.screenshot({ path: screenshotPath("44-overview-copy-approved"), fullPage: true });
});
