import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { simulateProcessVideo } from "../lib/demo/nas-simulator";
import { runCli } from "./support/cli";
import { readPanelState, screenshotPath } from "./support/state";

/**
 * Step 5 on the demo pair, from step 4 approved (prepared through the CLI when an earlier spec
 * has not): the freeze window, the drill, a scan of a demo code folder with planted sync code,
 * each finding acknowledged, the final parity run, the flip typed and confirmed (the panel has no
 * DASHBOARD_URL), the rollback with its delta, the flip again, and step 5 approved.
 */
type Status = { steps: Array<{ id: string; state: string }> };

function embeddedUrl(dataDir: string): string {
  const server = JSON.parse(readFileSync(path.join(dataDir, "postgres", "server.json"), "utf8"));
  const credentials = JSON.parse(readFileSync(path.join(dataDir, "postgres", "credentials.json"), "utf8"));
  return `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${server.port}/ytv2`;
}

function ok(dataDir: string, args: string[]) {
  const result = runCli(dataDir, args);
  expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
  return result;
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
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
  if (state("parity") !== "approved") {
    const shadow = JSON.parse(runCli(dataDir, ["shadow", "--json"]).stdout) as {
      kinds: { kind: string; open: number }[];
    };
    for (const { kind, open } of shadow.kinds)
      if (open) runCli(dataDir, ["shadow", "--acknowledge", kind, "--note", "seen side by side; expected"]);
    ok(dataDir, ["dual-write", "on"]);
    await simulateProcessVideo({
      nasFile: path.join(dataDir, "demo", "nas.db"),
      databaseUrl: embeddedUrl(dataDir),
      dualWrite: true,
      video: { videoId: "e2eStep5Both", title: "Processed in both", channel: "Demo Channel", summary: "Both." },
    });
    for (let run = 0; run < 3; run++) runCli(dataDir, ["parity"]);
    ok(dataDir, ["approve", "parity"]);
  }
});

const region = (page: Page, name: string) => page.getByRole("region", { name });

test("cutover: freeze, drill, scan acknowledged, final parity, flip confirmed, rolled back, flipped again, approved", async ({
  page,
}) => {
  test.setTimeout(600_000);
  const { dataDir, baseUrl } = readPanelState();
  const codeDir = path.join(dataDir, "demo-nas-code");
  mkdirSync(codeDir, { recursive: true });
  writeFileSync(
    path.join(codeDir, "telegram_bot.py"),
    "import subprocess\n\ndef on_processed(video):\n    subprocess.run(['python', 'sync_sqlite_db.py'])\n",
  );

  await page.goto(baseUrl + "/steps/cutover");
  await expect(page.getByRole("heading", { name: "Cutover", level: 1 })).toBeVisible();
  const flipCard = region(page, "5. The flip");
  await expect(flipCard).toContainText("The flip waits for items 1–4 above");
  await page.screenshot({ path: screenshotPath("70-cutover-start"), fullPage: true });

  const freeze = region(page, "1. Freeze window");
  await freeze.getByRole("button", { name: "I have stopped processing: open the window" }).click();
  await expect(freeze).toContainText("confirmed by owner (panel)", { timeout: 60_000 });
  await expect(freeze).toContainText("both live files unchanged since the window opened");

  const drill = region(page, "3. Delete drill");
  await drill.getByRole("button", { name: "Run the delete drill" }).click();
  await expect(drill).toContainText("Drill passed", { timeout: 120_000 });

  const scan = region(page, "4. Sync-code scan");
  await scan.getByLabel(/Folders to scan/).fill(codeDir);
  await scan.getByRole("button", { name: "Scan for sync code" }).click();
  await expect(scan).toContainText("telegram_bot.py", { timeout: 60_000 });
  await page.screenshot({ path: screenshotPath("71-cutover-scan-findings"), fullPage: true });
  const acknowledge = scan.getByRole("button", { name: "Acknowledge", exact: true });
  for (let left = await acknowledge.count(); left > 0; left--) {
    const form = scan.locator("form").filter({ has: acknowledge }).first();
    await form.getByRole("textbox").fill("the auto-sync call is removed from the NAS's handler");
    await form.getByRole("button", { name: "Acknowledge", exact: true }).click();
    await expect(acknowledge).toHaveCount(left - 1);
  }
  await expect(scan).toContainText("acknowledged with a note");

  const parity = region(page, "2. Final parity run");
  await parity.getByRole("button", { name: "Run the final parity check" }).click();
  await expect(parity).toContainText("0 open differences", { timeout: 120_000 });

  await flipCard.getByLabel(/Type read from postgresql/).fill("flip it");
  await flipCard.getByRole("button", { name: "Flip to PostgreSQL" }).click();
  await expect(flipCard.getByRole("alert")).toContainText('type "read from postgresql"');
  await flipCard.getByLabel(/Type read from postgresql/).fill("read from postgresql");
  await flipCard.getByRole("button", { name: "Flip to PostgreSQL" }).click();
  await expect(flipCard).toContainText("READ_FROM_POSTGRES=true", { timeout: 60_000 });
  await flipCard.getByLabel(/Type i switched and restarted/).fill("i switched and restarted");
  await flipCard.getByRole("button", { name: "Confirm the switch" }).click();
  await expect(flipCard).toContainText('confirmed "i switched and restarted"', { timeout: 60_000 });
  await expect(flipCard).toContainText("Deleted in PostgreSQL since the flip — would come back: 0");
  await page.screenshot({ path: screenshotPath("72-cutover-flipped-verified"), fullPage: true });

  const rollback = flipCard.getByRole("region", { name: /Roll back/ });
  await rollback.getByLabel(/Type roll back to sqlite/).fill("roll back to sqlite");
  await rollback.getByRole("button", { name: "Roll back" }).click();
  await expect(flipCard).toContainText(/flip 1 was rolled back at/, { timeout: 60_000 });
  await page.screenshot({ path: screenshotPath("73-cutover-rolled-back"), fullPage: true });

  await flipCard.getByLabel(/Type read from postgresql/).fill("read from postgresql");
  await flipCard.getByRole("button", { name: "Flip to PostgreSQL" }).click();
  await flipCard.getByLabel(/Type i switched and restarted/).fill("i switched and restarted");
  await flipCard.getByRole("button", { name: "Confirm the switch" }).click();
  await expect(flipCard).toContainText(/flip 2 at/, { timeout: 60_000 });
  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Step 5 "Cutover" approved.' })).toBeVisible();
  await page.screenshot({ path: screenshotPath("74-cutover-approved"), fullPage: true });
});
