"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireOwnerAction } from "@/app/_lib/owner";
import { type ActionResult, toActionResult } from "@/lib/common/action-result";
import { backupRunInput, confirmProcessingStopped } from "@/lib/steps/backup-step";
import { cancelRunningStep, startCancellableRun } from "@/lib/steps/run-cancel";
import { OwnerFacingError } from "@/lib/workflow/types";

const PANEL_ACTOR = "owner (panel)";

const confirmSchema = z.object({
  confirmed: z.literal("on", { error: "Tick the box to confirm that processing is stopped." }),
});

export async function confirmProcessingStoppedAction(
  _previous: ActionResult | null,
  formData: FormData,
): Promise<ActionResult> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    const parsed = confirmSchema.safeParse({ confirmed: formData.get("confirmed") });
    if (!parsed.success) throw new OwnerFacingError(parsed.error.issues[0]?.message ?? "Invalid request.");
    await confirmProcessingStopped(ctx, PANEL_ACTOR);
    revalidatePath("/", "layout");
    return { message: "Recorded: processing is stopped." };
  });
}

const runSchema = z.object({ step: z.literal("backup", { error: "Invalid request." }) });

/** Starts the run and answers at once; the page polls its progress. The core refuses when not allowed. */
export async function runBackupAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    const parsed = runSchema.safeParse({ step: formData.get("step") });
    if (!parsed.success) throw new OwnerFacingError(parsed.error.issues[0]?.message ?? "Invalid request.");
    const { runId } = await startCancellableRun(ctx, (signal) => backupRunInput(ctx, PANEL_ACTOR, { signal }));
    revalidatePath("/", "layout");
    return { message: `Backup run #${runId} started.` };
  });
}

/** Stops the backup this panel started (a download too); its folder is left marked failed, with nothing in it. */
export async function cancelBackupAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    const parsed = runSchema.safeParse({ step: formData.get("step") });
    if (!parsed.success) throw new OwnerFacingError(parsed.error.issues[0]?.message ?? "Invalid request.");
    const { message } = await cancelRunningStep(ctx, "backup", PANEL_ACTOR);
    revalidatePath("/", "layout");
    return { message };
  });
}
