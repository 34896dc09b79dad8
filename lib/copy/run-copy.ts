import "server-only";
import type pg from "pg";
import type { ControlDb } from "@/lib/control/control-db";
import { mergeThreads, openMergeProducts } from "@/lib/merge/worker/merge-products";
import type { PlanSources } from "@/lib/merge/planner";
import { withControlSql } from "@/lib/merge/store/control-sql";
import { loadDecisions } from "@/lib/merge/store/decisions";
import { canonicalHash } from "@/lib/merge/transforms";
import { withTargetLock } from "@/lib/target/advisory-lock";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import { OwnerFacingError, type ProgressReporter } from "@/lib/workflow/types";
import { CopyTableProgress } from "./copy-progress";
import { dropDeferredStructure, restoreDeferredStructure } from "@/lib/target/deferred-structure";
import { beginInitialLoad, completeInitialLoad, targetHoldsNoRecords } from "./initial-load";
import { KnownQuarantine, loadBatch } from "./load-batch";
import { STAGE_BATCH } from "./stage-batch";
import { STAGING_DDL } from "./staging";

/**
 * `copy`: the plan's batches into the target, under the target's advisory lock. Each batch
 * commits on its own and is then marked done in the control DB; a run that stopped (killed,
 * cancelled, failed) is resumed from its first unfinished batch when the plan, the decisions
 * and the target are the same. A batch done twice is harmless: every statement converges.
 * The first copy into a target with no record is an initial load (initial-load.ts).
 */
export type CopyOptions = {
  db: ControlDb;
  controlDbFile: string;
  databaseUrl: string;
  sources: PlanSources;
  plan: { id: number; planHash: string | null; batchSize: number };
  onProgress?: ProgressReporter;
  signal?: AbortSignal;
  /** merge threads; by default one for large sources, none for small ones */
  threads?: number;
  /** false: load an empty target by upsert too (tests and the benchmark compare the two paths) */
  initialLoad?: boolean;
};

/** How a run loads: see initial-load.ts. */
export type LoadMode = "initial" | "upsert";

export type CopyResult = {
  runId: number;
  copyHash: string;
  resumedFrom: number;
  loadMode: LoadMode;
  batches: number;
  records: number;
  summaries: number;
  quarantine: number;
};

export async function runCopy(options: CopyOptions): Promise<CopyResult> {
  const { db, plan } = options;
  const decisions = await loadDecisions(db);
  const copyHash = canonicalHash({ sources: plan.planHash, decisions: decisions.hash });
  const target = describeTarget(options.databaseUrl);
  // One merge thread: PostgreSQL's load of batch k needs the other core while batch k + 1 is merged.
  const pass = await openMergeProducts({
    sources: options.sources,
    batchSize: plan.batchSize,
    decisions: decisions.decisions,
    product: STAGE_BATCH,
    threads: options.threads ?? mergeThreads(options.sources),
  });
  try {
    const { batchCount, total } = pass.info;
    const outcome = await withTargetClient(options.databaseUrl, (client) =>
      withTargetLock(client, async () => {
        await prepareLoadSession(client);
        const { runId, done, loadMode, resumed } = await startOrResume(db, {
          planId: plan.id,
          copyHash,
          target,
          batchCount,
          chooseMode: async () =>
            options.initialLoad !== false && (await targetHoldsNoRecords(client)) && (await beginInitialLoad(client))
              ? "initial"
              : "upsert",
        });
        let resumedFrom = 0;
        while (done.has(resumedFrom)) resumedFrom++;
        const totals = { records: 0, summaries: 0, quarantine: 0 };
        let progressed = Math.min(resumedFrom * plan.batchSize, total);
        const tables = await CopyTableProgress.start(db, {
          planId: plan.id,
          batchSize: plan.batchSize,
          runId,
          resumedFrom,
        });
        const report = () =>
          options.onProgress?.({ phase: "copy", done: progressed, total, unit: "records", tables: tables.tables() });
        report(); // the totals from the start, and where a resumed run picks up
        const buildReport = (built: number, of: number) =>
          options.onProgress?.({ phase: "indexes and triggers", done: built, total: of, unit: "objects" });
        // A new initial load dropped the structure when it chose its mode; a resumed one makes sure it
        // is still off. An upsert run may follow an initial load that never completed (another plan,
        // other decisions): it builds back whatever that load left off.
        if (loadMode === "upsert") await restoreDeferredStructure(client, buildReport);
        else if (resumed) await dropDeferredStructure(client);
        const known = await KnownQuarantine.read(client);
        // One batch in flight: PostgreSQL loads batch k while batch k + 1 is merged and staged.
        let inflight: Promise<void> | null = null;
        for await (const { product: batch, records } of pass.products(resumedFrom)) {
          if (inflight) await inflight;
          if (options.signal?.aborted) {
            await db.copyRun.update({ where: { id: runId }, data: { status: "cancelled" } });
            throw new OwnerFacingError(
              `copy cancelled after ${progressed} of ${total} records; run Copy and verify again (npx cutover copy) to resume`,
              "cancelled",
            );
          }
          inflight = loadBatch(client, batch, known).then((counts) => {
            markBatchDone(options.controlDbFile, runId, batch.index, counts.records + counts.summaries, batch.expected);
            totals.records += counts.records;
            totals.summaries += counts.summaries;
            totals.quarantine += counts.quarantine;
            tables.add(counts);
            progressed += records;
            report();
          });
          // Awaited on the next turn; until then a failure must not count as unhandled.
          inflight.catch(() => undefined);
        }
        if (inflight) await inflight;
        if (loadMode === "initial") await completeInitialLoad(client, buildReport);
        // Fresh statistics for what was just loaded: until autovacuum gets to it, the planner
        // takes the tables for their size before the copy and would scan them whole per lookup.
        await client.query("ANALYZE content, content_summaries, migration_quarantine");
        return { runId, resumedFrom, loadMode, totals };
      }),
    );
    await db.copyRun.update({
      where: { id: outcome.runId },
      data: { status: "finished", finishedAt: new Date().toISOString() },
    });
    return {
      runId: outcome.runId,
      copyHash,
      resumedFrom: outcome.resumedFrom,
      loadMode: outcome.loadMode,
      batches: batchCount,
      ...outcome.totals,
    };
  } finally {
    await pass.close();
  }
}

