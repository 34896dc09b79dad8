import "server-only";
import type { AppContext } from "../app-context";
import { getStepOrThrow, type StepId } from "./steps";
import { getStepStatusOrThrow } from "./workflow";

/** Everything a step page shows: definition, state, latest run with checks, history, approvals. */
export async function getStepDetail(ctx: AppContext, stepId: StepId) {
  const [status, runs, approvals] = await Promise.all([
    getStepStatusOrThrow(ctx, stepId),
    ctx.db.stepRun.findMany({ where: { step: stepId }, orderBy: { id: "desc" }, take: 10 }),
    ctx.db.approval.findMany({ where: { step: stepId }, orderBy: { id: "desc" }, take: 10 }),
  ]);
  const latestRun = runs[0];
  const checks = latestRun
    ? await ctx.db.checkRecord.findMany({ where: { runId: latestRun.id }, orderBy: { position: "asc" } })
    : [];
  return { definition: getStepOrThrow(stepId), status, latestRun, checks, runs, approvals };
}

export type StepDetail = Awaited<ReturnType<typeof getStepDetail>>;
