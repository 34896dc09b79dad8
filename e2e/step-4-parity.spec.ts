import { expect, test } from "@playwright/test";
import { runCli } from "./support/cli";
import { readPanelState, screenshotPath } from "./support/state";

/**
 * Step 4 on the demo pair: dual write confirmed on the page, a video processed by the demo NAS (the
 * page's "simulate the NAS") into both stores, a failure injected (PostgreSQL got `(untitled)`),
 * named on the page, accepted with a note, and the step approved after three clean runs.
 */
type Status = { steps: Array<{ id: string; state: string }> };

function ok(dataDir: string, args: string[]) {
  const result = runCli(dataDir, args);
  expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
  return result;
}

test.beforeAll(() => {
  const { dataDir } = readPanelState();
  const state = (id: string) =>
    (JSON.parse(runCli(dataDir, ["status", "--json"]).stdout) as Status).steps.find((s) => s.id === id)?.state;
  if (state("backup") !== "approved") {
    ok(dataDir, ["backup", "--processing-stopped"]);
    ok(dataDir, ["approve", "backup"]);
  }
  if (state("schema") !== "approved") {
    ok(dataDir, ["schema"]);
    ok(dataDir, ["approve", "schema"]);
  }
  if (state("copy") !== "approved") {
    ok(dataDir, ["copy"]);
    ok(dataDir, ["decide", "--confirm-defaults"]);
    ok(dataDir, ["approve", "copy", "--confirm", "copy is complete"]);
  }
});

