import "server-only";
import type { AppContext } from "@/lib/app-context";
import { getPlanOverview } from "@/lib/merge/store/plan-queries";
import type { CheckResult } from "@/lib/workflow/types";
import { copyFreshness, latestCopyRun } from "./copy-freshness";
import { GATE_CASES } from "./decision-state";
import { loadReviewProgress } from "./review-progress";

/**
 * Step 3's review gate, re-run by the server at approval (lib/steps/approve.ts) and shown on
 * the records page: every conflict and resurrection candidate decided (or its default
 * confirmed), PostgreSQL holding those decisions, and the latest verify's categorization and
 * ledger checks green.
 */
export const LEDGER_CHECK = "Ledger: every source row in the target or in quarantine";
export const CATEGORIZATION_CHECK = "Categorization records identical";

export async function reviewGateChecks(ctx: AppContext): Promise<CheckResult[]> {
  return (await reviewGate(ctx)).checks;
}

/** The checks with what they were made of, so the records page reads the plan once. */
export async function reviewGate(ctx: AppContext) {
  const plan = await getPlanOverview(ctx.db);
  if (!plan) {
    const checks = [
      { name: "Review: merge plan", ok: false, detail: "there is no merge plan yet; run the copy first" },
    ];
    return { checks, progress: null, freshness: null };
  }
  const [progress, freshness, latest] = await Promise.all([
    loadReviewProgress(ctx, plan.id),
    copyFreshness(ctx),
    latestCopyRun(ctx),
  ]);
  const gateUndecided = progress.undecided.filter((r) => GATE_CASES.includes(r.mergeCase as never));
  const total = GATE_CASES.reduce((sum, c) => {
    const t = progress.byCase[c];
    return sum + (t ? t.decided + t.confirmed + t.undecided : 0);
  }, 0);
  const fromRun = (name: string): CheckResult => {
    const check = latest?.checks.find((c) => c.name === name);
    return {
      name: `Review: ${name.toLowerCase()}`,
      ok: Boolean(check?.ok),
      detail: check ? `${check.ok ? "" : "not green: "}${check.detail} (run #${latest!.run.id})` : "no verify run yet",
    };
  };
  const checks: CheckResult[] = [
    {
      name: "Review: every conflict and resurrection candidate decided",
      ok: gateUndecided.length === 0,
      detail:
        gateUndecided.length === 0
          ? `${total} of ${total} decided or their defaults confirmed`
          : `${gateUndecided.length} of ${total} still need a decision or a confirmed default: ${gateUndecided
              .slice(0, 10)
              .map((r) => r.videoId)
              .join(", ")}${gateUndecided.length > 10 ? ", …" : ""}`,
    },
    {
      name: "Review: PostgreSQL holds the current decisions",
      ok: freshness.state === "current",
      detail:
        freshness.state === "current"
          ? `run #${freshness.runId} applied every decision`
          : freshness.state === "stale"
            ? `a decision changed after run #${freshness.runId}; run the copy again to apply it`
            : "nothing copied yet; run the copy",
    },
    fromRun(CATEGORIZATION_CHECK),
    fromRun(LEDGER_CHECK),
  ];
  return { checks, progress, freshness };
}
