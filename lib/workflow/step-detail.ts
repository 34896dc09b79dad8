import "server-only";
import type { AppContext } from "../app-context";
import { getStepOrThrow, type StepId } from "./steps";
import { checksOfRun, recentApprovals, recentRuns } from "./store";
import { getStepStatusOrThrow } from "./workflow";

/** Everything a step page shows: definition, state, latest run with checks, history, approvals. */
export async function getStepDetail(ctx: AppContext, stepId: StepId) {
  const [status, runs, approvals] = await Promise.all([
    getStepStatusOrThrow(ctx, stepId),
    recentRuns(ctx.db, stepId, 10),
    recentApprovals(ctx.db, stepId, 10),
  ]);
  const latestRun = runs[0];
  const checks = latestRun ? await checksOfRun(ctx.db, latestRun.id) : [];
  return { definition: getStepOrThrow(stepId), status, latestRun, checks, runs, approvals };
}

export type StepDetail = Awaited<ReturnType<typeof getStepDetail>>;
