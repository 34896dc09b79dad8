import "server-only";
import type { AppContext } from "@/lib/app-context";
import { loadDecisions } from "@/lib/merge/store/decisions";
import { openControlSql, withControlSql } from "@/lib/merge/store/control-sql";
import type { PlanSources } from "@/lib/merge/planner";
import { withTargetClient } from "@/lib/target/connect";
import type { CheckResult, ProgressReporter } from "@/lib/workflow/types";
import type { RecordStatus } from "./ledger";
import { runVerify, type VerifyResult } from "./run-verify";
import type { BatchExpectation } from "./expectations";
import { lastCopyRun } from "@/lib/copy/run-copy";
import { sourcesHash } from "@/lib/merge/planner";
import { canonicalHash } from "@/lib/merge/transforms";

/**
 * Verify for an app context: runs the checks, records each record's status (identical,
 * differs, missing, quarantined) on the current plan for the records view, and appends the
 * caller's extra checks (the freeze check needs the approved backup, which the step knows).
 */
export async function verifyTarget(
  ctx: AppContext,
  options: {
    databaseUrl: string;
    sources: PlanSources;
    plan: { id: number; batchSize: number } | null;
    onProgress?: ProgressReporter;
    extraChecks?: () => Promise<CheckResult[]>;
  },
): Promise<VerifyResult> {
  const { decisions, hash: decisionsHash } = await loadDecisions(ctx.db);
  const planId = options.plan?.id;
  const expected = await copyExpectations(ctx, options.databaseUrl, options.sources, planId, decisionsHash);
  // A second connection reads every other batch's target rows: PostgreSQL detoasts and hashes on both cores.
  const result = await withTargetClient(options.databaseUrl, (client) =>
    withTargetClient(options.databaseUrl, (second) =>
      runVerify({
        client,
        readers: [client, second],
        sources: options.sources,
        decisions,
        expected,
        batchSize: options.plan?.batchSize ?? 500,
        onProgress: options.onProgress,
        onStatuses:
          planId === undefined ? undefined : (statuses) => recordStatuses(ctx.paths.controlDb, planId, statuses),
      }),
    ),
  ).finally(() => expected?.close());
  const extra = options.extraChecks ? await options.extraChecks() : [];
  const checks = [...result.checks, ...extra];
  return { ...result, checks, ok: checks.every((c) => c.ok) };
}

/**
 * The merged source view stored by the last copy into this target, when it is about these very
 * sources and decisions: the run finished, for this plan, and its hash (the sources'
 * fingerprints and the decisions, as runCopy computes it) equals the one computed now.
 */
async function copyExpectations(
  ctx: AppContext,
  databaseUrl: string,
  sources: PlanSources,
  planId: number | undefined,
  decisionsHash: string,
) {
  if (planId === undefined) return undefined;
  const run = await lastCopyRun(ctx.db, databaseUrl);
  const copyHash = canonicalHash({ sources: sourcesHash(sources), decisions: decisionsHash });
  if (!run || run.status !== "finished" || run.planId !== planId || run.planHash !== copyHash) return undefined;
  let db: ReturnType<typeof openControlSql> | undefined;
  const records = withControlSql(ctx.paths.controlDb, (sql) =>
    Number(sql.prepare("SELECT count(*) FROM merge_record WHERE plan_id = ?").pluck().get(planId)),
  );
  return {
    batchCount: run.batchCount,
    records,
    read(batch: number) {
      db ??= openControlSql(ctx.paths.controlDb);
      const row = db
        .prepare("SELECT records FROM copy_expectation WHERE run_id = ? AND batch = ?")
        .get(run.id, batch) as { records: string } | undefined;
      return row ? (JSON.parse(row.records) as BatchExpectation) : null;
    },
    close: () => db?.close(),
  };
}

function recordStatuses(file: string, planId: number, statuses: RecordStatus[]) {
  withControlSql(file, (db) => {
    const update = db.prepare(
      "UPDATE merge_record SET status = ?, record_hash = ?, mismatch = ? WHERE plan_id = ? AND video_id = ?",
    );
    db.transaction(() => {
      for (const s of statuses) {
        update.run(s.status, s.hash, s.mismatch ? JSON.stringify(s.mismatch) : null, planId, s.videoId);
      }
    })();
  });
}
