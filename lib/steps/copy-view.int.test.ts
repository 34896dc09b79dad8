import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { demoHarness } from "@/test/support/copy-harness";
import { writeSyntheticPair } from "@/test/support/synthetic-pair";
import { closeTargetDb } from "@/lib/target/target-db";
import { approveStep, runStepAction } from "@/lib/workflow/workflow";
import { createAppContext } from "@/lib/app-context";
import { parseEnv } from "@/lib/config/env";
import { describeTarget } from "@/lib/target/connect";
import { makeTestContext } from "@/test/support/app-context";
import { createTestDatabase } from "@/test/support/postgres";
import { approveThroughSchema } from "@/test/support/steps";
import { makeTempDir } from "@/test/support/temp-dir";
import { approveStepWithGate } from "./approve";
import { backupRunInput, confirmProcessingStopped } from "./backup-step";
import { copyRunInput, verifyRunInput } from "./copy-step";
import { loadCopyView } from "./copy-view";
import { cancelRunningStep, isCancellableHere, startCancellableRun } from "./run-cancel";
import { applySchemaRunInput } from "./schema-step";
import { decideRecord } from "@/lib/review/decide";

const ACTOR = "owner (test)";
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A synthetic pair large enough for a dozen batches or more, backed up and approved, schema applied and approved. */
async function approvedThroughSchema(records: number) {
  const temp = makeTempDir("cutover-cancel-");
  const sources = { nas: path.join(temp.dir, "nas.db"), dashboard: path.join(temp.dir, "dashboard.db") };
  writeSyntheticPair({ nasPath: sources.nas, dashboardPath: sources.dashboard, records });
  const db = await createTestDatabase("cancel");
  const ctx = makeTestContext({ NAS_DB: sources.nas, DASHBOARD_DB: sources.dashboard, DATABASE_URL: db.url });
  cleanups.push(
    () => temp.cleanup(),
    () => db.drop(),
    () => ctx.cleanup(),
    () => closeTargetDb(db.url),
  );
  await confirmProcessingStopped(ctx, ACTOR);
  await runStepAction(ctx, backupRunInput(ctx, ACTOR));
  // The synthetic pair is not the 67-record demo, so the categorization count needs a reason.
  await approveStepWithGate(ctx, { stepId: "backup", actor: ACTOR, note: "synthetic pair" });
  await runStepAction(ctx, applySchemaRunInput(db.url, ACTOR));
  await approveStep(ctx, { stepId: "schema", actor: ACTOR });
  return { ctx, databaseUrl: db.url };
}

