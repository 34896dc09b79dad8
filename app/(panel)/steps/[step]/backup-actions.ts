"use server";

import { z } from "zod";
import { ownerAction } from "@/app/_lib/owner-action";
import { backupRunInput, confirmProcessingStopped } from "@/lib/steps/backup-step";
import { cancelRunningStep, startCancellableRun } from "@/lib/steps/run-cancel";

const confirmSchema = z.object({
  confirmed: z.literal("on", { error: "Tick the box to confirm that processing is stopped." }),
});

export const confirmProcessingStoppedAction = ownerAction(confirmSchema, async (_input, { ctx, actor }) => {
  await confirmProcessingStopped(ctx, actor);
  return { message: "Recorded: processing is stopped." };
});

const runSchema = z.object({ step: z.literal("backup", { error: "Invalid request." }) });

/** Starts the run and answers at once; the page polls its progress. The core refuses when not allowed. */
export const runBackupAction = ownerAction(runSchema, async (_input, { ctx, actor }) => {
  const { runId } = await startCancellableRun(ctx, (signal) => backupRunInput(ctx, actor, { signal }));
  return { message: `Backup run #${runId} started.` };
});

/** Stops the backup this panel started (a download too); its folder is left marked failed, with nothing in it. */
export const cancelBackupAction = ownerAction(runSchema, async (_input, { ctx, actor }) => {
  return cancelRunningStep(ctx, "backup", actor);
});
