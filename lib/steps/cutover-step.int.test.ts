import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { listCards } from "@/lib/contract/dashboard-pg";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import { drillAction } from "@/lib/drill/drill-run";
import { runFinalParity } from "@/lib/cutover/final-parity";
import { flip, verifyFlip } from "@/lib/cutover/flip";
import { openFreezeWindow } from "@/lib/cutover/freeze-window";
import { cutoverReadiness } from "@/lib/cutover/gate";
import { previewRollback, rollback } from "@/lib/cutover/rollback";
import { acknowledgeFinding, latestScanReview, recordScan } from "@/lib/cutover/scan-review";
import { FLIP_PHRASE, ROLLBACK_PHRASE, SWITCHED_PHRASE } from "@/lib/cutover/switches";
import { getStepStatusOrThrow, runStepAction } from "@/lib/workflow/workflow";
import { demoHarness, type Harness } from "@/test/support/copy-harness";
import { approveThroughParity } from "@/test/support/cutover";
import { startHealthServer } from "@/test/support/health-server";
import { approveThroughCopy } from "@/test/support/steps";
import { approveStepWithGate } from "./approve";
import { cutoverRunInput } from "./cutover-step";

const ACTOR = "owner (test)";
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.cleanup();
});

const failing = async (h: Harness) =>
  (await cutoverReadiness(h.ctx, describeTarget(h.databaseUrl))).filter((c) => !c.ok).map((c) => c.name);

const flag = async (h: Harness, name: string) =>
  (
    await h.query<{ enabled: boolean; updated_by: string }>(
      "SELECT enabled, updated_by FROM migration_flags WHERE name = $1",
      [name],
    )
  )[0];

/** A code folder with the owner's auto-sync call planted in a Telegram handler. */
function plantedCodeFolder(h: Harness) {
  const dir = path.join(h.dir, "nas-code");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "telegram_bot.py"),
    "import subprocess\n\ndef on_processed(video):\n    subprocess.run(['python', 'sync_sqlite_db.py'])\n",
  );
  return dir;
}

const healthy = (count: number) => ({
  body: { backend: "postgres", read_from_postgres: true, dsn_set: true, record_count: count },
});

