import type { AppContext } from "@/lib/app-context";
import { loadDecisions } from "@/lib/merge/store/decisions";
import { withControlSql } from "@/lib/merge/store/control-sql";
import type { PlanSources } from "@/lib/merge/planner";
import { withTargetClient } from "@/lib/target/connect";
import type { CheckResult, ProgressReporter } from "@/lib/workflow/types";
import type { RecordStatus } from "./ledger";
import { runVerify, type VerifyResult } from "./run-verify";

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
  const { decisions } = await loadDecisions(ctx.db);
  const planId = options.plan?.id;
  const result = await withTargetClient(options.databaseUrl, (client) =>
    runVerify({
      client,
      sources: options.sources,
      decisions,
      batchSize: options.plan?.batchSize ?? 500,
      onProgress: options.onProgress,
      onStatuses:
        planId === undefined ? undefined : (statuses) => recordStatuses(ctx.paths.controlDb, planId, statuses),
    }),
  );
  const extra = options.extraChecks ? await options.extraChecks() : [];
  const checks = [...result.checks, ...extra];
  return { ...result, checks, ok: checks.every((c) => c.ok) };
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
