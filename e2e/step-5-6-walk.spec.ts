import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Cookie, type Page } from "@playwright/test";
import { runCli } from "./support/cli";
import { freePort, type PanelProcess, startPanel, stopPanel } from "./support/panel-process";
import { screenshotPath } from "./support/state";

/**
 * Steps 5 and 6 walked as the owner would, on the demo pair, through a panel of its own (its own
 * throwaway data dir and port, so the shared panel the other specs use is neither needed nor
 * touched). Steps 1–4 are brought to approved through the real CLI; then, in Chromium: the freeze
 * window, the final parity run, the delete drill, a scan of a code folder with planted sync code
 * (an empty note refused, then acknowledged), the flip refused on a wrong phrase and done on the
 * right one, the typed verification, the rollback's preview, step 5 approved; dual write off, the
 * write-guard window, the demo NAS processing a video into PostgreSQL only, the archive, the move
 * aside refused on a wrong phrase and done on the right one, step 6 approved, the overview's done
 * state, and a change the UI no longer offers refused through the CLI.
 */
type Status = { steps: Array<{ id: string; state: string }> };
const DONE_REFUSAL =
  "cutover: Refused: the migration is complete (step 6 is approved); nothing may change the target or the SQLite sources any more. The evidence report stays available.";

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial" });

let dataDir = "";
let panel: PanelProcess | null = null;

function ok(args: string[]) {
  const result = runCli(dataDir, args);
  expect(result.code, `cutover ${args.join(" ")}: ${result.stderr}`).toBe(0);
  return result;
}

function stateOf(id: string) {
  return (JSON.parse(ok(["status", "--json"]).stdout) as Status).steps.find((s) => s.id === id)?.state;
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "cutover-e2e56-"));
  chmodSync(dataDir, 0o711);
  panel = await startPanel(dataDir, await freePort(), { PARITY_MIN_MINUTES: "0", PARITY_RUNS: "3" });

  ok(["backup", "--processing-stopped"]);
  ok(["approve", "backup"]);
  ok(["schema"]);
  ok(["approve", "schema"]);
  ok(["copy"]);
  ok(["decide", "--confirm-defaults"]);
  ok(["approve", "copy", "--confirm", "copy is complete"]);
  // the shadow read exits 1 while a kind of finding is open: the demo plants some, acknowledged here
  const shadow = JSON.parse(runCli(dataDir, ["shadow", "--json"]).stdout) as {
    kinds: { kind: string; open: number }[];
  };
  for (const { kind, open } of shadow.kinds)
    // (exits 1 until the last kind is acknowledged: the verdict it prints is still open)
    if (open) runCli(dataDir, ["shadow", "--acknowledge", kind, "--note", "seen side by side; the demo's differences"]);
  ok(["dual-write", "on"]);
  ok(["simulate-nas", "process"]);
  // (a run exits 1 while step 4's gate still fails, e.g. before the third clean run)
  for (let run = 0; run < 2; run++) runCli(dataDir, ["parity"]);
  const parity = JSON.parse(runCli(dataDir, ["parity", "--json"]).stdout);
  expect(parity, "the third parity run is clean").toMatchObject({ ok: true });
  const approved = runCli(dataDir, ["approve", "parity"]);
  expect(approved.code, `approve parity: ${approved.stdout}${approved.stderr}`).toBe(0);
  expect(stateOf("parity")).toBe("approved");
});