describe("cancelling a copy started by the panel", () => {
  it("stops between batches, ends cancelled saying it resumes, and the next copy resumes and verifies green", async () => {
    const { ctx, databaseUrl } = await approvedThroughSchema(6000);
    expect((await loadCopyView(ctx)).plan).toBeNull();

    let cancel: Promise<unknown> | undefined;
    const { runId, finished } = await startCancellableRun(ctx, (signal) => {
      const input = copyRunInput(ctx, databaseUrl, ACTOR, { signal });
      // Cancel the way the panel does, once the first batch is in.
      return {
        ...input,
        execute: (report) =>
          input.execute((progress) => {
            report(progress);
            // once the first batch is in (the copy's first report, before any batch, only gives the totals)
            if (progress.phase === "copy" && progress.done > 0 && !cancel)
              cancel = cancelRunningStep(ctx, "copy", ACTOR);
          }),
      };
    });
    expect(isCancellableHere(runId)).toBe(true);
    await expect(finished).rejects.toThrow(
      /^copy cancelled after \d+ of \d+ records; run Copy and verify again \(npx cutover copy\) to resume$/,
    );
    await expect(cancel).resolves.toMatchObject({ runId });
    expect(isCancellableHere(runId)).toBe(false);

    const run = await ctx.db.stepRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("cancelled");
    const requested = await ctx.db.auditEntry.findMany({ where: { step: "copy", action: "cancel copy" } });
    expect(requested.map((entry) => JSON.parse(entry.detail))).toEqual([{ runId }]);
    const stoppedEntries = await ctx.db.auditEntry.findMany({ where: { step: "copy", outcome: "cancelled" } });
    expect(stoppedEntries.map((entry) => JSON.parse(entry.detail).runId)).toEqual([runId]);

    const stopped = await loadCopyView(ctx);
    const batchCount = stopped.copy!.batchCount;
    expect(stopped.copy).toMatchObject({ status: "cancelled" });
    expect(stopped.copy!.batchesDone).toBeGreaterThan(0);
    expect(stopped.copy!.batchesDone).toBeLessThan(batchCount);
    expect(stopped.latestRun).toMatchObject({ id: runId, status: "cancelled", cancellable: false });
    expect(stopped.lastVerify).toBeNull();

    const again = await runStepAction(ctx, copyRunInput(ctx, databaseUrl, ACTOR));
    expect(again.checks.filter((check) => !check.ok)).toEqual([]);
    expect(await ctx.db.copyRun.count()).toBe(1);

    const view = await loadCopyView(ctx);
    expect(view.copy).toMatchObject({ status: "finished", batchesDone: batchCount, batchCount });
    expect(view.lastVerify).toMatchObject({ runId: again.runId, failing: [], mismatchCount: 0, mismatches: [] });
  });

  it("refuses a cancel when nothing runs, and names Ctrl-C when the run is not this process's", async () => {
    const { ctx } = await approvedThroughSchema(200);
    await expect(cancelRunningStep(ctx, "copy", ACTOR)).rejects.toThrow(
      "Nothing to cancel: no run of this step is going.",
    );
    const run = await ctx.db.stepRun.create({
      data: {
        step: "copy",
        action: "copy",
        status: "running",
        actor: "owner (cli)",
        startedAt: new Date().toISOString(),
      },
    });
    await expect(cancelRunningStep(ctx, "copy", ACTOR)).rejects.toThrow(
      `The copy (run #${run.id}) was not started by this panel (probably with npx cutover copy): stop it with Ctrl-C in its terminal.`,
    );
  });
});

