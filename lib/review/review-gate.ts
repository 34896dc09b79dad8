import "server-only";
import type { AppContext } from "@/lib/app-context";
import { getPlanOverview } from "@/lib/merge/store/plan-queries";
import type { CheckResult } from "@/lib/workflow/types";
import { copyFreshness, latestCopyRun } from "./copy-freshness";
import { GATE_CASES } from "./decision-state";
import { loadReviewProgress, type ReviewProgress } from "./review-progress";

/**
 * Step 3's review gate, re-run by the server at approval (lib/steps/approve.ts), asked by the
 * step page whether to offer Approve, and shown on the records page: every conflict and
 * resurrection candidate decided (or its default confirmed), PostgreSQL holding those
 * decisions, and the latest verify's categorization and ledger checks green. Each open
 * condition links to where the owner settles it.
 */
export const LEDGER_CHECK = "Ledger: every source row in the target or in quarantine";
export const CATEGORIZATION_CHECK = "Categorization records identical";
export const DECISIONS_CHECK = "Review: every conflict and resurrection candidate decided";

/** `summary`: the line the panel shows, without the video ids the refusal names for the terminal. */
export type ReviewGateCheck = CheckResult & { href?: string; summary?: string };

/** The decisions still open, counted once for the gate and the "Confirm defaults" form alike. */
export type PendingDecisions = {
  /** conflicts and resurrection candidates the gate waits for */
  gate: { videoId: string; mergeCase: string }[];
  /** how many records the gate asks about in all */
  gateTotal: number;
  /** NAS-new videos whose default (copy) is not confirmed: the gate does not wait for them */
  optional: number;
};

export function pendingDecisions(progress: ReviewProgress): PendingDecisions {
  const gate = progress.undecided.filter((r) => GATE_CASES.includes(r.mergeCase as never));
  const gateTotal = GATE_CASES.reduce((sum, c) => {
    const t = progress.byCase[c];
    return sum + (t ? t.decided + t.confirmed + t.undecided : 0);
  }, 0);
  return { gate, gateTotal, optional: progress.undecided.length - gate.length };
}

export async function reviewGateChecks(ctx: AppContext): Promise<ReviewGateCheck[]> {
  return (await reviewGate(ctx)).checks;
}

/** The checks with what they were made of, so the records page reads the plan once. */
export async function reviewGate(ctx: AppContext) {
  const plan = await getPlanOverview(ctx.db);
  if (!plan) {
    const checks: ReviewGateCheck[] = [
      {
        name: "Review: merge plan",
        ok: false,
        detail: "there is no merge plan yet; run Copy and verify first",
        href: "/steps/copy#copy-run-heading",
      },
    ];
    return { checks, progress: null, pending: null, freshness: null };
  }
  const [progress, freshness, latest] = await Promise.all([
    loadReviewProgress(ctx, plan.id),
    copyFreshness(ctx),
    latestCopyRun(ctx),
  ]);
  const pending = pendingDecisions(progress);
  const open = pending.gate.length;
  const fromRun = (name: string): ReviewGateCheck => {
    const check = latest?.checks.find((c) => c.name === name);
    return {
      name: `Review: ${name.toLowerCase()}`,
      ok: Boolean(check?.ok),
      detail: check ? `${check.ok ? "" : "not green: "}${check.detail} (run #${latest!.run.id})` : "no verify run yet",
      href: "/steps/copy#checks-heading",
    };
  };
  const checks: ReviewGateCheck[] = [
    {
      name: DECISIONS_CHECK,
      ok: open === 0,
      detail:
        open === 0
          ? `${pending.gateTotal} of ${pending.gateTotal} decided or their defaults confirmed`
          : `${open} of ${pending.gateTotal} still need a decision or a confirmed default: ${pending.gate
              .slice(0, 10)
              .map((r) => r.videoId)
              .join(", ")}${open > 10 ? ", …" : ""}`,
      summary:
        open === 0
          ? undefined
          : `${open} of ${pending.gateTotal} conflicts and resurrection candidates still need a decision or a confirmed default`,
      href: "/steps/copy/records?open=1",
    },
    {
      name: "Review: PostgreSQL holds the current decisions",
      ok: freshness.state === "current",
      detail:
        freshness.state === "current"
          ? `run #${freshness.runId} applied every decision`
          : freshness.state === "stale"
            ? `a decision changed after run #${freshness.runId}; run Copy and verify again (npx cutover copy) to apply it`
            : "nothing copied yet; run Copy and verify (npx cutover copy)",
      href: "/steps/copy#copy-run-heading",
    },
    fromRun(CATEGORIZATION_CHECK),
    fromRun(LEDGER_CHECK),
  ];
  return { checks, progress, pending, freshness };
}