describe("step 5 (Cutover) through the workflow core", () => {
  it("refuses every action of step 5 until step 4 is approved, changing nothing", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    await approveThroughCopy(h, ACTOR);
    await expect(openFreezeWindow(h.ctx, h.databaseUrl, ACTOR)).rejects.toThrow(/is locked until step 4 "Parity"/);
    await expect(recordScan(h.ctx, ACTOR, [plantedCodeFolder(h)])).rejects.toThrow(/is locked until step 4/);
    await expect(flip(h.ctx, h.databaseUrl, ACTOR, FLIP_PHRASE)).rejects.toThrow(/is locked until step 4/);
    await expect(runStepAction(h.ctx, cutoverRunInput(h.ctx, h.databaseUrl, ACTOR))).rejects.toThrow(
      /is locked until step 4/,
    );
    expect(await flag(h, "read_from_postgres")).toEqual({ enabled: false, updated_by: "schema step" });
    expect(await h.ctx.db.scanRun.count()).toBe(0);
    expect(await h.ctx.db.flipSnapshot.count()).toBe(0);
  });

  it("gates the flip on each item, verifies it through /health/backend, approves, and rolls back with its delta first", async () => {
    const h = await demoHarness();
    harnesses.push(h);
    // a drill at step 4 (allowed once the copy is approved) must not count for step 5
    await approveThroughParity(h, ACTOR, () => drillAction(h.ctx, h.databaseUrl, ACTOR));
    expect(await failing(h)).toEqual([
      "Processing stopped for the freeze window",
      "Live files unchanged since the window opened",
      "Final parity run inside the window clean",
      "Delete drill passed after step 4's approval",
      "Sync-code scan clean or every finding acknowledged",
    ]);
    const drillBefore = (await cutoverReadiness(h.ctx, describeTarget(h.databaseUrl))).find((c) =>
      c.name.startsWith("Delete drill"),
    )!;
    expect(drillBefore.detail).toMatch(/ran before step 4's approval/);

    // the freeze window
    await openFreezeWindow(h.ctx, h.databaseUrl, ACTOR);
    expect(await flag(h, "freeze_processing")).toEqual({ enabled: true, updated_by: ACTOR });
    expect(await failing(h)).not.toContain("Live files unchanged since the window opened");

    // the scan: an unacknowledged finding blocks; a note is required
    const scanned = await recordScan(h.ctx, ACTOR, [plantedCodeFolder(h)]);
    expect(scanned.findings.length).toBeGreaterThan(0);
    expect(scanned.open).toBe(scanned.findings.length);
    expect(await failing(h)).toContain("Sync-code scan clean or every finding acknowledged");
    const first = scanned.findings[0]!;
    await expect(acknowledgeFinding(h.ctx, first.fingerprint, "  ", ACTOR)).rejects.toThrow(/needs a note/);
    await expect(acknowledgeFinding(h.ctx, "deadbeefdeadbeef", "x", ACTOR)).rejects.toThrow(/has no finding/);
    for (const finding of scanned.findings)
      await acknowledgeFinding(h.ctx, finding.fingerprint.slice(0, 12), "removed on the NAS before the flip", ACTOR);
    expect((await latestScanReview(h.ctx))!.open).toBe(0);

    // the drill after step 4's approval, and the final parity run inside the window
    expect((await drillAction(h.ctx, h.databaseUrl, ACTOR)).ok).toBe(true);
    const parity = await runFinalParity(h.ctx, h.databaseUrl, ACTOR);
    expect(parity.clean).toBe(true);
    expect(await failing(h)).toEqual([]);

    // a write to a live file during the window names the table and blocks the flip
    const nas = new Database(h.sources.nas);
    const [row] = nas.prepare("SELECT rowid, title FROM content ORDER BY rowid LIMIT 1").all() as {
      rowid: number;
      title: string;
    }[];
    nas.prepare("UPDATE content SET title = 'Edited in the window' WHERE rowid = ?").run(row!.rowid);
    await expect(flip(h.ctx, h.databaseUrl, ACTOR, FLIP_PHRASE)).rejects.toThrow(
      /Live files unchanged since the window opened \(changed since the window opened: NAS content rows changed \(\d+ → \d+ rows\)\)/,
    );
    expect(await flag(h, "read_from_postgres")).toMatchObject({ enabled: false });
    expect(await h.ctx.db.flipSnapshot.count()).toBe(0);
    nas.prepare("UPDATE content SET title = ? WHERE rowid = ?").run(row!.title, row!.rowid);
    nas.close();
    // the owner stops processing again: a new window, and the parity run before it no longer counts
    await openFreezeWindow(h.ctx, h.databaseUrl, ACTOR);
    expect(await failing(h)).toEqual(["Final parity run inside the window clean"]);
    expect((await runFinalParity(h.ctx, h.databaseUrl, ACTOR)).clean).toBe(true);

    // the flip: typed, then recorded with its snapshot
    await expect(flip(h.ctx, h.databaseUrl, ACTOR, "yes")).rejects.toThrow(/type "read from postgresql"/);
    const flipped = await flip(h.ctx, h.databaseUrl, ACTOR, ` Read from  PostgreSQL `);
    expect(flipped.state).toMatchObject({ flipId: 1, active: true, verified: null });
    expect(flipped.switches[0]).toMatch(/READ_FROM_POSTGRES=true/);
    expect(await flag(h, "read_from_postgres")).toEqual({ enabled: true, updated_by: ACTOR });
    expect((await h.ctx.db.flipSnapshot.findUniqueOrThrow({ where: { flipId: 1 } })).videos).toBeGreaterThan(0);
    expect((await runStepAction(h.ctx, cutoverRunInput(h.ctx, h.databaseUrl, ACTOR))).status).toBe("failed");

    // verification through the stand-in: wrong backend, wrong count, unreachable, timeout, then ok
    const listed = await withTargetClient(h.databaseUrl, async (client) => (await listCards(client)).total_count);
    expect(listed).toBeGreaterThan(0);
    const server = await startHealthServer([
      { body: { backend: "sqlite", read_from_postgres: false, dsn_set: true, record_count: listed } },
    ]);
    try {
      h.ctx.env.dashboardUrl = server.url;
      const quick = { timeoutMs: 300, intervalMs: 50, requestTimeoutMs: 200 };
      await expect(verifyFlip(h.ctx, h.databaseUrl, ACTOR, quick)).rejects.toThrow(/still reads sqlite/);
      server.answers = [healthy(listed + 1)];
      await expect(verifyFlip(h.ctx, h.databaseUrl, ACTOR, quick)).rejects.toThrow(
        new RegExp(`counts ${listed + 1} records, the target lists ${listed}`),
      );
      server.answers = ["hang"];
      await expect(verifyFlip(h.ctx, h.databaseUrl, ACTOR, quick)).rejects.toThrow(/did not answer within/);
      server.answers = [healthy(listed)];
      const verified = await verifyFlip(h.ctx, h.databaseUrl, ACTOR, quick);
      expect(verified.verified).toMatchObject({ how: "health", expectedCount: listed });
    } finally {
      await server.close();
    }
    await expect(flip(h.ctx, h.databaseUrl, ACTOR, FLIP_PHRASE)).rejects.toThrow(/already flipped \(flip 1\)/);
    const run = await runStepAction(h.ctx, cutoverRunInput(h.ctx, h.databaseUrl, ACTOR));
    expect(run.checks.filter((c) => !c.ok)).toEqual([]);
    await approveStepWithGate(h.ctx, { stepId: "cutover", actor: ACTOR });
    expect((await getStepStatusOrThrow(h.ctx, "cutover")).state).toBe("approved");

    // rollback: the delta first — a video deleted in PostgreSQL since the flip would come back
    const [gone] = await h.query<{ video_id: string }>("SELECT video_id FROM content ORDER BY video_id LIMIT 1");
    await h.query("DELETE FROM content WHERE video_id = $1", [gone!.video_id]);
    const preview = await previewRollback(h.ctx, h.databaseUrl);
    expect(preview.delta.wouldComeBack.map((d) => d.videoId)).toEqual([gone!.video_id]);
    expect(await flag(h, "read_from_postgres")).toMatchObject({ enabled: true });
    await expect(rollback(h.ctx, h.databaseUrl, ACTOR, "ok")).rejects.toThrow(/type "roll back to sqlite"/);
    expect((await getStepStatusOrThrow(h.ctx, "cutover")).state).toBe("approved");
    const rolled = await rollback(h.ctx, h.databaseUrl, ACTOR, ROLLBACK_PHRASE);
    expect(rolled.revoked).toEqual(["cutover"]);
    expect(rolled.switches[0]).toMatch(/READ_FROM_POSTGRES=false/);
    expect(await flag(h, "read_from_postgres")).toEqual({ enabled: false, updated_by: ACTOR });
    expect((await getStepStatusOrThrow(h.ctx, "cutover")).state).not.toBe("approved");
    const audit = await h.ctx.db.auditEntry.findMany({ where: { step: "cutover", action: "rollback" } });
    expect(audit.map((a) => [a.outcome, JSON.parse(a.detail).wouldComeBack])).toEqual([["ok", [gone!.video_id]]]);
    await expect(previewRollback(h.ctx, h.databaseUrl)).rejects.toThrow(/nothing to roll back/);

    // flip again without DASHBOARD_URL: the owner's typed confirmation verifies it
    h.ctx.env.dashboardUrl = undefined;
    expect((await flip(h.ctx, h.databaseUrl, ACTOR, FLIP_PHRASE)).state.flipId).toBe(2);
    await expect(verifyFlip(h.ctx, h.databaseUrl, ACTOR)).rejects.toThrow(/DASHBOARD_URL is not set/);
    expect((await verifyFlip(h.ctx, h.databaseUrl, ACTOR, { confirmation: SWITCHED_PHRASE })).verified).toMatchObject({
      how: "owner",
    });
  });
});
