import "server-only";
import { existsSync } from "node:fs";
import type { AppContext } from "../app-context";
import { describeError } from "../common/action-result";
import { lastCopyRun } from "../copy/run-copy";
import { currentPlan } from "../merge/planner";
import { getPlanOverview } from "../merge/store/plan-queries";
import type { MergeCase } from "../merge/classify";
import type { PlanCounts } from "../merge/store/plan-writer";
import { resolveSourcePaths, sourceStateKey } from "../sources/source-paths";
import { describeTarget, withTargetClient } from "../target/connect";
import { resolveTargetUrl } from "../target/target-url";
import { approvalInForce, latestRun } from "../workflow/store";
import { assertSourcesUnchangedSinceBackup } from "./backup-step";
import { lastVerifyOf, type LastVerify } from "./copy-verify-view";
import { freezeCheckedOnce } from "./freeze-cache";
import { isCancellableHere } from "./run-cancel";
import { schemaTargetMismatch } from "./schema-step";

/**
 * What the Copy & diff page shows: the stored plan, whether the sources still match the
 * approved backup, the target, the engine's copy state (resumable or not), the latest run and
 * the last verify's mismatches. Reads only; an unreachable target is a line, not a crash.
 */
export type CopyView = {
  plan: PlanSummary | null;
  /** the copy's own precondition: the live sources still fingerprint as the approved backup */
  sources: { ok: boolean; detail: string };
  target: { ok: true; where: string } | { ok: false; error: string };
  /** the engine's latest copy into this target; unfinished means the next copy resumes it */
  copy: { status: string; batchesDone: number; batchCount: number; startedAt: string } | null;
  latestRun: { id: number; action: string; status: string; error: string | null; cancellable: boolean } | null;
  lastVerify: LastVerify | null;
};

export type PlanSummary = {
  id: number;
  createdAt: string;
  highWaterMark: string | null;
  records: number;
  /** records the next copy writes and keeps out, the owner's decisions counted, those since the plan too */
  actions: { copy: number; skip: number };
  /** the same per case: a restored candidate or a skipped NAS-new video moves between the two */
  outcomes: Partial<Record<MergeCase, { copy: number; skip: number }>>;
  counts: PlanCounts;
  /**
   * Quarantine as the next copy writes it: rows (what the ledger counts) and distinct videos
   * per reason, without the resurrection candidates restored since the plan. NAS-new videos
   * skipped since the plan have no rows here yet: `skippedSincePlan` counts them.
   */
  quarantine: Record<string, { rows: number; videos: number }>;
  skippedSincePlan: number;
  /** false when a source file changed (size or mtime) since planning: copy will plan again */
  matchesSourceFiles: boolean;
};

export async function loadCopyView(ctx: AppContext): Promise<CopyView> {
  const [plan, target, latest, lastVerify] = await Promise.all([
    planSummary(ctx),
    targetState(ctx),
    latestRun(ctx.db, "copy"),
    lastVerifyOf(ctx),
  ]);
  const copy = target.ok ? await copyState(ctx, target.url) : null;
  return {
    plan,
    sources: await sourcesMatchBackup(ctx),
    target: target.ok ? { ok: true, where: describeTarget(target.url) } : target,
    copy,
    latestRun: latest && {
      id: latest.id,
      action: latest.action,
      status: latest.status,
      error: latest.error,
      cancellable: latest.status === "running" && isCancellableHere(latest.id),
    },
    lastVerify,
  };
}

async function planSummary(ctx: AppContext): Promise<PlanSummary | null> {
  const plan = await getPlanOverview(ctx.db);
  if (!plan?.counts) return null;
  const { nas, dashboard } = resolveSourcePaths(ctx.env, ctx.paths);
  const groups = await ctx.db.mergeRecord.groupBy({
    by: ["mergeCase", "action"],
    where: { planId: plan.id },
    _count: { _all: true },
  });
  const outcomes: PlanSummary["outcomes"] = {};
  for (const { mergeCase, action, _count } of groups) {
    const outcome = (outcomes[mergeCase as MergeCase] ??= { copy: 0, skip: 0 });
    outcome[action === "copy" ? "copy" : "skip"] += _count._all;
  }
  const countOf = (action: "copy" | "skip") => Object.values(outcomes).reduce((sum, o) => sum + o[action], 0);
  // a decision's rows leave quarantine with the decision that copies the record
  const quarantine = await ctx.db.$queryRaw<{ reason: string; rows: number | bigint; videos: number | bigint }[]>`
    SELECT q.reason, count(*) AS rows, count(DISTINCT q.video_id) AS videos
    FROM merge_quarantine q LEFT JOIN merge_record r ON r.plan_id = q.plan_id AND r.video_id = q.video_id
    WHERE q.plan_id = ${plan.id}
      AND NOT (q.reason IN ('resurrection_candidate', 'skipped_by_owner') AND r.action = 'copy')
    GROUP BY q.reason`;
  const [{ skipped }] = await ctx.db.$queryRaw<{ skipped: number | bigint }[]>`
    SELECT count(*) AS skipped FROM merge_record r
    WHERE r.plan_id = ${plan.id} AND r.merge_case = 'nas_new' AND r.action = 'skip'
      AND NOT EXISTS (SELECT 1 FROM merge_quarantine q WHERE q.plan_id = r.plan_id AND q.video_id = r.video_id
        AND q.reason = 'skipped_by_owner')`;
  const matches = existsSync(nas) && existsSync(dashboard) && (await currentPlan(ctx.db, { nas, dashboard })) !== null;
  return {
    id: plan.id,
    createdAt: plan.createdAt,
    highWaterMark: plan.highWaterMark,
    records: Object.values(plan.counts.counts).reduce((sum, n) => sum + n, 0),
    actions: { copy: countOf("copy"), skip: countOf("skip") },
    outcomes,
    counts: plan.counts,
    quarantine: Object.fromEntries(
      quarantine.map((row) => [row.reason, { rows: Number(row.rows), videos: Number(row.videos) }]),
    ),
    skippedSincePlan: Number(skipped),
    matchesSourceFiles: matches,
  };
}

async function targetState(ctx: AppContext): Promise<{ ok: true; url: string } | { ok: false; error: string }> {
  try {
    const url = await resolveTargetUrl(ctx);
    const mismatch = await schemaTargetMismatch(ctx, url);
    if (mismatch) return { ok: false, error: mismatch };
    await withTargetClient(url, (client) => client.query("SELECT 1"));
    return { ok: true, url };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

async function copyState(ctx: AppContext, databaseUrl: string): Promise<CopyView["copy"]> {
  const run = await lastCopyRun(ctx.db, databaseUrl);
  if (!run) return null;
  const batchesDone = await ctx.db.copyBatch.count({ where: { runId: run.id } });
  return { status: run.status, batchesDone, batchCount: run.batchCount, startedAt: run.startedAt };
}

/** The copy's own precondition, answered for the page (re-read only when a source file changed). */
async function sourcesMatchBackup(ctx: AppContext): Promise<{ ok: boolean; detail: string }> {
  const approval = await approvalInForce(ctx.db, "backup");
  const scope = `copy precondition, approval ${approval?.id}`;
  return freezeCheckedOnce(scope, sourceStateKey(ctx.env, ctx.paths), async () => {
    try {
      await assertSourcesUnchangedSinceBackup(ctx);
      return { ok: true, detail: "Both sources are unchanged since the approved backup." };
    } catch (error) {
      return { ok: false, detail: describeError(error) };
    }
  });
}
