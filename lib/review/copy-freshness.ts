import "server-only";
import type { AppContext } from "@/lib/app-context";
import { canonicalHash } from "@/lib/common/canonical-json";
import { loadDecisions } from "@/lib/merge/store/decisions";
import { getPlanOverview } from "@/lib/merge/store/plan-queries";
import { checksOfRun, latestRunWithEvidence } from "@/lib/workflow/store";

/**
 * Whether PostgreSQL holds what the owner decided: the copy step records, as its evidence,
 * the hash of the plan's sources and of the decisions it applied (lib/steps/copy-step.ts).
 * When the decisions changed since, the latest run is stale and a re-copy applies them.
 */
export type CopyFreshness =
  | { state: "never-copied" }
  | { state: "stale"; runId: number }
  | { state: "current"; runId: number; runStatus: string };

export async function latestCopyRun(ctx: AppContext) {
  const run = await latestRunWithEvidence(ctx.db, "copy");
  if (!run) return null;
  const checks = await checksOfRun(ctx.db, run.id);
  return { run, checks };
}

export async function copyFreshness(ctx: AppContext): Promise<CopyFreshness> {
  const latest = await latestCopyRun(ctx);
  if (!latest) return { state: "never-copied" };
  const [plan, decisions] = await Promise.all([getPlanOverview(ctx.db), loadDecisions(ctx.db)]);
  const expected = canonicalHash({ sources: plan?.planHash ?? null, decisions: decisions.hash });
  const evidence = JSON.parse(latest.run.evidence!) as { planHash?: string };
  return evidence.planHash === expected
    ? { state: "current", runId: latest.run.id, runStatus: latest.run.status }
    : { state: "stale", runId: latest.run.id };
}