describe("the Copy & diff view on the demo pair", () => {
  it("shows the plan's cases and quarantine, a record changed in PostgreSQL as a mismatch, and a source changed since the backup", async () => {
    const h = await demoHarness();
    cleanups.push(() => h.cleanup());
    await confirmProcessingStopped(h.ctx, ACTOR);
    await runStepAction(h.ctx, backupRunInput(h.ctx, ACTOR));
    await approveStepWithGate(h.ctx, { stepId: "backup", actor: ACTOR });
    await runStepAction(h.ctx, applySchemaRunInput(h.databaseUrl, ACTOR));
    await approveStep(h.ctx, { stepId: "schema", actor: ACTOR });
    await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, ACTOR));

    const view = await loadCopyView(h.ctx);
    expect(view.plan?.counts.counts).toMatchObject({ resurrection_candidate: 6, nas_new: 5 });
    expect(view.plan?.counts.categorized).toBe(67);
    expect(view.plan?.actions.skip).toBe(6);
    expect(view.plan?.quarantine.resurrection_candidate?.videos).toBe(6);
    expect(view.plan?.matchesSourceFiles).toBe(true);
    expect(view.plan?.highWaterMark).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(view.sources).toEqual({ ok: true, detail: "Both sources are unchanged since the approved backup." });
    expect(view.target).toEqual({ ok: true, where: expect.stringMatching(/^127\.0\.0\.1:\d+\//) });
    expect(view.lastVerify).toMatchObject({ failing: [], mismatchCount: 0 });
    expect(view.lastVerify?.categorization).toMatch(/^67 of 67 categorization records identical/);

    const [{ video_id: changed }] = await h.query<{ video_id: string }>(
      "UPDATE content SET title = 'edited in PostgreSQL' WHERE video_id = (SELECT min(video_id) FROM content) RETURNING video_id",
    );
    await runStepAction(h.ctx, verifyRunInput(h.ctx, h.databaseUrl, ACTOR));
    const after = await loadCopyView(h.ctx);
    expect(after.lastVerify).toMatchObject({
      action: "verify",
      failing: ["Every record identical", "Dashboard card fields equal the merged values"],
      mismatchCount: 1,
      mismatches: [{ videoId: changed, title: expect.any(String), fields: expect.arrayContaining(["title"]) }],
    });
    // The title shown is the plan's (the merged sources'), not the edited one.
    expect(after.lastVerify?.mismatches[0]?.title).not.toBe("edited in PostgreSQL");

    // Decisions since the plan show in its counts: one candidate restored, one NAS-new video skipped.
    await decideRecord(
      h.ctx,
      { videoId: h.expected.videoIds.resurrectionCandidates[0]!, field: "*", choice: "restore" },
      ACTOR,
    );
    await decideRecord(h.ctx, { videoId: h.expected.videoIds.nasNew[0]!, field: "*", choice: "skip" }, ACTOR);
    const decided = (await loadCopyView(h.ctx)).plan!;
    expect(decided.outcomes).toMatchObject({
      resurrection_candidate: { copy: 1, skip: 5 },
      nas_new: { copy: 4, skip: 1 },
    });
    expect(decided.actions.skip).toBe(6);
    expect(decided.quarantine.resurrection_candidate?.videos).toBe(5);
    expect(decided.skippedSincePlan).toBe(1);

    const nas = new Database(h.sources.nas);
    nas
      .prepare("UPDATE content SET title = 'changed after the backup' WHERE rowid = (SELECT min(rowid) FROM content)")
      .run();
    nas.close();
    const drifted = await loadCopyView(h.ctx);
    expect(drifted.sources).toEqual({
      ok: false,
      detail: expect.stringMatching(/^source changed since backup: NAS content/),
    });
    expect(drifted.plan?.matchesSourceFiles).toBe(false);
  });

  it("says, instead of offering copy, that DATABASE_URL now names another target than the approved schema's", async () => {
    const h = await demoHarness();
    cleanups.push(() => h.cleanup());
    await approveThroughSchema(h, ACTOR);
    const other = await createTestDatabase("other");
    cleanups.push(() => other.drop());
    // the same data dir (control DB, approvals), with DATABASE_URL pointed at another database
    const moved = createAppContext(
      parseEnv(
        {
          CUTOVER_DATA_DIR: h.ctx.paths.dataDir,
          NAS_DB: h.sources.nas,
          DASHBOARD_DB: h.sources.dashboard,
          DATABASE_URL: other.url,
        },
        process.cwd(),
      ),
    );
    const view = await loadCopyView(moved);
    expect(view.target).toEqual({
      ok: false,
      error: `The schema was approved on ${describeTarget(h.databaseUrl)}, and the target now is ${describeTarget(other.url)}. Apply and approve the schema on ${describeTarget(other.url)} (step 2), or point DATABASE_URL back.`,
    });
    expect((await loadCopyView(h.ctx)).target).toEqual({ ok: true, where: describeTarget(h.databaseUrl) });
  });

  it("says the target cannot be reached in one line instead of throwing", async () => {
    const ctx = makeTestContext({ DATABASE_URL: "postgresql://u:secret@127.0.0.1:1/none" });
    cleanups.push(() => ctx.cleanup());
    const view = await loadCopyView(ctx);
    expect(view.target).toEqual({
      ok: false,
      error: expect.stringMatching(/^The target PostgreSQL at 127\.0\.0\.1:1\/none cannot be reached/),
    });
    expect(JSON.stringify(view)).not.toContain("secret");
  });
});