/**
 * Staging lives in memory (temp_buffers must be set before the first temp table), and
 * summaries are compressed with lz4 where the server has it: pglz on 1–4 KB texts costs more
 * than the rest of the insert. Both are session settings; nothing about the target changes.
 */
export async function prepareLoadSession(client: pg.ClientBase) {
  await client.query("SET temp_buffers = '256MB'");
  await client.query("SET default_toast_compression = 'lz4'").catch(() => undefined);
  await client.query(STAGING_DDL);
}

/**
 * The open run of this plan, decisions and target, resumed in the load mode it started with, or
 * a new run. Its mode is chosen under the target's lock, before the first batch.
 */
async function startOrResume(
  db: ControlDb,
  run: { planId: number; copyHash: string; target: string; batchCount: number; chooseMode: () => Promise<LoadMode> },
): Promise<{ runId: number; done: Set<number>; loadMode: LoadMode; resumed: boolean }> {
  const { planId, copyHash: planHash, target, batchCount } = run;
  const open = await db.copyRun.findFirst({
    where: { planId, planHash, target, status: { not: "finished" } },
    orderBy: { id: "desc" },
    include: { batches: { select: { batch: true } } },
  });
  if (open && open.batchCount === batchCount) {
    // A run recorded before the initial load existed loaded by upsert.
    const loadMode: LoadMode = open.loadMode === "initial" ? "initial" : "upsert";
    await db.copyRun.update({ where: { id: open.id }, data: { status: "running", loadMode } });
    return { runId: open.id, done: new Set(open.batches.map((b) => b.batch)), loadMode, resumed: true };
  }
  const loadMode = await run.chooseMode();
  const created = await db.copyRun.create({
    data: { planId, planHash, target, startedAt: new Date().toISOString(), status: "running", batchCount, loadMode },
  });
  // Verify only ever compares with the last run into a target: the older runs' records (~1 KB per record) go.
  await db.copyExpectation.deleteMany({ where: { run: { target }, runId: { not: created.id } } });
  return { runId: created.id, done: new Set<number>(), loadMode, resumed: false };
}

function markBatchDone(file: string, runId: number, batch: number, rows: number, expected: string) {
  withControlSql(file, (sql) =>
    sql.transaction(() => {
      sql
        .prepare("INSERT OR REPLACE INTO copy_expectation (run_id, batch, records) VALUES (?, ?, ?)")
        .run(runId, batch, expected);
      sql
        .prepare("INSERT OR REPLACE INTO copy_batch (run_id, batch, rows, done_at) VALUES (?, ?, ?, ?)")
        .run(runId, batch, rows, new Date().toISOString());
    })(),
  );
}

/** The last copy run against this target, for the step page and for `verify`. */
export async function lastCopyRun(db: ControlDb, databaseUrl: string) {
  return db.copyRun.findFirst({ where: { target: describeTarget(databaseUrl) }, orderBy: { id: "desc" } });
}
