"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireOwnerAction } from "@/app/_lib/owner";
import { appendAudit } from "@/lib/audit/audit-log";
import { type ActionResult, toActionResult } from "@/lib/common/action-result";
import { copyRunInput, planAction, verifyRunInput } from "@/lib/steps/copy-step";
import { cancelRunningStep, startCancellableRun } from "@/lib/steps/run-cancel";
import { resolveTargetUrl } from "@/lib/target/target-url";
import { getStepStatusOrThrow, startStepRun } from "@/lib/workflow/workflow";
import { OwnerFacingError } from "@/lib/workflow/types";

const PANEL_ACTOR = "owner (panel)";

const stepSchema = z.object({ step: z.literal("copy", { error: "Invalid request." }) });

function parseStep(formData: FormData) {
  const parsed = stepSchema.safeParse({ step: formData.get("step") });
  if (!parsed.success) throw new OwnerFacingError(parsed.error.issues[0]?.message ?? "Invalid request.");
}

/**
 * Re-plans from the live sources: reads them, writes only the control DB (audited). Refused
 * while the step is locked or a run is going, since a copy reads the plan as it runs.
 */
export async function replanAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    parseStep(formData);
    const status = await getStepStatusOrThrow(ctx, "copy");
    const refusal =
      status.state === "locked"
        ? `Refused: ${status.reason}`
        : status.state === "running"
          ? "Refused: a run is going; re-plan when it has ended."
          : null;
    if (refusal) {
      await appendAudit(ctx.db, {
        actor: PANEL_ACTOR,
        step: "copy",
        action: "plan",
        outcome: "refused",
        detail: { reason: refusal },
      });
      throw new OwnerFacingError(refusal, "refused");
    }
    const result = await planAction(ctx, PANEL_ACTOR);
    revalidatePath("/", "layout");
    return {
      message: `Plan #${result.planId} made from the sources: ${result.records.toLocaleString("en-US")} records.`,
    };
  });
}

/** Starts copy (plan if needed, copy resuming an interrupted run, verify); the core refuses when not allowed. */
export async function copyAndVerifyAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    parseStep(formData);
    const databaseUrl = await resolveTargetUrl(ctx);
    const { runId } = await startCancellableRun(ctx, (signal) =>
      copyRunInput(ctx, databaseUrl, PANEL_ACTOR, { signal }),
    );
    revalidatePath("/", "layout");
    return { message: `Copy run #${runId} started; its checks appear below when verify ends.` };
  });
}

export async function verifyAgainAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    parseStep(formData);
    const databaseUrl = await resolveTargetUrl(ctx);
    const { runId } = await startStepRun(ctx, verifyRunInput(ctx, databaseUrl, PANEL_ACTOR));
    revalidatePath("/", "layout");
    return { message: `Verify run #${runId} started; it only reads.` };
  });
}

export async function cancelCopyAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    parseStep(formData);
    const { message } = await cancelRunningStep(ctx, "copy", PANEL_ACTOR);
    revalidatePath("/", "layout");
    return { message };
  });
}
