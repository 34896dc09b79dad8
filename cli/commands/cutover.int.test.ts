import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCards } from "../../lib/contract/dashboard-pg";
import { drillAction } from "../../lib/drill/drill-run";
import { withTargetClient } from "../../lib/target/connect";
import { getStepStatusOrThrow } from "../../lib/workflow/workflow";
import { demoHarness, type Harness } from "../../test/support/copy-harness";
import { approveThroughParity } from "../../test/support/cutover";
import { startHealthServer, type HealthServer } from "../../test/support/health-server";
import { harnessEnv, runCliAsync } from "../../test/support/cli";

const ACTOR = "owner (test)";
let h: Harness;
let health: HealthServer;
let codeDir: string;

/** The real CLI in a child process (asynchronous: the stand-in Dashboard answers from this process). */
const cli = (env: Record<string, string>, ...args: string[]) =>
  runCliAsync({ env: { ...harnessEnv(h), ...env } }, ...args);
const run = (...args: string[]) => cli({}, ...args);

beforeAll(async () => {
  h = await demoHarness();
  codeDir = path.join(h.dir, "nas-code");
  mkdirSync(codeDir, { recursive: true });
  writeFileSync(
    path.join(codeDir, "sync.sh"),
    "#!/bin/sh\nscp data/ytv2_content.db dashboard:/app/data/ytv2_content.db\n",
  );
  await approveThroughParity(h, ACTOR);
  const listed = await withTargetClient(h.databaseUrl, async (client) => (await listCards(client)).total_count);
  health = await startHealthServer([
    { body: { backend: "postgres", read_from_postgres: true, dsn_set: true, record_count: listed } },
  ]);
});
afterAll(async () => {
  await health?.close();
  await h?.cleanup();
});

describe("step 5's commands", () => {
  it("freeze, scan with acknowledgement, final parity, flip verified through DASHBOARD_URL, approve, rollback", async () => {
    const gate = await run("flip", "--json");
    expect(gate.code).toBe(1);
    const checks = (JSON.parse(gate.stdout) as { checks: { name: string; ok: boolean }[] }).checks;
    expect(checks.filter((c) => !c.ok).map((c) => c.name)).toContain("Processing stopped for the freeze window");

    const refusedFlip = await run("flip", "--confirm", "read from postgresql");
    expect(refusedFlip.code).toBe(1);
    expect(refusedFlip.stderr).toMatch(
      /^cutover: Refused: the flip waits for Processing stopped for the freeze window/m,
    );

    const frozen = await run("freeze", "--processing-stopped", "--json");
    expect(frozen.code).toBe(0);
    expect(Object.keys(JSON.parse(frozen.stdout))).toEqual(["ok", "openedAt", "target", "sources"]);
    expect((await run("freeze")).stdout).toMatch(/both live files unchanged since the window opened/);

    const scanned = await run("scan", codeDir, "--json");
    expect(scanned.code).toBe(1);
    const scan = JSON.parse(scanned.stdout) as { ok: boolean; open: number; findings: { id: string; file: string }[] };
    expect(scan.ok).toBe(false);
    expect(scan.findings.length).toBeGreaterThan(0);
    expect(scan.findings[0]!.file).toBe("sync.sh");
    const noNote = await run("scan", "--acknowledge", scan.findings[0]!.id, "--note", " ");
    expect(noNote.stderr).toMatch(/needs a note/);
    let last = noNote;
    for (const finding of scan.findings)
      last = await run("scan", "--acknowledge", finding.id.slice(0, 12), "--note", "script deleted on the NAS");
    expect(last.code).toBe(0);
    expect(last.stdout).toMatch(/0 findings of scan #1 still open/);

    await drillAction(h.ctx, h.databaseUrl, ACTOR);
    const parity = await run("final-parity", "--json");
    expect(parity.code).toBe(0);
    expect(JSON.parse(parity.stdout)).toMatchObject({ ok: true, open: 0 });

    const flipped = await cli({ DASHBOARD_URL: health.url }, "flip", "--confirm", "Read from PostgreSQL");
    expect(flipped.code).toBe(0);
    expect(flipped.stdout).toMatch(/^Flip 1 recorded: read_from_postgres is on/m);
    expect(flipped.stdout).toContain("READ_FROM_POSTGRES=true");
    expect(flipped.stdout).toMatch(/^✓ Flip verified: .*reports postgres with \d+ records, the target lists \d+/m);
    expect(flipped.stdout).toContain("Step 5's checks passed");
    expect((await run("approve", "cutover")).code).toBe(0);
    expect((await getStepStatusOrThrow(h.ctx, "cutover")).state).toBe("approved");

    const preview = await run("rollback", "--json");
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ ok: true, rolledBack: false, flipId: 1 });
    expect((await getStepStatusOrThrow(h.ctx, "cutover")).state).toBe("approved");
    const wrong = await run("rollback", "--confirm", "yes");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/type "roll back to sqlite"/);
    const rolled = await run("rollback", "--confirm", "roll back to sqlite");
    expect(rolled.code).toBe(0);
    expect(rolled.stdout).toMatch(/Rolled back flip 1: read_from_postgres is off; approval of cutover revoked/);
    expect(rolled.stdout).toContain("READ_FROM_POSTGRES=false");
    expect((await getStepStatusOrThrow(h.ctx, "cutover")).state).not.toBe("approved");
  }, 300_000); // fourteen CLI processes, each a few seconds on a shared machine
});
