"use server";

import { z } from "zod";
import { ownerAction } from "@/app/_lib/owner-action";
import { applySchemaRunInput } from "@/lib/steps/schema-step";
import { resolveTargetUrl } from "@/lib/target/target-url";
import { startStepRun } from "@/lib/workflow/workflow";

const applySchema = z.object({
  confirmed: z.literal("yes", { error: "Confirm the apply first." }),
});

/**
 * Starts the apply and answers at once; the page polls the run and shows its checks. The core
 * refuses (audited, nothing changed) when the step is locked, the target conflicts or is busy.
 */
export const applySchemaAction = ownerAction(applySchema, async (_input, { ctx, actor }) => {
  const databaseUrl = await resolveTargetUrl(ctx);
  const { runId } = await startStepRun(ctx, applySchemaRunInput(databaseUrl, actor));
  return { message: `Schema apply run #${runId} started; its checks appear below when it ends.` };
});
