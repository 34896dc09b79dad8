import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, request, test } from "@playwright/test";
import { countOf } from "../lib/common/plural";
import { runCli } from "./support/cli";
import { readPanelState, screenshotPath } from "./support/state";

/**
 * The evidence report on the demo pair after steps 1–3: refused without a session, downloaded
 * from the overview's link, opened in Chromium (nothing fetched), printed to PDF, and its
 * SHA-256 found in the audit log. Screenshots of the page on screen and as printed.
 */
type Status = { steps: Array<{ id: string; state: string }> };

test.beforeAll(() => {
  const { dataDir } = readPanelState();
  const state = (id: string) =>
    (JSON.parse(runCli(dataDir, ["status", "--json"]).stdout) as Status).steps.find((step) => step.id === id)?.state;
  if (state("copy") === "approved") return;
  // Run on its own (or after the review left step 3 unapproved): bring steps 1–3 to approved through the real CLI.
  if (state("backup") !== "approved") {
    expect(runCli(dataDir, ["backup", "--processing-stopped"]).code).toBe(0);
    expect(runCli(dataDir, ["approve", "backup"]).code).toBe(0);
  }
  if (state("schema") !== "approved") {
    expect(runCli(dataDir, ["schema"]).code).toBe(0);
    expect(runCli(dataDir, ["approve", "schema"]).code).toBe(0);
  }
  expect(runCli(dataDir, ["copy"]).code).toBe(0);
  expect(runCli(dataDir, ["decide", "--confirm-defaults"]).code).toBe(0);
  const approved = runCli(dataDir, ["approve", "copy", "--confirm", "copy is complete"]);
  expect(approved.code, approved.stderr).toBe(0);
});

test("the report route refuses without a session", async () => {
  const anonymous = await request.newContext({
    storageState: { cookies: [], origins: [] },
    baseURL: readPanelState().baseUrl,
  });
  const response = await anonymous.get("/api/report");
  expect(response.status()).toBe(401);
  expect(response.headers()["content-disposition"]).toBeUndefined();
  await anonymous.dispose();
});

test("the overview's link downloads the draft report; Chromium shows it and prints it to PDF", async ({ page }) => {
  const { baseUrl, dataDir } = readPanelState();
  await page.goto(baseUrl + "/");
  const link = page.getByRole("link", { name: "Evidence report (draft)" });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^ytv2-evidence-report-draft-[\dT-]+Z\.html$/);
  const file = path.resolve("e2e/artifacts/evidence-report-draft.html");
  await download.saveAs(file);
  const html = readFileSync(file, "utf8");

  // its SHA-256 is in the audit log, as the download's entry
  const sha = createHash("sha256").update(html).digest("hex");
  const db = new Database(path.join(dataDir, "control.db"), { readonly: true });
  const entries = db
    .prepare("SELECT detail FROM audit_log WHERE action = 'report' ORDER BY seq DESC LIMIT 1")
    .all() as Array<{ detail: string }>;
  const finishedParityRuns = (
    db.prepare("SELECT count(*) AS n FROM parity_run WHERE status = 'finished'").get() as { n: number }
  ).n;
  db.close();
  expect(JSON.parse(entries[0]!.detail)).toMatchObject({ to: "download", format: "html", sha256: { html: sha } });

  // opened on its own, in a tab of its own (the panel's tab may still be fetching its scripts), it fetches nothing
  const report = await page.context().newPage();
  const requests: string[] = [];
  report.on("request", (r) => requests.push(r.url()));
  await report.goto(`file://${file}`);
  expect(requests).toEqual([`file://${file}`]);
  await expect(report.locator("#draft")).toHaveText(/^DRAFT — Step 6 \(Archive\) is not approved yet/);
  for (const id of [
    "steps",
    "audit",
    "categorization-count",
    "categorization-records",
    "quarantine",
    "parity",
    "archive",
  ]) {
    await expect(report.locator(`section#${id}`)).toBeVisible();
  }
  await expect(report.locator("#categorization-records h2")).toHaveText(/^Categorization records \(\d+\)$/);
  await expect(report.locator("#categorization-records tbody tr").filter({ hasText: "✓ identical" })).toHaveCount(
    await report.locator("#categorization-records tbody tr").count(),
  );
  await expect(report.locator("#audit")).toContainText("✓ verified");
  // the step-4 spec may have run parity on this panel before; the report says exactly what is recorded
  await expect(report.locator("#parity")).toContainText(
    finishedParityRuns === 0
      ? "Not run yet: no parity run is recorded."
      : `${countOf(finishedParityRuns, "finished parity run")};`,
  );
  await report.screenshot({ path: screenshotPath("report-draft"), fullPage: true });

  await report.emulateMedia({ media: "print" });
  await report.screenshot({ path: screenshotPath("report-draft-print-media"), fullPage: true });
  const pdf = await report.pdf({
    path: "e2e/artifacts/evidence-report-draft.pdf",
    format: "A4",
    printBackground: true,
  });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  // the header, then steps, audit, count, records and quarantine each start a page (the "not run yet" sections share one)
  expect((pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(6);
});
