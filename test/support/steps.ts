import type { Harness } from "./copy-harness";
import { approveStepWithGate } from "../../lib/steps/approve";
import { backupRunInput, confirmProcessingStopped } from "../../lib/steps/backup-step";
import { applySchemaRunInput } from "../../lib/steps/schema-step";
import { copyRunInput } from "../../lib/steps/copy-step";
import { confirmDefaults } from "../../lib/review/decide";
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

/** Steps 1–3 run and approved (the review's defaults confirmed, the phrase typed), so a test starts at step 4. */
export async function approveThroughCopy(h: Harness, actor: string) {
  await approveThroughSchema(h, actor);
  const copied = await runStepAction(h.ctx, copyRunInput(h.ctx, h.databaseUrl, actor));
  if (copied.status !== "passed") throw new Error(`the copy did not pass: ${JSON.stringify(copied.checks)}`);
  await confirmDefaults(h.ctx, "all", actor, "all records");
  await approveStepWithGate(h.ctx, { stepId: "copy", actor, confirmation: "copy is complete" });
}
