"use server";

import { z } from "zod";
import { ownerAction } from "@/app/_lib/owner-action";
import { copyRunInput, planAction, verifyRunInput } from "@/lib/steps/copy-step";
import { cancelRunningStep, startCancellableRun } from "@/lib/steps/run-cancel";
import { resolveTargetUrl } from "@/lib/target/target-url";
import { startStepRun } from "@/lib/workflow/workflow";

const stepSchema = z.object({ step: z.literal("copy", { error: "Invalid request." }) });

/** Re-plans from the live sources: reads them, writes only the control DB (audited); refused while locked or running. */
export const replanAction = ownerAction(stepSchema, async (_input, { ctx, actor }) => {
  const result = await planAction(ctx, actor);
  return {
    message: `Plan #${result.planId} made from the sources: ${result.records.toLocaleString("en-US")} records.`,
  };
});

/** Starts copy (plan if needed, copy resuming an interrupted run, verify); the core refuses when not allowed. */
export const copyAndVerifyAction = ownerAction(stepSchema, async (_input, { ctx, actor }) => {
  const databaseUrl = await resolveTargetUrl(ctx);
  const { runId } = await startCancellableRun(ctx, (signal) => copyRunInput(ctx, databaseUrl, actor, { signal }));
  return { message: `Copy run #${runId} started; its checks appear below when verify ends.` };
});

export const verifyAgainAction = ownerAction(stepSchema, async (_input, { ctx, actor }) => {
  const databaseUrl = await resolveTargetUrl(ctx);
  const { runId } = await startStepRun(ctx, verifyRunInput(ctx, databaseUrl, actor));
  return { message: `Verify run #${runId} started; it only reads.` };
});

export const cancelCopyAction = ownerAction(stepSchema, async (_input, { ctx, actor }) => {
  return cancelRunningStep(ctx, "copy", actor);
});