test("parity: dual write on, a processed video seen in both, a failure named, accepted, three clean runs, approved", async ({
  page,
}) => {
  test.setTimeout(600_000);
  const { dataDir, baseUrl } = readPanelState();
  await page.goto(baseUrl + "/steps/parity");
  await expect(page.getByRole("heading", { name: "Parity", level: 1 })).toBeVisible();
  const dualWrite = page.getByRole("region", { name: "Dual write" });
  await expect(dualWrite).toContainText("DUAL_SYNC=true and PG_INGEST_ENABLED=true");
  await page.screenshot({ path: screenshotPath("60-parity-dual-write-off"), fullPage: true });
  await dualWrite.getByRole("checkbox").check();
  await dualWrite.getByRole("button", { name: "Confirm dual write is on" }).click();
  await expect(dualWrite.getByRole("status").filter({ hasText: "Dual write on since" })).toContainText(
    "confirmed by owner (panel)",
  );

  // The demo's own NAS, from the page: one video into both stores, one whose title PostgreSQL gets as a default.
  const simulate = page.getByRole("region", { name: "Demo only: simulate the NAS" });
  await simulate.getByRole("button", { name: "Process a new video (as the NAS does in dual write)" }).click();
  const processed = simulate
    .getByRole("status")
    .filter({ hasText: /Processed \S+: written to the NAS file and to PostgreSQL/ });
  await expect(processed).toBeVisible();
  const both = /Processed (\S+):/.exec((await processed.textContent())!)![1]!;
  await simulate.getByRole("button", { name: "Process a video whose title reaches PostgreSQL as (untitled)" }).click();
  const injected = simulate.getByRole("status").filter({ hasText: /Processed \S+: failure injected: untitled/ });
  await expect(injected).toBeVisible();
  const untitled = /Processed (\S+):/.exec((await injected.textContent())!)![1]!;
  await page.screenshot({ path: screenshotPath("60b-parity-simulated-nas"), fullPage: true });

  await page.getByRole("button", { name: "Run parity check" }).click();
  const differences = page.getByRole("region", { name: /Differences found by the latest parity run \(finished/ });
  await expect(differences).toBeVisible({ timeout: 120_000 });
  const drift = differences.getByRole("listitem").filter({ hasText: untitled });
  await expect(drift).toContainText("field_drift");
  await expect(drift).toContainText(`"Simulated video ${untitled}"`);
  await expect(drift).toContainText('"(untitled)"');
  await page.screenshot({ path: screenshotPath("61-parity-drift-named"), fullPage: true });

  // The difference opens in step 3's record view with parity's four columns, the drifted field marked with its kind.
  await drift
    .getByRole("link", { name: `Open ${untitled} in the record view (NAS, Dashboard, merged, PostgreSQL) →` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/steps/parity/records/${untitled}#field-title$`));
  await expect(page.getByRole("heading", { name: `Simulated video ${untitled}`, level: 1 })).toBeVisible();
  const fields = page.getByRole("table", { name: "Fields with a parity difference (⚑ names its kind)" });
  await expect(fields.getByRole("columnheader")).toHaveText([
    "Field",
    "NAS",
    "Dashboard (not in the Dashboard file)",
    "Merged by the copy's rules",
    "PostgreSQL",
  ]);
  const title = fields.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^title/ }) });
  await expect(title.getByRole("rowheader")).toContainText("field_drift");
  await expect(title.getByRole("rowheader")).toContainText("a field differs");
  await expect(title.getByRole("cell")).toHaveText([
    `Simulated video ${untitled}`,
    "— (not in the Dashboard file)",
    `Simulated video ${untitled}`,
    "(untitled)",
  ]);
  await expect(title).toHaveClass(/bg-rose-50/);
  const recorded = page.getByRole("region", {
    name: /^Differences parity run #\d+ found for this video: 1 difference$/,
  });
  await expect(recorded).toContainText("still found now");
  await expect(recorded.getByRole("button", { name: "Re-copy this record" })).toBeVisible();
  await expect(recorded.getByRole("button", { name: "Accept with this note" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("61c-parity-difference-record-view"), fullPage: true });
  await page.getByRole("link", { name: "← Back to step 4's differences" }).click();
  await expect(differences).toBeVisible();

  await drift.getByLabel("Note (why this difference is acceptable)").fill("the NAS's default title; fixed on the NAS");
  await drift.getByRole("button", { name: "Accept with this note" }).click();
  // accepted: the row says so and offers no remedy any more
  await expect(drift.getByText("accepted", { exact: true })).toBeVisible();
  await expect(drift.getByRole("button")).toHaveCount(0);

  // The shadow read: the Dashboard of both eras, card by card; each kind of finding read and acknowledged.
  await page.getByRole("button", { name: "Run the shadow read" }).click();
  const shadow = page.getByRole("region", { name: "Shadow read: the Dashboard in both eras" });
  const acknowledge = shadow.getByRole("button", { name: /^Acknowledge / });
  await expect(acknowledge.first()).toBeVisible({ timeout: 120_000 });
  await page.screenshot({ path: screenshotPath("61b-shadow-read-findings"), fullPage: true });
  for (let left = await acknowledge.count(); left > 0; left--) {
    // `has` is queried inside each form, so it is rooted at the page, not at the section
    const form = shadow
      .locator("form")
      .filter({ has: page.getByRole("button", { name: /^Acknowledge / }) })
      .first();
    await form.getByRole("textbox").fill("Seen side by side: the PostgreSQL era shows it right");
    await form.getByRole("button", { name: /^Acknowledge / }).click();
    await expect(acknowledge).toHaveCount(left - 1);
  }
  await expect(shadow).toContainText("acknowledged");

  for (let run = 0; run < 3; run++) ok(dataDir, ["parity"]);
  await page.goto(baseUrl + "/steps/parity");
  await expect(page.getByRole("region", { name: /Differences found by the latest parity run/ })).toContainText(
    "accepted",
  );
  const checks = page.getByRole("region", { name: /Checks of run/ });
  await expect(checks).toContainText("A video processed during dual write seen in both stores");
  await expect(checks).toContainText(both);
  await page.screenshot({ path: screenshotPath("62-parity-gate-green"), fullPage: true });
  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Step 4 "Parity" approved.' })).toBeVisible();
  await page.screenshot({ path: screenshotPath("63-parity-approved"), fullPage: true });
});
