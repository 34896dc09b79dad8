import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { runCli } from "./support/cli";
import { readPanelState, screenshotPath } from "./support/state";

/**
 * Step 3's review on the demo pair, starting from "copied and verified" (left by
 * step-3-copy.spec.ts), with a screenshot of each state the owner must read right: Approve
 * blocked by open decisions (and the list it links to, with the gate's count), a resurrection
 * candidate before and after restore, a refused approval that keeps what was typed, the
 * approval, and the approval revoked by a later decision.
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

/** A resurrection candidate nobody decided on yet, from the plan in the control DB. */
function undecidedCandidate(dataDir: string, except: string[]) {
  const db = new Database(path.join(dataDir, "control.db"), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT video_id AS videoId FROM merge_record WHERE merge_case = 'resurrection_candidate'
           AND plan_id = (SELECT max(id) FROM merge_plan)
           AND video_id NOT IN (SELECT video_id FROM merge_decision) ORDER BY ordinal`,
      )
      .all() as { videoId: string }[];
    return rows.map((row) => row.videoId).find((id) => !except.includes(id))!;
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

test("review: approve blocked by open decisions, switch a title, restore a candidate, refused then approved, revoked by a later decision", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { baseUrl, dataDir } = readPanelState();

  // Copied and verified, nothing decided yet: Approve is not offered; what is missing is, with a link.
  await page.goto(baseUrl + "/steps/copy");
  const approve = page.getByRole("region", { name: "Approve" });
  await expect(page.getByText("Checks passed — approval waits")).toBeVisible();
  await expect(page.getByText("Passed — awaiting approval")).toHaveCount(0);
  await expect(approve.getByRole("button", { name: "Approve this step" })).toHaveCount(0);
  const open = approve.getByRole("listitem").filter({ hasText: "every conflict and resurrection candidate decided" });
  await expect(open).toContainText(/: \d+ of \d+ conflicts and resurrection candidates still need a decision/);
  const pending = Number(/: (\d+) of \d+ conflicts/.exec((await open.textContent()) ?? "")![1]);
  await page.screenshot({ path: screenshotPath("45-approve-blocked-by-open-decisions"), fullPage: true });

  // The link lists exactly what the gate counts, and "Confirm defaults" counts the same.
  await open.getByRole("link", { name: "Review them →" }).click();
  await expect(page).toHaveURL(/\/steps\/copy\/records\?open=1$/);
  await expect(page.getByRole("heading", { name: `${pending} of 90 records (all cases)` })).toBeVisible();
  await expect(page.locator("[data-review-row]")).toHaveCount(pending);
  await expect(page.getByRole("form", { name: "Confirm defaults" })).toContainText(
    `The review gate waits for ${pending} records`,
  );
  await expect(page.getByRole("heading", { name: /^Review gate: 1 of 4 conditions open$/ })).toBeVisible();

  await page.goto(baseUrl + "/steps/copy/records");
  await expect(page.getByRole("heading", { name: "Review the copy", level: 1 })).toBeVisible();
  const cases = page.getByRole("navigation", { name: "Records by case" });
  await expect(cases.getByRole("link", { name: /All cases \(90\)/ })).toHaveAttribute("aria-current", "page");
  await expect(cases.getByRole("link", { name: "Resurrection candidate (6)", exact: true })).toBeVisible();
  await expect(cases.getByRole("link", { name: "NAS new (5)", exact: true })).toBeVisible();

  // j/k move focus through the rows; Enter opens the focused one.
  const rows = page.locator("[data-review-row]");
  await page.keyboard.press("j");
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.nth(0)).toBeFocused();
  await page.screenshot({ path: screenshotPath("40-review-records"), fullPage: true });

  // A both-differ record: take the title from the other side; the heading follows it; re-copy, PostgreSQL follows.
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
    "Run Copy and verify again (npx cutover copy) to apply it.",
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(titles[other]);
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

  // A resurrection candidate leads with the facts; restore it; the words follow: will be copied, then copied.
  await page.goto(baseUrl + "/steps/copy/records?case=resurrection_candidate");
  await expect(page.getByRole("heading", { name: "6 of 90 records" })).toBeVisible();
  await expect(rows).toHaveCount(6);
  await rows.first().click();
  const facts = page.getByRole("region", { name: "Probably deleted on the Dashboard" });
  await expect(facts).toContainText("Not on the Dashboard: only the NAS has this video");
  await expect(facts).toContainText("PostgreSQL: kept out of PostgreSQL (default).");
  await expect(facts).toContainText("Restore copies it into PostgreSQL with the next copy");
  const quarantine = page.getByRole("region", { name: /^Quarantine/ });
  await expect(quarantine).toContainText("resurrection candidate");
  await page.screenshot({ path: screenshotPath("46-candidate-before-restore"), fullPage: true });
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Decision stored: restore." })).toBeVisible();
  await expect(facts).toContainText("PostgreSQL: will be copied to PostgreSQL by the next copy (your decision).");
  recopy(dataDir);
  await page.reload();
  await expect(facts).toContainText("PostgreSQL: copied to PostgreSQL (your decision).");
  await expect(page.getByText("· copied to PostgreSQL (your decision)")).toBeVisible();
  await expect(quarantine).not.toContainText("resurrection candidate");
  await expect(page.getByRole("columnheader", { name: "PostgreSQL (no record)" })).toHaveCount(0);
  // its summary, shown from the start (only the NAS had it), and its HTML as PostgreSQL now holds it
  const frame = page.frameLocator('iframe[title="comprehensive, revision 1, as PostgreSQL holds it"]');
  await expect(frame.locator("body")).toContainText(/\w+/);
  await page.screenshot({ path: screenshotPath("47-candidate-after-restore"), fullPage: true });
  const restored = new URL(page.url()).pathname.split("/").at(-1)!;

  // The plan card counts the decision taken since the plan.
  await page.goto(baseUrl + "/steps/copy");
  await expect(
    page.getByRole("row", {
      name: /Resurrection candidate 6 Not copied: deleted on the Dashboard \(5\)\. Restored by your decision, so copied: 1\./,
    }),
  ).toBeVisible();

  // The categorization tab: all 67 identical.
  await page.goto(baseUrl + "/steps/copy/records");
  await page.getByRole("link", { name: "Categorization records (67)" }).click();
  await expect(
    page.getByRole("heading", { name: "✓ All 67 categorization records identical in PostgreSQL" }),
  ).toBeVisible();
  await expect(page.getByText("✓ Identical: 67")).toBeVisible();
  await page.screenshot({ path: screenshotPath("43-review-categorization"), fullPage: true });

  // Confirm the defaults; the gate is then met and Approve is offered.
  await page.getByRole("link", { name: "All records" }).click();
  await page.getByRole("button", { name: "Confirm all defaults" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Defaults confirmed for \d+ records?\./ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Review gate: ✓ ready to approve" })).toBeVisible();

  // A wrong phrase is refused by the server, and what the owner typed stays in the form.
  await page.goto(baseUrl + "/steps/copy");
  await expect(page.getByText("Passed — awaiting approval")).toBeVisible();
  const note = page.locator("#approve-note");
  const phrase = page.locator("#approve-confirmation");
  await note.fill("reviewed every conflict and candidate");
  await phrase.fill("copy is done");
  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: 'Typed confirmation: type "copy is complete"' }),
  ).toBeVisible();
  await expect(note).toHaveValue("reviewed every conflict and candidate");
  await expect(phrase).toHaveValue("copy is done");
  await page.screenshot({ path: screenshotPath("48-approve-refused-keeps-what-was-typed"), fullPage: true });

  // The page offered Approve, then a decision changed elsewhere (the CLI): the server refuses.
  const second = undecidedCandidate(dataDir, [restored]);
  const decided = runCli(dataDir, ["decide", second, "record", "restore", "--note", "from the terminal"]);
  expect(decided.code, decided.stderr).toBe(0);
  await phrase.fill("copy is complete");
  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: /PostgreSQL holds the current decisions: a decision changed after run #\d+/ }),
  ).toBeVisible();
  await expect(approve.getByRole("button", { name: "Approve this step" })).toHaveCount(0);
  recopy(dataDir);
  await page.reload();
  await page.locator("#approve-confirmation").fill("copy is complete");
  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Step 3 "Copy & diff" approved.' })).toBeVisible();

  await page.getByRole("link", { name: "Overview" }).click();
  const steps = page.getByRole("listitem");
  await expect(steps.nth(2)).toContainText("Approved");
  await expect(steps.nth(3)).toContainText("Ready");
  await page.screenshot({ path: screenshotPath("44-overview-copy-approved"), fullPage: true });

  // A decision changed after the approval revokes it: the overview, the stepper and the step page say so at the top.
  await page.goto(`${baseUrl}/steps/copy/records/${restored}`);
  await page.getByRole("button", { name: "Keep deleted" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Decision stored: keep deleted." })).toContainText(
    'Approval revoked: step 3 "Copy & diff".',
  );
  await expect(page.getByText("· still in PostgreSQL: the next copy takes it out (your decision)")).toBeVisible();
  await page.getByRole("link", { name: "Overview" }).click();
  const revoked = page.getByRole("alert").filter({ hasText: 'The approval of step 3 "Copy & diff" was revoked' });
  await expect(revoked).toContainText(`a merge decision changed after the approval (video ${restored}: keep deleted)`);
  await expect(revoked).toContainText("Next: Before it can be approved: a decision changed after run #");
  await expect(revoked).toContainText("run Copy and verify again (npx cutover copy) to apply it");
  await expect(steps.nth(2)).toContainText("↩ Approval revoked");
  await expect(steps.nth(2)).toContainText("Checks passed — approval waits");
  await page.screenshot({ path: screenshotPath("50-overview-approval-revoked"), fullPage: true });
  await page.goto(baseUrl + "/steps/copy");
  await expect(
    page.getByRole("alert").filter({ hasText: 'The approval of step 3 "Copy & diff" was revoked' }),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath("51-copy-approval-revoked"), fullPage: true });

  // The audit log of all this fits a 1280 px screen: long hashes and details fold, and unfold on a click.
  await page.getByRole("link", { name: "Audit log" }).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  const approval = page.getByRole("row").filter({ hasText: "✓ approved" }).filter({ hasText: "Copy & diff" }).first();
  await approval.getByText("show all").click();
  await expect(approval.locator("pre")).toContainText('"evidenceHash"');
  await approval.getByRole("group").last().locator("summary").click();
  await expect(approval.getByText(/^[0-9a-f]{64}$/).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: screenshotPath("52-audit-folded-details"), fullPage: true });
});