test.afterAll(async () => {
  if (panel) await stopPanel(panel, "SIGINT");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const card = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

// The login link works once: the first test uses it, the later ones carry its session cookie.
let session: Cookie[] | null = null;

async function logIn(page: Page) {
  if (session) {
    await page.context().addCookies(session);
    await page.goto(panel!.baseUrl + "/");
  } else {
    await page.goto(panel!.loginUrl);
    session = await page.context().cookies();
  }
  await expect(page.getByRole("heading", { name: "Move YTV2 to PostgreSQL" })).toBeVisible();
}

test("step 5: freeze, final parity, drill, scan acknowledged, a wrong phrase refused, flip verified, rollback previewed, approved", async ({
  page,
}) => {
  test.setTimeout(600_000);
  await logIn(page);
  const codeDir = path.join(dataDir, "demo-nas-code");
  mkdirSync(codeDir, { recursive: true });
  writeFileSync(
    path.join(codeDir, "telegram_bot.py"),
    "import subprocess\n\ndef on_processed(video):\n    subprocess.run(['python', 'sync_sqlite_db.py'])\n",
  );

  await page.goto(panel!.baseUrl + "/steps/cutover");
  await expect(page.getByRole("heading", { name: "Cutover", level: 1 })).toBeVisible();
  const freeze = card(page, "1. Freeze window");
  const parity = card(page, "2. Final parity run");
  const drill = card(page, "3. Delete drill");
  const scan = card(page, "4. Sync-code scan");
  const flip = card(page, "5. The flip");
  await expect(freeze).toContainText("the owner has not confirmed processing is stopped");
  await expect(flip).toContainText("The flip waits for items 1–4 above; the server refuses it until then.");
  await page.screenshot({ path: screenshotPath("e2e56-50-cutover-start"), fullPage: true });

  await freeze.getByRole("button", { name: "I have stopped processing: open the window" }).click();
  await expect(freeze).toContainText("Freeze window opened", { timeout: 60_000 });
  await expect(freeze).toContainText("confirmed by owner (panel)");
  await expect(freeze).toContainText("both live files unchanged since the window opened");

  await parity.getByRole("button", { name: "Run the final parity check" }).click();
  await expect(parity).toContainText(/Final parity run \d+: \d+ videos compared, 0 open differences\./, {
    timeout: 120_000,
  });
  await expect(parity).toContainText(/videos compared, 0 open differences/);

  await drill.getByRole("button", { name: "Run the delete drill" }).click();
  await expect(drill).toContainText(/Drill #\d+ passed\./, { timeout: 120_000 });

  await scan.getByLabel(/Folders to scan/).fill(codeDir);
  await scan.getByRole("button", { name: "Scan for sync code" }).click();
  await expect(scan).toContainText("telegram_bot.py", { timeout: 60_000 });
  await expect(scan).toContainText(/not acknowledged/);
  await page.screenshot({ path: screenshotPath("e2e56-51-cutover-scan-findings"), fullPage: true });

  const acknowledge = scan.getByRole("button", { name: "Acknowledge", exact: true });
  // (a filter's inner locator is resolved from the form, so it is rooted at the page)
  const ackForms = scan.locator("form").filter({ has: page.getByRole("button", { name: "Acknowledge", exact: true }) });
  const findings = await acknowledge.count();
  expect(findings).toBeGreaterThan(0);
  // a note of blanks says nothing: refused, nothing acknowledged
  const first = ackForms.first();
  await first.getByRole("textbox").fill("   ");
  await first.getByRole("button", { name: "Acknowledge", exact: true }).click();
  await expect(first.getByRole("alert")).toContainText("Write a note: why is this finding safe?");
  await expect(acknowledge).toHaveCount(findings);
  await page.screenshot({ path: screenshotPath("e2e56-52-cutover-empty-note-refused"), fullPage: true });
  for (let left = findings; left > 0; left--) {
    const form = ackForms.first();
    await form.getByRole("textbox").fill("the auto-sync call is removed from the NAS's handler");
    await form.getByRole("button", { name: "Acknowledge", exact: true }).click();
    await expect(acknowledge).toHaveCount(left - 1);
  }
  await expect(scan).toContainText(/all \d+ findings? acknowledged with a note/);
  await expect(flip).not.toContainText("The flip waits for items 1–4 above");

  // a wrong phrase: refused, read_from_postgres untouched
  await flip.getByLabel(/Type read from postgresql/).fill("flip it");
  await flip.getByRole("button", { name: "Flip to PostgreSQL" }).click();
  await expect(flip.getByRole("alert")).toContainText('type "read from postgresql"');
  await expect(flip).toContainText("not flipped yet");
  expect(stateOf("cutover")).not.toBe("approved");
  await page.screenshot({ path: screenshotPath("e2e56-53-cutover-wrong-phrase"), fullPage: true });

  await flip.getByLabel(/Type read from postgresql/).fill("read from postgresql");
  await flip.getByRole("button", { name: "Flip to PostgreSQL" }).click();
  await expect(flip).toContainText("READ_FROM_POSTGRES=true", { timeout: 60_000 });
  await expect(flip).toContainText(/flip \d+ at .* by owner \(panel\)/);
  await expect(flip).toContainText("not verified yet");
  await page.screenshot({ path: screenshotPath("e2e56-54-cutover-flipped"), fullPage: true });

  await flip.getByLabel(/Type i switched and restarted/).fill("i switched and restarted");
  await flip.getByRole("button", { name: "Confirm the switch" }).click();
  await expect(flip).toContainText('confirmed "i switched and restarted"', { timeout: 60_000 });
  const rollback = flip.getByRole("region", { name: /Roll back/ });
  await expect(rollback).toContainText("What rolling back would do to the Dashboard's view now:");
  await expect(rollback).toContainText("Deleted in PostgreSQL since the flip — would come back: 0");
  await expect(rollback.getByRole("button", { name: "Roll back" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("e2e56-55-cutover-verified-rollback-preview"), fullPage: true });

  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Step 5 "Cutover" approved.' })).toBeVisible();
  await page.screenshot({ path: screenshotPath("e2e56-56-cutover-approved"), fullPage: true });
  expect(stateOf("cutover")).toBe("approved");
});

test("step 6: dual write off, write guard, the NAS processes a video, archive, a wrong phrase refused, originals moved aside, approved, done", async ({
  page,
}) => {
  test.setTimeout(600_000);
  await logIn(page);
  await page.goto(panel!.baseUrl + "/steps/archive");
  await expect(page.getByRole("heading", { name: "Archive", level: 1 })).toBeVisible();
  const dualWrite = card(page, "1. Dual write off");
  const guard = card(page, "2. Write guard");
  const archive = card(page, "3. Archive");
  const moveAside = card(page, "4. Move the originals aside");
  await expect(guard).toContainText("No window is open yet.");
  await page.screenshot({ path: screenshotPath("e2e56-60-archive-start"), fullPage: true });

  await dualWrite.getByRole("checkbox").check();
  await dualWrite.getByRole("button", { name: "Confirm dual write is off" }).click();
  await expect(dualWrite).toContainText(/Dual write off since .*, confirmed by owner \(panel\)\./, { timeout: 60_000 });

  await guard.getByRole("button", { name: "Open the write-guard window" }).click();
  await expect(guard).toContainText(/Window open since /, { timeout: 60_000 });

  const demoNas = card(page, "Demo only: the NAS processes a video");
  await demoNas.getByRole("button", { name: /Process a new video/ }).click();
  await expect(demoNas).toContainText("PostgreSQL only", { timeout: 60_000 });
  await page.screenshot({ path: screenshotPath("e2e56-61-archive-window-video"), fullPage: true });

  await archive.getByRole("button", { name: "Archive both files" }).click();
  await expect(archive).toContainText(/Latest archive run: #\d+, passed/, { timeout: 180_000 });
  await expect(archive.getByRole("row").filter({ hasText: "NAS" })).toContainText("passed");
  await expect(archive.getByRole("row").filter({ hasText: "Dashboard" })).toContainText("passed");
  await expect(archive).toContainText(`still at ${path.join(dataDir, "demo", "nas.db")}`);
  await expect(guard).toContainText(/was closed by archive run #\d+\./);
  await page.screenshot({ path: screenshotPath("e2e56-62-archive-passed"), fullPage: true });

  const phrase = moveAside.getByLabel(/to move the local originals/);
  await phrase.fill("move them");
  await moveAside.getByRole("button", { name: "Move the originals aside" }).click();
  await expect(moveAside.getByRole("alert")).toContainText(
    'Refused: type "move the originals aside" to move the originals; nothing was moved.',
  );
  expect(existsSync(path.join(dataDir, "demo", "nas.db"))).toBe(true);
  expect(existsSync(path.join(dataDir, "demo", "dashboard.db"))).toBe(true);
  await page.screenshot({ path: screenshotPath("e2e56-63-archive-wrong-phrase"), fullPage: true });

  await phrase.fill("move the originals aside");
  await moveAside.getByRole("button", { name: "Move the originals aside" }).click();
  await expect(moveAside).toContainText("Every local original of the latest archive is in its archive folder.", {
    timeout: 60_000,
  });
  expect(existsSync(path.join(dataDir, "demo", "nas.db"))).toBe(false);
  expect(existsSync(path.join(dataDir, "demo", "dashboard.db"))).toBe(false);
  await expect(archive).toContainText("moved into the archive folder at");

  await page.getByRole("button", { name: "Approve this step" }).click();
  await expect(page.getByRole("status").filter({ hasText: 'Step 6 "Archive" approved.' })).toBeVisible();
  await page.screenshot({ path: screenshotPath("e2e56-64-archive-approved"), fullPage: true });

  await page.goto(panel!.baseUrl + "/");
  await expect(page.getByRole("status").filter({ hasText: "The migration is complete" })).toContainText(
    "all six steps are approved",
  );
  await expect(page.getByRole("link", { name: "Evidence report", exact: true })).toBeVisible();
  await expect(page.getByText("source files are only read")).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("e2e56-65-overview-complete"), fullPage: true });

  // A change the panel no longer offers, asked for through the CLI: refused in words, nothing changed.
  const copy = runCli(dataDir, ["copy"]);
  expect(copy.code).toBe(1);
  expect(copy.stderr).toContain(DONE_REFUSAL);
  const schema = runCli(dataDir, ["schema"]);
  expect(schema.code).toBe(1);
  expect(schema.stderr).toContain(DONE_REFUSAL);
  expect(existsSync(path.join(dataDir, "demo", "nas.db"))).toBe(false);
  expect(stateOf("archive")).toBe("approved");
});

test("after the archive, a restart of the panel leaves the moved demo files gone and the migration complete", async ({
  page,
}) => {
  test.setTimeout(300_000);
  expect(await stopPanel(panel!, "SIGINT")).toBe(0);
  panel = await startPanel(dataDir, await freePort(), { PARITY_MIN_MINUTES: "0", PARITY_RUNS: "3" });
  session = null; // a new port: log in with the link this start printed
  expect(existsSync(path.join(dataDir, "demo", "nas.db"))).toBe(false);
  expect(existsSync(path.join(dataDir, "demo", "dashboard.db"))).toBe(false);
  await logIn(page);
  await expect(page.getByRole("status").filter({ hasText: "The migration is complete" })).toBeVisible();
  const archivePage = await page.goto(panel!.baseUrl + "/steps/archive");
  expect(archivePage?.status()).toBe(200);
  await expect(card(page, "4. Move the originals aside")).toContainText(
    "Every local original of the latest archive is in its archive folder.",
  );
  const cutoverPage = await page.goto(panel!.baseUrl + "/steps/cutover");
  expect(cutoverPage?.status()).toBe(200);
  await expect(card(page, "5. The flip")).toContainText("Rollback is closed: step 6 (Archive) is approved.");
  await expect(page.getByRole("banner")).toContainText("Sources: demo pair (archived, moved aside)");
  // step 6 is approved too: no step is left to continue with
  await expect(page.getByRole("region", { name: "Way forward" })).toContainText("Every step is approved.");
  // the server refuses every change now: the page offers none
  await expect(card(page, "1. Freeze window")).toContainText(
    "The migration is complete (step 6 is approved): nothing here runs any more.",
  );
  await expect(
    page.getByRole("button", {
      name: /^(Run the|Scan for sync code|Acknowledge|I have stopped|I stopped|Flip to|Confirm the switch|Roll back)/,
    }),
  ).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("e2e56-66-cutover-after-restart"), fullPage: true });
  expect(existsSync(path.join(dataDir, "demo", "nas.db"))).toBe(false);
});
