import type { Harness } from "./copy-harness";
import { approveStepWithGate } from "../../lib/steps/approve";
import { backupRunInput, confirmProcessingStopped } from "../../lib/steps/backup-step";
import { applySchemaRunInput } from "../../lib/steps/schema-step";
import { approveStep, runStepAction } from "../../lib/workflow/workflow";

/**
 * Steps 1 and 2 run and approved through the real core, so a test starts where step 3 begins.
 * A pair other than the demo pair fails the categorization count: `backupNote` is the reason
 * that waives it, as the owner would record.
 */
export async function approveThroughSchema(h: Harness, actor: string, backupNote?: string) {
  await confirmProcessingStopped(h.ctx, actor);
  await runStepAction(h.ctx, backupRunInput(h.ctx, actor));
  await approveStepWithGate(h.ctx, { stepId: "backup", actor, note: backupNote });
  await runStepAction(h.ctx, applySchemaRunInput(h.databaseUrl, actor));
  await approveStep(h.ctx, { stepId: "schema", actor });
}
