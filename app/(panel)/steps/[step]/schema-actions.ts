"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireOwnerAction } from "@/app/_lib/owner";
import { type ActionResult, toActionResult } from "@/lib/common/action-result";
import { applySchemaRunInput } from "@/lib/steps/schema-step";
import { resolveTargetUrl } from "@/lib/target/target-url";
import { startStepRun } from "@/lib/workflow/workflow";
import { OwnerFacingError } from "@/lib/workflow/types";

const applySchema = z.object({
  confirmed: z.literal("yes", { error: "Confirm the apply first." }),
});

/**
 * Starts the apply and answers at once; the page polls the run and shows its checks. The core
 * refuses (audited, nothing changed) when the step is locked, the target conflicts or is busy.
 */
export async function applySchemaAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return toActionResult(async () => {
    const ctx = await requireOwnerAction();
    const parsed = applySchema.safeParse({ confirmed: formData.get("confirmed") });
    if (!parsed.success) throw new OwnerFacingError(parsed.error.issues[0]?.message ?? "Invalid request.");
    const databaseUrl = await resolveTargetUrl(ctx);
    const { runId } = await startStepRun(ctx, applySchemaRunInput(databaseUrl, "owner (panel)"));
    revalidatePath("/", "layout");
    return { message: `Schema apply run #${runId} started; its checks appear below when it ends.` };
  });
}
