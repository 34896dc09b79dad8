import "server-only";
import { existsSync } from "node:fs";
import type { AppContext } from "../app-context";
import { describeError } from "../common/action-result";
import { lastCopyRun } from "../copy/run-copy";
import { currentPlan } from "../merge/planner";
import { getPlanOverview } from "../merge/store/plan-queries";
import type { PlanCounts } from "../merge/store/plan-writer";
import { resolveSourcePaths } from "../sources/source-paths";
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
  /** records the plan copies and keeps out, with the decisions known when it was made */
  actions: { copy: number; skip: number };
  counts: PlanCounts;
  /** distinct videos per quarantine reason (counts.quarantine counts rows: a video's summaries apart) */
  quarantineVideos: Record<string, number>;
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
  const actions = await ctx.db.mergeRecord.groupBy({
    by: ["action"],
    where: { planId: plan.id },
    _count: { _all: true },
  });
  const countOf = (action: string) => actions.find((a) => a.action === action)?._count._all ?? 0;
  const videos = await ctx.db.$queryRaw<{ reason: string; videos: number | bigint }[]>`
    SELECT reason, count(DISTINCT video_id) AS videos FROM merge_quarantine WHERE plan_id = ${plan.id} GROUP BY reason`;
  const matches = existsSync(nas) && existsSync(dashboard) && (await currentPlan(ctx.db, { nas, dashboard })) !== null;
  return {
    id: plan.id,
    createdAt: plan.createdAt,
    highWaterMark: plan.highWaterMark,
    records: Object.values(plan.counts.counts).reduce((sum, n) => sum + n, 0),
    actions: { copy: countOf("copy"), skip: countOf("skip") },
    counts: plan.counts,
    quarantineVideos: Object.fromEntries(videos.map((row) => [row.reason, Number(row.videos)])),
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
  const { nas, dashboard } = resolveSourcePaths(ctx.env, ctx.paths);
  const approval = await approvalInForce(ctx.db, "backup");
  return freezeCheckedOnce(`copy precondition, approval ${approval?.id}`, [nas, dashboard], async () => {
    try {
      await assertSourcesUnchangedSinceBackup(ctx);
      return { ok: true, detail: "Both sources are unchanged since the approved backup." };
    } catch (error) {
      return { ok: false, detail: describeError(error) };
    }
  });
}
